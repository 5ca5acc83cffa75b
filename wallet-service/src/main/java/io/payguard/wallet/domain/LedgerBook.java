package io.payguard.wallet.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The ledger in memory: {@link LedgerEngine} over maps, with the idempotency the service keeps in its
 * database (a command id seen before answers its first outcome again and changes nothing). Used by the
 * property tests, and as the executable description of what the PostgreSQL adapter must do.
 */
public final class LedgerBook implements LedgerView {

    private final LedgerEngine engine;
    private final Supplier<UUID> ids;
    private final Map<AccountId, Account> accounts = new TreeMap<>();
    private final Map<UUID, Hold> holds = new HashMap<>();
    private final List<JournalEntry> entries = new ArrayList<>();
    private final Map<String, Outcome> answered = new HashMap<>();

    public LedgerBook(LedgerEngine engine, Supplier<UUID> ids) {
        this.engine = engine;
        this.ids = ids;
    }

    public void open(Account account) {
        if (accounts.putIfAbsent(account.id(), account) != null) {
            throw new IllegalStateException("account exists");
        }
    }

    /** Applies {@code command} once per {@code commandId}; a repeat returns the first outcome. */
    public Outcome submit(String commandId, LedgerCommand command, Instant now) {
        var previous = answered.get(commandId);
        if (previous != null) {
            return previous;
        }
        var outcome = engine.apply(command, this, ids.get(), now);
        switch (outcome) {
            case Outcome.Posted p -> {
                entries.add(p.entry());
                p.accounts().forEach(a -> accounts.put(a.id(), a));
                if (p.hold() != null) {
                    holds.put(p.hold().id(), p.hold());
                }
            }
            case Outcome.HoldChanged h -> {
                holds.put(h.hold().id(), h.hold());
                accounts.put(h.wallet().id(), h.wallet());
            }
            case Outcome.Refused r -> {
                // nothing changes
            }
            case Outcome.Rejected r -> {
                // nothing changes
            }
        }
        answered.put(commandId, outcome);
        return outcome;
    }

    @Override
    public Optional<Account> account(AccountId id) {
        return Optional.ofNullable(accounts.get(id));
    }

    @Override
    public Optional<Hold> hold(UUID id) {
        return Optional.ofNullable(holds.get(id));
    }

    public Collection<Account> accounts() {
        return List.copyOf(accounts.values());
    }

    public Collection<Hold> holds() {
        return List.copyOf(holds.values());
    }

    public List<JournalEntry> entries() {
        return List.copyOf(entries);
    }

    /** The figures {@link LedgerInvariants} checks, computed the slow way from the entries. */
    public List<LedgerInvariants.AccountFigures> figures() {
        var postingSums = new HashMap<AccountId, Long>();
        for (var e : entries) {
            for (var p : e.postings()) {
                postingSums.merge(p.account(), p.amount().minor(), Long::sum);
            }
        }
        var activeHolds = new HashMap<AccountId, Long>();
        for (var h : holds.values()) {
            if (h.isActive()) {
                activeHolds.merge(h.wallet(), h.amount().minor(), Long::sum);
            }
        }
        return accounts.values().stream()
                .map(a -> new LedgerInvariants.AccountFigures(
                        a.id(),
                        a.currency().getCurrencyCode(),
                        a.balance(),
                        a.held(),
                        postingSums.getOrDefault(a.id(), 0L),
                        activeHolds.getOrDefault(a.id(), 0L),
                        a.overdraftAllowed()))
                .toList();
    }
}

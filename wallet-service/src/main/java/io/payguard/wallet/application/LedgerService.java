package io.payguard.wallet.application;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.payguard.wallet.application.port.LedgerEvents;
import io.payguard.wallet.application.port.LedgerStore;
import io.payguard.wallet.config.WalletConfig;
import io.payguard.wallet.domain.Account;
import io.payguard.wallet.domain.AccountId;
import io.payguard.wallet.domain.Hold;
import io.payguard.wallet.domain.JournalEntry;
import io.payguard.wallet.domain.LedgerCommand;
import io.payguard.wallet.domain.LedgerEngine;
import io.payguard.wallet.domain.LedgerInvariants;
import io.payguard.wallet.domain.LedgerView;
import io.payguard.wallet.domain.LimitPolicy;
import io.payguard.wallet.domain.Outcome;
import io.payguard.wallet.domain.WalletClass;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Runs ledger commands against the database: lock the accounts the command touches (ascending id order),
 * then the hold, let {@link LedgerEngine} decide, write the outcome, and announce a posted entry through
 * {@link LedgerEvents} (the transactional outbox), all in the caller's transaction.
 */
@ApplicationScoped
public class LedgerService {

    private final LedgerStore store;
    private final LedgerEngine engine;
    private final AccountLayout layout;
    private final LedgerEvents events;
    private final Clock clock;
    private final Ids ids;
    private final Set<String> ensured = ConcurrentHashMap.newKeySet();
    private final Timer posting;

    public LedgerService(
            LedgerStore store,
            WalletConfig config,
            AccountLayout layout,
            LedgerEvents events,
            Clock clock,
            Ids ids,
            MeterRegistry registry) {
        this.store = store;
        this.engine = new LedgerEngine(policy(config), config.limitZone());
        this.layout = layout;
        this.events = events;
        this.clock = clock;
        this.ids = ids;
        this.posting = Timer.builder("payguard.wallet.ledger.command")
                .description("Ledger commands, lock to write")
                .register(registry);
    }

    static LimitPolicy policy(WalletConfig config) {
        var limits = new java.util.EnumMap<WalletClass, LimitPolicy.ClassLimits>(WalletClass.class);
        for (var c : WalletClass.values()) {
            var l = config.limits().get(c.id().replace('_', '-'));
            if (l == null) {
                throw new IllegalStateException(
                        "payguard.wallet.limits." + c.id().replace('_', '-') + " is not configured");
            }
            limits.put(
                    c, new LimitPolicy.ClassLimits(l.perTransaction(), l.daily(), l.yearly(), l.cumulativeOutflow()));
        }
        return new LimitPolicy(limits);
    }

    public LedgerEngine engine() {
        return engine;
    }

    /**
     * Makes sure the system accounts of {@code currency} (and the merchant's buckets) exist, in a transaction
     * of its own, once per process. Call it before the transaction that needs them.
     */
    public Uni<Void> ensureAccounts(java.util.Currency currency, String merchantId) {
        String systemKey = "s:" + currency.getCurrencyCode();
        String merchantKey = merchantId == null ? null : "m:" + merchantId + ":" + currency.getCurrencyCode();
        var wanted = new ArrayList<Account>();
        LocalDate today = LocalDate.now(clock);
        if (!ensured.contains(systemKey)) {
            wanted.addAll(layout.systemAccounts(currency, today));
        }
        if (merchantKey != null && !ensured.contains(merchantKey)) {
            wanted.addAll(layout.merchantAccounts(merchantId, currency, today));
        }
        if (wanted.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.withTransaction(() -> store.ensure(wanted, clock.instant()))
                .invoke(() -> {
                    ensured.add(systemKey);
                    if (merchantKey != null) {
                        ensured.add(merchantKey);
                    }
                });
    }

    /** Applies one command; must run inside a transaction. */
    public Uni<Outcome> execute(LedgerCommand command) {
        return execute(command, null);
    }

    /** As {@link #execute(LedgerCommand)}; {@code merchantOfNewHold} is recorded on a hold this command places. */
    public Uni<Outcome> execute(LedgerCommand command, String merchantOfNewHold) {
        long start = System.nanoTime();
        return holdOf(command)
                .flatMap(hold -> {
                    var accountIds = accountsOf(command, hold.orElse(null));
                    return store.lock(accountIds)
                            .flatMap(locked -> (hold.isPresent()
                                            ? store.hold(hold.get().id(), true)
                                            : Uni.createFrom().item(Optional.<Hold>empty()))
                                    .flatMap(lockedHold -> {
                                        var now = clock.instant();
                                        var view = new LockedView(locked, lockedHold);
                                        var outcome = engine.apply(command, view, ids.next(), now);
                                        return store.save(outcome, locked, merchantOfNewHold, now)
                                                .flatMap(x -> outcome instanceof Outcome.Posted p
                                                        ? events.entryPosted(p.entry())
                                                        : Uni.createFrom().voidItem())
                                                .replaceWith(outcome);
                                    }));
                })
                .invoke(() -> posting.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS));
    }

    public Uni<Optional<JournalEntry>> entry(UUID id) {
        return store.entry(id);
    }

    /**
     * Posts the reversing entry of {@code entryId} (an operator's correction); empty when there is no such
     * entry. Must run inside a transaction.
     */
    public Uni<Optional<Outcome>> reverse(UUID entryId, String reason) {
        return store.entry(entryId).flatMap(entry -> {
            if (entry.isEmpty()) {
                return Uni.createFrom().item(Optional.empty());
            }
            return store.reversed(entryId)
                    .flatMap(done -> done
                            ? Uni.createFrom().item(Optional.<Outcome>of(new Outcome.Rejected("already_reversed")))
                            : execute(new LedgerCommand.Reverse(entry.get(), reason))
                                    .map(Optional::of));
        });
    }

    public Uni<LedgerInvariants.Report> checkInvariants() {
        return Panache.withSession(() -> store.figures()).map(LedgerInvariants::check);
    }

    private Uni<Optional<Hold>> holdOf(LedgerCommand command) {
        UUID holdId = switch (command) {
            case LedgerCommand.CaptureHold c -> c.holdId();
            case LedgerCommand.VoidHold c -> c.holdId();
            case LedgerCommand.ExpireHold c -> c.holdId();
            default -> null;
        };
        return holdId == null ? Uni.createFrom().item(Optional.empty()) : store.hold(holdId, false);
    }

    private static List<AccountId> accountsOf(LedgerCommand command, Hold hold) {
        return switch (command) {
            case LedgerCommand.TopUp c -> List.of(c.wallet(), c.clearing());
            case LedgerCommand.Transfer c -> List.of(c.from(), c.to());
            case LedgerCommand.PlaceHold c -> List.of(c.wallet());
            case LedgerCommand.CaptureHold c -> hold == null ? List.of() : List.of(hold.wallet(), c.payee());
            case LedgerCommand.PlaceAndCaptureHold c -> List.of(c.wallet(), c.payee());
            case LedgerCommand.VoidHold c -> hold == null ? List.of() : List.of(hold.wallet());
            case LedgerCommand.ExpireHold c -> hold == null ? List.of() : List.of(hold.wallet());
            case LedgerCommand.Refund c -> {
                var all = new ArrayList<>(c.merchantBuckets());
                all.add(c.wallet());
                yield all;
            }
            case LedgerCommand.Reverse c ->
                c.original().postings().stream().map(p -> p.account()).toList();
        };
    }

    /** The locked rows as the engine sees them; accounts that were not found are absent. */
    private record LockedView(Map<AccountId, Account> accounts, Optional<Hold> lockedHold) implements LedgerView {
        @Override
        public Optional<Account> account(AccountId id) {
            return Optional.ofNullable(accounts.get(id));
        }

        @Override
        public Optional<Hold> hold(UUID id) {
            return lockedHold.filter(h -> h.id().equals(id));
        }
    }
}

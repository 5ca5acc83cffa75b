package io.payguard.wallet.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import io.payguard.kernel.Money;
import io.payguard.wallet.domain.LedgerCommand.CaptureHold;
import io.payguard.wallet.domain.LedgerCommand.ExpireHold;
import io.payguard.wallet.domain.LedgerCommand.PlaceAndCaptureHold;
import io.payguard.wallet.domain.LedgerCommand.PlaceHold;
import io.payguard.wallet.domain.LedgerCommand.Refund;
import io.payguard.wallet.domain.LedgerCommand.Reverse;
import io.payguard.wallet.domain.LedgerCommand.TopUp;
import io.payguard.wallet.domain.LedgerCommand.Transfer;
import io.payguard.wallet.domain.LedgerCommand.VoidHold;
import io.payguard.wallet.domain.Outcome.HoldChanged;
import io.payguard.wallet.domain.Outcome.Posted;
import io.payguard.wallet.domain.Outcome.Refused;
import io.payguard.wallet.domain.Outcome.Rejected;

/**
 * The ledger's rules as one pure function: a command, the (locked) state it touches, a fresh entry id and
 * the time in, an {@link Outcome} out. It never mutates anything; the caller persists what it returns.
 * The same function runs behind the PostgreSQL adapter and the in-memory {@link LedgerBook}.
 */
public final class LedgerEngine {

    private final LimitPolicy limits;
    private final ZoneId zone;

    public LedgerEngine(LimitPolicy limits, ZoneId zone) {
        this.limits = Objects.requireNonNull(limits);
        this.zone = Objects.requireNonNull(zone);
    }

    public ZoneId zone() {
        return zone;
    }

    public Outcome apply(LedgerCommand command, LedgerView view, UUID entryId, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, zone);
        return switch (command) {
            case TopUp c -> topUp(c, view, entryId, now);
            case Transfer c -> transfer(c, view, entryId, now, today);
            case PlaceHold c -> placeHold(c, view, now, today);
            case CaptureHold c -> capture(c, view, entryId, now, today);
            case PlaceAndCaptureHold c -> placeAndCapture(c, view, entryId, now, today);
            case VoidHold c -> release(c.holdId(), Hold.Status.VOIDED, view, now, today);
            case ExpireHold c -> release(c.holdId(), Hold.Status.EXPIRED, view, now, today);
            case Refund c -> refund(c, view, entryId, now);
            case Reverse c -> reverse(c, view, entryId, now);
        };
    }

    private Outcome topUp(TopUp c, LedgerView view, UUID entryId, Instant now) {
        requirePositive(c.amount());
        var wallet = view.account(c.wallet()).filter(Account::isCustomerWallet);
        var clearing = view.account(c.clearing());
        if (wallet.isEmpty() || clearing.isEmpty()) {
            return Refused.of(RefusalReason.WALLET_NOT_FOUND);
        }
        if (wallet.get().frozen()) {
            return Refused.of(RefusalReason.WALLET_FROZEN);
        }
        // money back from withdrawal clearing is a payout the bank returned, not new money
        var kind =
                clearing.get().type() == AccountType.WITHDRAWAL_CLEARING ? EntryKind.PAYOUT_RETURN : EntryKind.TOP_UP;
        var entry = JournalEntry.of(
                entryId,
                kind,
                c.reference(),
                now,
                Posting.debit(c.clearing(), c.amount()),
                Posting.credit(c.wallet(), c.amount()));
        return post(entry, accounts(wallet.get(), clearing.get()), null, 0);
    }

    private Outcome transfer(Transfer c, LedgerView view, UUID entryId, Instant now, LocalDate today) {
        requirePositive(c.amount());
        if (c.from().equals(c.to())) {
            return new Rejected("same_account");
        }
        var from = view.account(c.from());
        var to = view.account(c.to());
        if (from.isEmpty() || to.isEmpty()) {
            return Refused.of(RefusalReason.WALLET_NOT_FOUND);
        }
        if (!fits(c.kind(), from.get(), to.get())) {
            return Refused.of(RefusalReason.WALLET_NOT_FOUND);
        }
        if (from.get().frozen() || to.get().frozen()) {
            return Refused.of(RefusalReason.WALLET_FROZEN);
        }
        Account source = from.get();
        // giving a top-up back to the card it came from is not spending: no outflow limit counts it
        if (source.isCustomerWallet()
                && source.currency().equals(c.amount().currency())
                && c.kind() != EntryKind.TOP_UP_REFUND) {
            var check = limits.check(
                    source.walletClass(), source.usage(), c.amount().minor(), today);
            if (check instanceof LimitPolicy.Check.Exceeded e) {
                return new Refused(RefusalReason.LIMIT_EXCEEDED, e.limitId());
            }
            source = source.withUsage(((LimitPolicy.Check.Within) check).after());
        }
        var entry = JournalEntry.of(
                entryId,
                c.kind(),
                c.reference(),
                now,
                Posting.debit(c.from(), c.amount()),
                Posting.credit(c.to(), c.amount()));
        return post(entry, accounts(source, to.get()), null, 0);
    }

    /** A customer's transfer, payment or withdrawal leaves a wallet and lands on the right kind of account. */
    private static boolean fits(EntryKind kind, Account from, Account to) {
        return switch (kind) {
            case TRANSFER -> from.isCustomerWallet() && to.isCustomerWallet();
            case MERCHANT_PAYMENT -> from.isCustomerWallet() && to.type() == AccountType.MERCHANT_SETTLEMENT;
            case WITHDRAWAL -> from.isCustomerWallet() && to.type() == AccountType.WITHDRAWAL_CLEARING;
            case TOP_UP_REFUND -> from.isCustomerWallet() && to.type() == AccountType.FUNDING_CLEARING;
            default -> false;
        };
    }

    private Outcome placeHold(PlaceHold c, LedgerView view, Instant now, LocalDate today) {
        requirePositive(c.amount());
        if (view.hold(c.holdId()).isPresent()) {
            return new Rejected("duplicate_hold");
        }
        if (!c.expiresAt().isAfter(now)) {
            return new Rejected("hold_already_expired");
        }
        var found = view.account(c.wallet()).filter(Account::isCustomerWallet);
        if (found.isEmpty()) {
            return Refused.of(RefusalReason.WALLET_NOT_FOUND);
        }
        var wallet = found.get();
        if (wallet.frozen()) {
            return Refused.of(RefusalReason.WALLET_FROZEN);
        }
        if (wallet.closing()) {
            return Refused.of(RefusalReason.WALLET_CLOSING);
        }
        if (!wallet.currency().equals(c.amount().currency())) {
            return Refused.of(RefusalReason.CURRENCY_MISMATCH);
        }
        var check =
                limits.check(wallet.walletClass(), wallet.usage(), c.amount().minor(), today);
        if (check instanceof LimitPolicy.Check.Exceeded e) {
            return new Refused(RefusalReason.LIMIT_EXCEEDED, e.limitId());
        }
        if (!wallet.canCover(c.amount().minor())) {
            return Refused.of(RefusalReason.INSUFFICIENT_FUNDS);
        }
        var hold = new Hold(
                c.holdId(), c.wallet(), c.amount(), c.reference(), c.expiresAt(), today, Hold.Status.ACTIVE, 0);
        var after = wallet.hold(c.amount().minor()).withUsage(((LimitPolicy.Check.Within) check).after());
        return new HoldChanged(hold, after, 0);
    }

    private Outcome capture(CaptureHold c, LedgerView view, UUID entryId, Instant now, LocalDate today) {
        var found = view.hold(c.holdId());
        if (found.isEmpty()) {
            return new Rejected("unknown_hold");
        }
        var hold = found.get();
        if (!hold.isActive()) {
            return new Rejected("hold_not_active");
        }
        if (!now.isBefore(hold.expiresAt())) {
            return new Rejected("hold_expired");
        }
        if (!c.amount().currency().equals(hold.amount().currency())) {
            return new Rejected("currency_mismatch");
        }
        if (!c.amount().isPositive() || c.amount().minor() > hold.amount().minor()) {
            return new Rejected("capture_exceeds_hold");
        }
        var wallet = view.account(hold.wallet()).orElseThrow();
        var payee = view.account(c.payee());
        if (payee.isEmpty() || payee.get().id().equals(wallet.id())) {
            return new Rejected("unknown_payee");
        }
        long released = hold.amount().minor() - c.amount().minor();
        var freed = wallet.hold(-hold.amount().minor())
                .withUsage(wallet.usage().release(released, hold.reservedOn(), today));
        // a hold captured into withdrawal clearing is a payout the bank made: the statement calls it a withdrawal
        var kind =
                payee.get().type() == AccountType.WITHDRAWAL_CLEARING ? EntryKind.WITHDRAWAL : EntryKind.HOLD_CAPTURE;
        var entry = JournalEntry.of(
                entryId,
                kind,
                c.reference(),
                now,
                Posting.debit(wallet.id(), c.amount()),
                Posting.credit(c.payee(), c.amount()));
        return post(
                entry, accounts(freed, payee.get()), hold.captured(c.amount().minor()), released);
    }

    /**
     * {@link #placeHold} then {@link #capture} of the whole amount, the capture deciding on the state the placement
     * left (no rule of its own). A refusal or rejection of either step is the outcome, and nothing changes.
     */
    private Outcome placeAndCapture(
            PlaceAndCaptureHold c, LedgerView view, UUID entryId, Instant now, LocalDate today) {
        var placed = placeHold(c.place(), view, now, today);
        if (!(placed instanceof HoldChanged h)) {
            return placed;
        }
        LedgerView afterPlacing = new LedgerView() {
            @Override
            public Optional<Account> account(AccountId id) {
                return id.equals(h.wallet().id()) ? Optional.of(h.wallet()) : view.account(id);
            }

            @Override
            public Optional<Hold> hold(UUID id) {
                return id.equals(h.hold().id()) ? Optional.of(h.hold()) : view.hold(id);
            }
        };
        return capture(c.capture(), afterPlacing, entryId, now, today);
    }

    private Outcome release(UUID holdId, Hold.Status to, LedgerView view, Instant now, LocalDate today) {
        var found = view.hold(holdId);
        if (found.isEmpty()) {
            return new Rejected("unknown_hold");
        }
        var hold = found.get();
        if (!hold.isActive()) {
            return new Rejected("hold_not_active");
        }
        if (to == Hold.Status.EXPIRED && now.isBefore(hold.expiresAt())) {
            return new Rejected("hold_not_expired");
        }
        var wallet = view.account(hold.wallet()).orElseThrow();
        long amount = hold.amount().minor();
        var after = wallet.hold(-amount).withUsage(wallet.usage().release(amount, hold.reservedOn(), today));
        return new HoldChanged(hold.closed(to), after, amount);
    }

    private Outcome refund(Refund c, LedgerView view, UUID entryId, Instant now) {
        requirePositive(c.amount());
        var wallet = view.account(c.wallet()).filter(Account::isCustomerWallet);
        if (wallet.isEmpty()) {
            return Refused.of(RefusalReason.WALLET_NOT_FOUND);
        }
        var postings = new ArrayList<Posting>();
        var touched = new ArrayList<Account>();
        long remaining = c.amount().minor();
        for (var id : c.merchantBuckets()) {
            if (remaining == 0) {
                break;
            }
            var bucket = view.account(id);
            if (bucket.isEmpty() || !bucket.get().currency().equals(c.amount().currency())) {
                continue;
            }
            long take = Math.min(remaining, Math.max(0, bucket.get().available()));
            if (take > 0) {
                postings.add(Posting.debit(id, new Money(take, c.amount().currency())));
                touched.add(bucket.get());
                remaining -= take;
            }
        }
        if (remaining > 0) {
            return Refused.of(RefusalReason.INSUFFICIENT_FUNDS);
        }
        postings.add(Posting.credit(c.wallet(), c.amount()));
        touched.add(wallet.get());
        var entry = new JournalEntry(entryId, EntryKind.REFUND, c.reference(), postings, now, null);
        return post(entry, accounts(touched.toArray(Account[]::new)), null, 0);
    }

    private Outcome reverse(Reverse c, LedgerView view, UUID entryId, Instant now) {
        var touched = new ArrayList<Account>();
        for (var p : c.original().postings()) {
            Optional<Account> a = view.account(p.account());
            if (a.isEmpty()) {
                return Refused.of(RefusalReason.WALLET_NOT_FOUND);
            }
            touched.add(a.get());
        }
        return post(
                c.original().reversal(entryId, c.reference(), now), accounts(touched.toArray(Account[]::new)), null, 0);
    }

    /**
     * Applies the entry's postings to the accounts; refuses when a wallet is closing or a non-overdraft account would go
     * below zero available.
     */
    private static Outcome post(JournalEntry entry, Map<AccountId, Account> accounts, Hold hold, long released) {
        // a wallet being closed by an erasure request keeps its balance of zero until the commit or the abort
        if (accounts.values().stream().anyMatch(Account::closing)) {
            return Refused.of(RefusalReason.WALLET_CLOSING);
        }
        var changed = new LinkedHashMap<>(accounts);
        for (var p : entry.postings()) {
            var account = changed.get(p.account());
            if (!account.currency().equals(p.amount().currency())) {
                return Refused.of(RefusalReason.CURRENCY_MISMATCH);
            }
            changed.put(p.account(), account.post(p.amount().minor()));
        }
        for (var a : changed.values()) {
            if (!a.overdraftAllowed() && a.available() < 0) {
                return Refused.of(RefusalReason.INSUFFICIENT_FUNDS);
            }
        }
        return new Posted(entry, List.copyOf(changed.values()), hold, released);
    }

    private static Map<AccountId, Account> accounts(Account... accounts) {
        var map = new LinkedHashMap<AccountId, Account>();
        for (var a : accounts) {
            map.putIfAbsent(a.id(), a);
        }
        return map;
    }

    private static void requirePositive(Money amount) {
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("amounts are positive");
        }
    }
}

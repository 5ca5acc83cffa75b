package io.payguard.wallet.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.payguard.kernel.Money;

/** What can be asked of the ledger. Each is applied atomically by {@link LedgerEngine}. */
public sealed interface LedgerCommand {

    String reference();

    /** Money arrives from a funding source through a clearing account. */
    record TopUp(AccountId wallet, AccountId clearing, Money amount, String reference) implements LedgerCommand {}

    /**
     * Money moves from one account to another: a customer transfer, a merchant payment (into one of the
     * merchant's settlement buckets) or a withdrawal (into withdrawal clearing). Leaving a customer wallet,
     * it counts against the wallet's limits.
     */
    record Transfer(EntryKind kind, AccountId from, AccountId to, Money amount, String reference)
            implements LedgerCommand {}

    record PlaceHold(UUID holdId, AccountId wallet, Money amount, Instant expiresAt, String reference)
            implements LedgerCommand {}

    /** Captures {@code amount} (at most the held amount) into {@code payee}; the rest is released. */
    record CaptureHold(UUID holdId, AccountId payee, Money amount, String reference) implements LedgerCommand {}

    /**
     * Places a hold of {@code amount} on {@code wallet} and captures all of it into {@code payee} at once: the two
     * commands above applied as one (same rules, same limits, one {@code HOLD_CAPTURE} entry; the hold is recorded
     * as captured). Either both happen or neither does.
     */
    record PlaceAndCaptureHold(
            UUID holdId, AccountId wallet, AccountId payee, Money amount, Instant expiresAt, String reference)
            implements LedgerCommand {
        public PlaceHold place() {
            return new PlaceHold(holdId, wallet, amount, expiresAt, reference);
        }

        public CaptureHold capture() {
            return new CaptureHold(holdId, payee, amount, reference);
        }
    }

    record VoidHold(UUID holdId, String reference) implements LedgerCommand {}

    record ExpireHold(UUID holdId, String reference) implements LedgerCommand {}

    /** Pays money back to a wallet from a merchant's settlement buckets, taken in the order given. */
    record Refund(List<AccountId> merchantBuckets, AccountId wallet, Money amount, String reference)
            implements LedgerCommand {
        public Refund {
            merchantBuckets = List.copyOf(merchantBuckets);
        }
    }

    /** Undoes an earlier entry with a reversing entry. */
    record Reverse(JournalEntry original, String reference) implements LedgerCommand {}
}

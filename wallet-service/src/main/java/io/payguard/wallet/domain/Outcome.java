package io.payguard.wallet.domain;

import java.util.List;

/** What the ledger did with a command. Refusals and rejections are values, not exceptions. */
public sealed interface Outcome {

    /** An entry was posted; {@code accounts} are the changed accounts, {@code hold} the changed hold if any. */
    record Posted(JournalEntry entry, List<Account> accounts, Hold hold, long released) implements Outcome {
        public Posted {
            accounts = List.copyOf(accounts);
        }
    }

    /** A hold was placed, voided or expired: no entry, only the wallet's reserve changed. */
    record HoldChanged(Hold hold, Account wallet, long released) implements Outcome {}

    /** A legitimate request the ledger cannot grant now (funds, limits, state of the wallet). */
    record Refused(RefusalReason reason, String limit) implements Outcome {
        public static Refused of(RefusalReason reason) {
            return new Refused(reason, null);
        }
    }

    /** A request that can never succeed (unknown hold, capture above the hold, hold no longer active, ...). */
    record Rejected(String reason) implements Outcome {}
}

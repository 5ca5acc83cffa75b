package io.payguard.payment.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import io.payguard.kernel.Money;

/**
 * A payout of {@code amount} from the customer's wallet to their bank account (issue 13 item 2). The money is held on
 * the wallet first, sent to the bank, and debited only once the bank paid; an unknown outcome is never guessed, it
 * waits for a query; a payout the bank returns is credited back. Immutable: each step returns the next payout, or
 * empty when the step does not apply in the current status (a late or repeated answer), never throws.
 */
public record Payout(
        String id,
        String customerId,
        String walletId,
        String bankAccountId,
        Money amount,
        Status status,
        String holdId,
        String railReference,
        String failureReason,
        String debitEntryId,
        String returnEntryId,
        int recoveryAttempts,
        Instant createdAt,
        Instant updatedAt) {

    public static final String PREFIX = "po_";

    public enum Status {
        /** The wallet hold is asked for. */
        REQUESTED,
        /** Held on the wallet; about to go to the bank. */
        HELD,
        /** Sent to the bank (or being sent); its outcome is not known yet. */
        SENT,
        /** The bank paid; the wallet debit (the hold's settlement) is on its way. */
        SETTLING,
        /** Paid by the bank and debited from the wallet. */
        PAID,
        /** Not paid: refused by the wallet or rejected by the bank; nothing debited, the hold released. */
        FAILED,
        /** Paid, then returned by the bank: credited back to the wallet. */
        RETURNED;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Status of(String id) {
            return valueOf(id.toUpperCase(java.util.Locale.ROOT));
        }
    }

    public Payout {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(walletId, "walletId");
        Objects.requireNonNull(bankAccountId, "bankAccountId");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(status, "status");
        if (amount.minor() <= 0) {
            throw new IllegalArgumentException("amount must be positive");
        }
    }

    public static Payout request(
            String id, String customerId, String walletId, String bankAccountId, Money amount, Instant now) {
        return new Payout(
                id,
                customerId,
                walletId,
                bankAccountId,
                amount,
                Status.REQUESTED,
                null,
                null,
                null,
                null,
                null,
                0,
                now,
                now);
    }

    private Payout with(Status s, String hold, String failure, String debit, String ret, Instant now) {
        return with(s, hold, railReference, failure, debit, ret, recoveryAttempts, now);
    }

    private Payout with(
            Status s,
            String hold,
            String reference,
            String failure,
            String debit,
            String ret,
            int attempts,
            Instant now) {
        return new Payout(
                id,
                customerId,
                walletId,
                bankAccountId,
                amount,
                s,
                hold,
                reference,
                failure,
                debit,
                ret,
                attempts,
                createdAt,
                now);
    }

    /** The next payout when the step applies in the current status; empty otherwise (a late or repeated answer). */
    private static Optional<Payout> when(boolean applies, Payout next) {
        return applies ? Optional.of(next) : Optional.empty();
    }

    public Optional<Payout> held(String hold, Instant now) {
        return when(status == Status.REQUESTED, with(Status.HELD, hold, null, null, null, now));
    }

    /** The wallet refused the hold (funds, limits, not the customer's wallet): nothing was held. */
    public Optional<Payout> holdRefused(String reason, Instant now) {
        return when(status == Status.REQUESTED, with(Status.FAILED, null, reason, null, null, now));
    }

    /** Handed to the bank (a held payout, or one the bank never saw, sent again with the same id). */
    public Optional<Payout> sent(Instant now) {
        return when(status == Status.HELD || status == Status.SENT, with(Status.SENT, holdId, null, null, null, now));
    }

    /** The bank paid (answer or query): the hold is settled into withdrawal clearing next. */
    public Optional<Payout> paidByBank(String reference, Instant now) {
        return when(
                status == Status.HELD || status == Status.SENT,
                with(Status.SETTLING, holdId, reference, null, null, null, recoveryAttempts, now));
    }

    /** The bank rejected it (answer or query): the hold is voided, nothing is debited. */
    public Optional<Payout> rejectedByBank(String reason, Instant now) {
        return when(
                status == Status.HELD || status == Status.SENT, with(Status.FAILED, holdId, reason, null, null, now));
    }

    public Optional<Payout> debited(String entryId, Instant now) {
        return when(status == Status.SETTLING, with(Status.PAID, holdId, null, entryId, null, now));
    }

    /** The bank returned a paid payout: the money is credited back. */
    public Optional<Payout> returned(String reason, Instant now) {
        return when(status == Status.PAID, with(Status.RETURNED, holdId, reason, debitEntryId, null, now));
    }

    public Optional<Payout> creditedBack(String entryId, Instant now) {
        return when(
                status == Status.RETURNED && returnEntryId == null,
                with(Status.RETURNED, holdId, failureReason, debitEntryId, entryId, now));
    }

    /** One more recovery round that could not learn the bank's outcome. */
    public Payout unresolved(Instant now) {
        return with(
                status, holdId, railReference, failureReason, debitEntryId, returnEntryId, recoveryAttempts + 1, now);
    }
}

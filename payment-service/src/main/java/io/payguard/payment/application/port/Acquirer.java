package io.payguard.payment.application.port;

import io.payguard.kernel.Money;
import io.payguard.payment.domain.CardAuthentication;
import io.smallrye.mutiny.Uni;

/**
 * The acquirer-connector port. {@code authorise} carries the CVV once; nothing here stores it. A timeout is an
 * answer of its own: the caller resolves it with {@link #query} and, when still unknown, {@link #reverse}.
 */
public interface Acquirer {

    /**
     * {@code reference} is ours (the payment id): retries and queries of one authorisation are recognised by it.
     * {@code authentication}: the 3-D Secure result of this payment, when its challenge passed (else null).
     */
    record AuthorisationRequest(
            String reference,
            String merchantId,
            String pan,
            int expMonth,
            int expYear,
            String cvv,
            Money amount,
            CardAuthentication authentication) {
        @Override
        public String toString() {
            return "AuthorisationRequest[" + reference + " " + amount + "]";
        }
    }

    sealed interface Result {
        /** {@code captured}: how much of it has been captured (known to a {@link #query}; 0 on a fresh approval). */
        record Approved(String authorization, long captured) implements Result {
            public Approved(String authorization) {
                this(authorization, 0);
            }
        }

        record Declined(String reasonCode) implements Result {}

        /** The issuer asks for 3-D Secure before it decides. */
        record ChallengeRequired() implements Result {}

        /** No answer in time: the authorisation may or may not exist at the acquirer. */
        record Timeout() implements Result {}
    }

    Uni<Result> authorise(AuthorisationRequest request);

    /**
     * The outcome of an earlier authorisation attempt (with what was captured of it), or a timeout when the acquirer
     * cannot tell either.
     */
    Uni<Result> query(String reference);

    /** Captures {@code amount} of an approved authorisation; true when done. */
    Uni<Boolean> capture(String authorization, Money amount);

    /**
     * Refunds {@code amount} of a captured authorisation; true when done. Idempotent by {@code refundId}: a request
     * sent again with the same refund id refunds once and answers as the first did.
     */
    Uni<Boolean> refund(String authorization, String refundId, Money amount);

    /** What became of a refund request, asked by its refund id ({@link #refundStatus}). */
    sealed interface RefundStatus {
        /** The acquirer made this refund, of {@code amount} minor units. */
        record Refunded(long amount) implements RefundStatus {}

        /** The acquirer never received (or never made) a refund with this id: sending it again is safe. */
        record NotFound() implements RefundStatus {}

        /** The acquirer cannot tell now: ask again later, never guess. */
        record Unknown() implements RefundStatus {}
    }

    /** The outcome of an earlier refund request, by the refund id it was sent with. */
    Uni<RefundStatus> refundStatus(String refundId);

    /** Reverses (voids) whatever authorisation exists for {@code reference}; idempotent. */
    Uni<Void> reverse(String reference);
}

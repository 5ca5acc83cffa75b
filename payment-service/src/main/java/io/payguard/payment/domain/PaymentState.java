package io.payguard.payment.domain;

/**
 * The life of a payment intent, one type per state. Only the states carry what exists in them: an authorisation
 * reference only once funds are authorised, a reason only on a terminal failure or cancellation.
 */
public sealed interface PaymentState {

    String status();

    default boolean terminal() {
        return false;
    }

    /** Created without a payment method: it must be given at confirm. */
    record RequiresPaymentMethod() implements PaymentState {
        public String status() {
            return "requires_payment_method";
        }
    }

    /**
     * Ready to be confirmed. {@code authentication}: a card payment whose 3-D Secure challenge passed carries the
     * issuer's authentication result here until it is confirmed again (with the CVV, which is never kept).
     */
    record RequiresConfirmation(CardAuthentication authentication) implements PaymentState {
        public RequiresConfirmation() {
            this(null);
        }

        public String status() {
            return "requires_confirmation";
        }
    }

    /**
     * Strong customer authentication is outstanding: a one-time code (wallet SCA, or the issuer ACS's 3-D Secure
     * challenge of a card payment). {@code challengeId} names the challenge issued (null until it is). {@code review}:
     * the risk decision was review, so the authorisation that follows the challenge is held for review, not captured.
     */
    record RequiresAction(String challengeId, boolean review) implements PaymentState {
        public RequiresAction() {
            this(null, false);
        }

        public RequiresAction(String challengeId) {
            this(challengeId, false);
        }

        public String status() {
            return "requires_action";
        }
    }

    /**
     * Waiting for the funding side: authorising the full amount, or capturing {@code amount} of an authorisation.
     * {@code review} (authorising only): the risk decision was review, so the authorisation is asked for without
     * capture and, once given, the payment waits in {@link RequiresReview}.
     */
    record Processing(Step step, String authorization, long amount, boolean review) implements PaymentState {
        public enum Step {
            AUTHORISING,
            CAPTURING
        }

        public Processing(Step step, String authorization, long amount) {
            this(step, authorization, amount, false);
        }

        public String status() {
            return "processing";
        }
    }

    /** Funds are held under {@code authorization}; up to {@code capturable} may be captured. */
    record RequiresCapture(String authorization, long capturable) implements PaymentState {
        public String status() {
            return "requires_capture";
        }
    }

    /**
     * Risk review: funds of {@code amount} are held under {@code authorization} (a wallet hold, a card authorisation),
     * nothing is captured; an operator approves (capture) or declines (release), or the review expires (release).
     */
    record RequiresReview(String authorization, long amount) implements PaymentState {
        public String status() {
            return "requires_review";
        }
    }

    record Succeeded(String authorization, long captured) implements PaymentState {
        public String status() {
            return "succeeded";
        }
    }

    record Canceled(String reason) implements PaymentState {
        public String status() {
            return "canceled";
        }

        public boolean terminal() {
            return true;
        }
    }

    /** {@code riskRules}: the rule ids of the risk findings that declined the payment (empty for other failures). */
    record Failed(String reasonCode, java.util.List<String> riskRules) implements PaymentState {
        public Failed {
            riskRules = riskRules == null ? java.util.List.of() : java.util.List.copyOf(riskRules);
        }

        public Failed(String reasonCode) {
            this(reasonCode, java.util.List.of());
        }

        public String status() {
            return "failed";
        }

        public boolean terminal() {
            return true;
        }
    }
}

package io.payguard.payment.adapter.in.rest;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.payguard.payment.domain.MethodType;
import io.payguard.payment.domain.PaymentIntent;
import io.payguard.payment.domain.PaymentState;
import io.payguard.payment.domain.Refund;

/** Request and response models of the payment intents API (snake_case like the rest of the card industry's APIs). */
public final class PaymentApi {

    private PaymentApi() {}

    /** Exactly the writable fields of a new payment intent. */
    public record CreateIntent(
            Long amount,
            String currency,
            String description,
            String customer,
            @JsonProperty("payment_method_type") String paymentMethodType,
            @JsonProperty("capture_method") String captureMethod,
            Map<String, String> metadata) {}

    /** {@code cvc} is passed to the authorisation once: never stored, logged, hashed or echoed. */
    public record ConfirmIntent(
            @JsonProperty("payment_method_type") String paymentMethodType,
            @JsonProperty("payment_method") String paymentMethod,
            String cvc) {
        @Override
        public String toString() {
            return "ConfirmIntent[" + paymentMethodType + ", " + paymentMethod + "]";
        }

        /** What identifies the request for idempotency: everything but the CVV. */
        public ConfirmIntent withoutCvc() {
            return new ConfirmIntent(paymentMethodType, paymentMethod, null);
        }
    }

    /** A card to tokenise: number and expiry only (the CVV is given at confirm, never here). */
    public record CreateToken(
            String number,
            @JsonProperty("exp_month") Integer expMonth,
            @JsonProperty("exp_year") Integer expYear) {
        @Override
        public String toString() {
            return "CreateToken[***]";
        }
    }

    public record CardView(
            String brand,
            String first6,
            String last4,
            @JsonProperty("exp_month") int expMonth,
            @JsonProperty("exp_year") int expYear) {}

    public record TokenView(String id, String object, CardView card, Instant created) {}

    public record Authenticate(String code) {
        @Override
        public String toString() {
            return "Authenticate[***]";
        }
    }

    public record CaptureIntent(
            @JsonProperty("amount_to_capture") Long amountToCapture) {}

    public record CancelIntent(
            @JsonProperty("cancellation_reason") String cancellationReason) {}

    public record CreateRefund(Long amount) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Intent(
            String id,
            String object,
            long amount,
            String currency,
            String status,
            String description,
            String customer,
            @JsonProperty("payment_method_type") String paymentMethodType,
            @JsonProperty("capture_method") String captureMethod,
            @JsonProperty("amount_capturable") long amountCapturable,
            @JsonProperty("amount_received") long amountReceived,
            @JsonProperty("amount_refunded") long amountRefunded,
            @JsonProperty("cancellation_reason") String cancellationReason,
            @JsonProperty("failure_code") String failureCode,
            @JsonProperty("next_action") NextAction nextAction,
            Map<String, String> metadata,
            Instant created,
            Instant updated) {

        public static Intent of(PaymentIntent p) {
            long capturable = p.state() instanceof PaymentState.RequiresCapture r ? r.capturable() : 0;
            String canceled = p.state() instanceof PaymentState.Canceled c ? c.reason() : null;
            String failure = p.state() instanceof PaymentState.Failed f ? f.reasonCode() : null;
            return new Intent(
                    p.id(),
                    "payment_intent",
                    p.amount().minor(),
                    p.amount().currencyCode(),
                    p.status(),
                    p.description(),
                    p.customerId(),
                    p.method() == null ? null : p.method().id(),
                    p.captureMethod().id(),
                    capturable,
                    p.captured(),
                    p.refunded(),
                    canceled,
                    failure,
                    NextAction.of(p),
                    p.metadata(),
                    p.createdAt(),
                    p.updatedAt());
        }
    }

    /**
     * What the client must do for a payment in {@code requires_action}: {@code three_d_secure} (a card: the issuer's
     * challenge; after it passes, confirm again with the card and its CVV) or {@code sca_code} (a wallet: the
     * one-time code; the payment then proceeds by itself). The paying customer POSTs the code to
     * {@code authenticate_url} and may ask for a new one at {@code resend_url}.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NextAction(
            String type,
            @JsonProperty("challenge_id") String challengeId,
            @JsonProperty("authenticate_url") String authenticateUrl,
            @JsonProperty("resend_url") String resendUrl) {

        static NextAction of(PaymentIntent p) {
            if (!(p.state() instanceof PaymentState.RequiresAction a)) {
                return null;
            }
            String base = "/v1/payment_intents/" + p.id() + "/authenticate";
            return new NextAction(
                    p.method() == MethodType.CARD ? "three_d_secure" : "sca_code",
                    a.challengeId(),
                    base,
                    base + "/resend");
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RefundView(
            String id,
            String object,
            @JsonProperty("payment_intent") String paymentIntent,
            long amount,
            String currency,
            String status,
            @JsonProperty("failure_reason") String failureReason,
            Instant created) {

        public static RefundView of(Refund r) {
            // a top-up's refund waiting for the wallet is pending like any other to the outside
            String status =
                    r.awaitingWallet() ? Refund.Status.PENDING.id() : r.status().id();
            return new RefundView(
                    r.id(),
                    "refund",
                    r.paymentId(),
                    r.amount().minor(),
                    r.amount().currencyCode(),
                    status,
                    r.reasonCode(),
                    r.createdAt());
        }
    }

    public record Page<T>(
            String object,
            List<T> data,
            @JsonProperty("has_more") boolean hasMore,
            @JsonProperty("next_cursor") String nextCursor) {}
}

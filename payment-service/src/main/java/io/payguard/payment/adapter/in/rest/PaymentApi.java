package io.payguard.payment.adapter.in.rest;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.payguard.payment.domain.MethodType;
import io.payguard.payment.domain.PaymentIntent;
import io.payguard.payment.domain.PaymentState;
import io.payguard.payment.domain.Refund;
import io.payguard.platform.web.openapi.ApiSchemas;

/** Request and response models of the payment intents API (snake_case like the rest of the card industry's APIs). */
public final class PaymentApi {

    private PaymentApi() {}

    /** Exactly the writable fields of a new payment intent. */
    public record CreateIntent(
            @Schema(required = true, minimum = "1", maximum = ApiSchemas.MAX_AMOUNT, description = ApiSchemas.AMOUNT)
            Long amount,

            @Schema(
                    required = true,
                    minLength = 3,
                    maxLength = 3,
                    pattern = ApiSchemas.CURRENCY_PATTERN,
                    description = ApiSchemas.CURRENCY)
            String currency,

            @Schema(maxLength = 500, description = "Free text shown to the merchant; a card number here is refused")
            String description,

            @Schema(
                    maxLength = 128,
                    pattern = "^[A-Za-z0-9._:@-]{1,128}$",
                    description = "The paying customer's PayGuard subject (required for a wallet payment)")
            String customer,

            @Schema(enumeration = {"wallet", "card"}) @JsonProperty("payment_method_type")
            String paymentMethodType,

            @Schema(
                    enumeration = {"automatic", "manual"},
                    defaultValue = "automatic")
            @JsonProperty("capture_method")
            String captureMethod,

            @Schema(
                    maxProperties = 20,
                    additionalProperties = PaymentSchemas.MetadataValue.class,
                    description = PaymentSchemas.METADATA)
            Map<String, String> metadata) {}

    /** {@code cvc} is passed to the authorisation once: never stored, logged, hashed or echoed. */
    public record ConfirmIntent(
            @Schema(
                    enumeration = {"wallet", "card"},
                    description = "Absent: the method the intent was created with")
            @JsonProperty("payment_method_type")
            String paymentMethodType,

            @Schema(
                    maxLength = 36,
                    pattern = PaymentSchemas.TOKEN_ID_PATTERN,
                    description = "A card payment: the card's token (POST /v1/tokens)")
            @JsonProperty("payment_method")
            String paymentMethod,

            @Schema(
                    minLength = 3,
                    maxLength = 4,
                    pattern = "^[0-9]{3,4}$",
                    writeOnly = true,
                    description = "A card payment: the card's security code; used once, never stored")
            String cvc,

            @Schema(
                    maxLength = 80,
                    pattern = PaymentSchemas.CLIENT_SECRET_PATTERN,
                    writeOnly = true,
                    description = "An in-app payment confirmed by the customer's app: the client secret the create"
                            + " answered (with the customer's own token; it attaches the customer to the intent)")
            @JsonProperty("client_secret")
            String clientSecret) {
        @Override
        public String toString() {
            return "ConfirmIntent[" + paymentMethodType + ", " + paymentMethod + "]";
        }

        /** What identifies the request for idempotency: everything but the CVV and the client secret. */
        public ConfirmIntent withoutCvc() {
            return new ConfirmIntent(paymentMethodType, paymentMethod, null, null);
        }
    }

    /** A card to tokenise: number and expiry only (the CVV is given at confirm, never here). */
    public record CreateToken(
            @Schema(
                    required = true,
                    maxLength = ApiSchemas.MAX_BODY,
                    pattern = "^[0-9 -]+$",
                    writeOnly = true,
                    description = "The card number: 12 to 19 digits passing the Luhn check (spaces and dashes"
                            + " are ignored; their count is bounded by the 1 MiB body limit only)")
            String number,

            @Schema(required = true, minimum = "1", maximum = "12", format = "int32") @JsonProperty("exp_month")
            Integer expMonth,

            @Schema(
                    required = true,
                    minimum = "2000",
                    maximum = "9999",
                    format = "int32",
                    description = "Not in the past, at most 20 years ahead")
            @JsonProperty("exp_year")
            Integer expYear) {
        @Override
        public String toString() {
            return "CreateToken[***]";
        }
    }

    public record CardView(
            @Schema(enumeration = {"visa", "mastercard", "amex", "unionpay", "discover", "jcb"})
            String brand,

            @Schema(maxLength = 6, pattern = "^[0-9]{6}$") String first6,
            @Schema(maxLength = 4, pattern = "^[0-9]{4}$") String last4,

            @Schema(minimum = "1", maximum = "12") @JsonProperty("exp_month")
            int expMonth,

            @Schema(minimum = "2000", maximum = "9999") @JsonProperty("exp_year")
            int expYear) {}

    public record TokenView(
            @Schema(maxLength = 36, pattern = PaymentSchemas.TOKEN_ID_PATTERN)
            String id,

            @Schema(enumeration = "token") String object,
            CardView card,
            Instant created) {}

    /** Either {@code code} (the one-time code) or {@code webauthn} (a device-bound confirmation, issue 17). */
    public record Authenticate(
            @Schema(maxLength = 6, pattern = "^[0-9]{6}$", writeOnly = true, description = "The one-time code")
            String code,

            @Schema(description = "A WebAuthn assertion over the challenge of GET authenticate_url")
            AuthenticatorApi.AssertionCredential webauthn) {
        public Authenticate(String code) {
            this(code, null);
        }

        @Override
        public String toString() {
            return "Authenticate[***]";
        }
    }

    public record CaptureIntent(
            @Schema(
                    minimum = "1",
                    maximum = ApiSchemas.MAX_AMOUNT,
                    description = "Minor units; absent: all that is capturable")
            @JsonProperty("amount_to_capture")
            Long amountToCapture) {}

    public record CancelIntent(
            @Schema(enumeration = {"duplicate", "fraudulent", "requested_by_customer", "abandoned"})
            @JsonProperty("cancellation_reason")
            String cancellationReason) {}

    public record CreateRefund(
            @Schema(
                    minimum = "1",
                    maximum = ApiSchemas.MAX_AMOUNT,
                    description = "Minor units; absent: all that is left to refund")
            Long amount) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Intent(
            @Schema(maxLength = 35, pattern = PaymentSchemas.INTENT_ID_PATTERN)
            String id,

            @Schema(enumeration = "payment_intent") String object,

            @Schema(minimum = "1", maximum = ApiSchemas.MAX_AMOUNT)
            long amount,

            @Schema(maxLength = 3, pattern = ApiSchemas.CURRENCY_PATTERN)
            String currency,

            @Schema(
                    enumeration = {
                        "requires_payment_method",
                        "requires_confirmation",
                        "requires_action",
                        "requires_review",
                        "processing",
                        "requires_capture",
                        "succeeded",
                        "canceled",
                        "failed"
                    })
            String status,

            @Schema(maxLength = 500) String description,

            @Schema(maxLength = 128, pattern = "^[A-Za-z0-9._:@-]{1,128}$")
            String customer,

            @Schema(enumeration = {"wallet", "card"}) @JsonProperty("payment_method_type")
            String paymentMethodType,

            @Schema(enumeration = {"automatic", "manual"}) @JsonProperty("capture_method")
            String captureMethod,

            @Schema(minimum = "0", maximum = ApiSchemas.MAX_AMOUNT) @JsonProperty("amount_capturable")
            long amountCapturable,

            @Schema(minimum = "0", maximum = ApiSchemas.MAX_AMOUNT) @JsonProperty("amount_received")
            long amountReceived,

            @Schema(minimum = "0", maximum = ApiSchemas.MAX_AMOUNT) @JsonProperty("amount_refunded")
            long amountRefunded,

            @Schema(enumeration = {"duplicate", "fraudulent", "requested_by_customer", "abandoned"})
            @JsonProperty("cancellation_reason")
            String cancellationReason,

            @Schema(maxLength = 64, pattern = ApiSchemas.CODE_PATTERN, description = "Why the payment failed")
            @JsonProperty("failure_code")
            String failureCode,

            @Schema(
                    type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY,
                    implementation = PaymentCodeApi.RuleId.class,
                    maxItems = 20,
                    description = "A payment failed risk_declined: the ids of the risk rules that declined it (e.g."
                            + " barcode_dynamic_level_c)")
            @JsonProperty("risk_rules")
            List<String> riskRules,

            @JsonProperty("next_action") NextAction nextAction,

            @Schema(
                    enumeration = {"api", "qr_dynamic", "qr_static", "payment_code"},
                    description =
                            "How the payment was initiated: the merchant's server (api), a merchant-presented QR"
                                    + " code with a fixed amount (qr_dynamic) or a till's static code (qr_static), or the"
                                    + " customer's payment code (payment_code). The barcode-payment limits apply to the last three.")
            String channel,

            @Schema(
                    maxProperties = 20,
                    additionalProperties = PaymentSchemas.MetadataValue.class,
                    description = PaymentSchemas.METADATA)
            Map<String, String> metadata,

            Instant created,
            Instant updated,

            @Schema(
                    maxLength = 80,
                    pattern = PaymentSchemas.CLIENT_SECRET_PATTERN,
                    description = "Only in the create answer of an in-app payment (a wallet payment created without"
                            + " customer), once: the app confirms with it and the customer's token. Never stored.")
            @JsonProperty("client_secret")
            String clientSecret) {

        /** The create answer of an in-app payment, with its client secret (sent once, never stored). */
        public Intent withClientSecret(String secret) {
            return new Intent(
                    id,
                    object,
                    amount,
                    currency,
                    status,
                    description,
                    customer,
                    paymentMethodType,
                    captureMethod,
                    amountCapturable,
                    amountReceived,
                    amountRefunded,
                    cancellationReason,
                    failureCode,
                    riskRules,
                    nextAction,
                    channel,
                    metadata,
                    created,
                    updated,
                    secret);
        }

        public static Intent of(PaymentIntent p) {
            long capturable = p.state() instanceof PaymentState.RequiresCapture r ? r.capturable() : 0;
            String canceled = p.state() instanceof PaymentState.Canceled c ? c.reason() : null;
            String failure = p.state() instanceof PaymentState.Failed f ? f.reasonCode() : null;
            List<String> riskRules =
                    p.state() instanceof PaymentState.Failed f && !f.riskRules().isEmpty() ? f.riskRules() : null;
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
                    riskRules,
                    NextAction.of(p),
                    p.channel().id(),
                    p.metadata(),
                    p.createdAt(),
                    p.updatedAt(),
                    null);
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
            @Schema(enumeration = {"three_d_secure", "sca_code"})
            String type,

            @Schema(maxLength = 64, pattern = "^[A-Za-z0-9_-]{1,64}$") @JsonProperty("challenge_id")
            String challengeId,

            @Schema(maxLength = 80, pattern = "^/v1/payment_intents/pi_[0-9a-f]{32}/authenticate$")
            @JsonProperty("authenticate_url")
            String authenticateUrl,

            @Schema(maxLength = 80, pattern = "^/v1/payment_intents/pi_[0-9a-f]{32}/authenticate/resend$")
            @JsonProperty("resend_url")
            String resendUrl) {

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
            @Schema(maxLength = 35, pattern = "^re_[0-9a-f]{32}$")
            String id,

            @Schema(enumeration = "refund") String object,

            @Schema(maxLength = 35, pattern = PaymentSchemas.INTENT_ID_PATTERN) @JsonProperty("payment_intent")
            String paymentIntent,

            @Schema(minimum = "1", maximum = ApiSchemas.MAX_AMOUNT)
            long amount,

            @Schema(maxLength = 3, pattern = ApiSchemas.CURRENCY_PATTERN)
            String currency,

            @Schema(enumeration = {"pending", "succeeded", "failed"})
            String status,

            @Schema(maxLength = 64, pattern = ApiSchemas.CODE_PATTERN) @JsonProperty("failure_reason")
            String failureReason,

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

    /** The document's schema of a page of payment intents ({@link Page} of {@link Intent}, as written). */
    @Schema(name = "IntentPage")
    public record IntentPage(
            @Schema(enumeration = "list") String object,

            @Schema(maxItems = 100, description = "1 to 100 intents, as asked with limit")
            List<Intent> data,

            @JsonProperty("has_more") boolean hasMore,

            @Schema(
                    maxLength = 128,
                    pattern = "^[A-Za-z0-9_-]+$",
                    description = "Pass as cursor for the next page; absent on the last page")
            @JsonProperty("next_cursor")
            String nextCursor) {}

    public record Page<T>(
            @Schema(enumeration = "list") String object,

            @Schema(maxItems = 100, description = "1 to 100 rows, as asked with limit")
            List<T> data,

            @JsonProperty("has_more") boolean hasMore,

            @Schema(
                    maxLength = 128,
                    pattern = "^[A-Za-z0-9_-]+$",
                    description = "Pass as cursor for the next page; absent on the last page")
            @JsonProperty("next_cursor")
            String nextCursor) {}
}

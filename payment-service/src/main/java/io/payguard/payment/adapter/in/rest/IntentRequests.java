package io.payguard.payment.adapter.in.rest;

import static io.payguard.payment.adapter.in.rest.RequestChecks.invalid;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import io.payguard.payment.application.PaymentService;
import io.payguard.payment.domain.CaptureMethod;
import io.payguard.payment.domain.MethodType;
import io.payguard.platform.web.money.MoneyInputs;

/**
 * Reads the requests of the payment intents API (and a top-up's refund) into what the use cases take: amounts in an
 * enabled currency, the payment method, the card, free text without card numbers, metadata, list filters and cursors.
 * Anything else is a 400 problem naming the field. A missing optional body reads as an empty one.
 */
@Singleton
public class IntentRequests {

    private static final List<String> CANCELLATION_REASONS =
            List.of("duplicate", "fraudulent", "requested_by_customer", "abandoned");

    private final MoneyInputs money;

    public IntentRequests(MoneyInputs money) {
        this.money = money;
    }

    /** A new payment intent; the capture method is automatic unless asked otherwise. */
    PaymentService.Create create(PaymentApi.CreateIntent request) {
        RequestChecks.requireBody(request);
        return new PaymentService.Create(
                money.money(request.amount(), request.currency(), "amount", "currency"),
                RequestChecks.freeText(request.description(), 500, "description"),
                customer(request.customer()),
                method(request.paymentMethodType()),
                captureMethod(request.captureMethod()),
                metadata(request.metadata()));
    }

    /**
     * A confirmation: the method (null: the one the intent has), the card (null when none is given) and what identifies
     * the request for idempotency (everything but the CVV).
     */
    record Confirm(
            MethodType method,
            PaymentService.CardDetails card,
            PaymentApi.ConfirmIntent identity,
            String clientSecret) {
        @Override
        public String toString() {
            return "Confirm[" + method + ", " + card + "]";
        }
    }

    static Confirm confirm(PaymentApi.ConfirmIntent request) {
        var body = request == null ? new PaymentApi.ConfirmIntent(null, null, null, null) : request;
        MethodType method = method(body.paymentMethodType());
        var card = body.paymentMethod() == null && body.cvc() == null
                ? null
                : new PaymentService.CardDetails(body.paymentMethod(), body.cvc());
        String secret = body.clientSecret();
        if (secret != null && secret.length() > 80) {
            throw invalid("client_secret is the secret the payment intent was created with");
        }
        return new Confirm(method, card, body.withoutCvc(), secret);
    }

    /** The 6-digit one-time code of an SCA challenge. */
    static String code(PaymentApi.Authenticate request) {
        if (request == null || request.code() == null || !request.code().matches("\\d{6}")) {
            throw invalid("code must be the 6-digit one-time code");
        }
        return request.code();
    }

    /** A capture of all ({@code amount_to_capture} absent) or part of the authorised amount. */
    PaymentApi.CaptureIntent capture(PaymentApi.CaptureIntent request) {
        var body = request == null ? new PaymentApi.CaptureIntent(null) : request;
        if (body.amountToCapture() != null) {
            money.amount(body.amountToCapture(), "amount_to_capture");
        }
        return body;
    }

    static PaymentApi.CancelIntent cancel(PaymentApi.CancelIntent request) {
        var body = request == null ? new PaymentApi.CancelIntent(null) : request;
        String reason = body.cancellationReason();
        if (reason != null && !CANCELLATION_REASONS.contains(reason)) {
            throw invalid("cancellation_reason must be duplicate, fraudulent, requested_by_customer or abandoned");
        }
        return body;
    }

    /** A refund of all ({@code amount} absent) or part of what is left of a payment or top-up. */
    PaymentApi.CreateRefund refund(PaymentApi.CreateRefund request) {
        var body = request == null ? new PaymentApi.CreateRefund(null) : request;
        if (body.amount() != null) {
            money.amount(body.amount(), "amount");
        }
        return body;
    }

    static String customer(String customer) {
        if (customer != null && !customer.matches("[A-Za-z0-9._:@-]{1,128}")) {
            throw invalid("customer must be the customer's PayGuard subject");
        }
        return customer;
    }

    static MethodType method(String value) {
        return value == null
                ? null
                : MethodType.parse(value).orElseThrow(() -> invalid("payment_method_type must be wallet or card"));
    }

    static CaptureMethod captureMethod(String value) {
        return value == null
                ? CaptureMethod.AUTOMATIC
                : CaptureMethod.parse(value).orElseThrow(() -> invalid("capture_method must be automatic or manual"));
    }

    static Map<String, String> metadata(Map<String, String> metadata) {
        if (metadata == null) {
            return Map.of();
        }
        if (metadata.size() > 20) {
            throw invalid("metadata has at most 20 keys");
        }
        metadata.forEach((k, v) -> {
            if (k == null || !k.matches("[A-Za-z0-9_.-]{1,40}")) {
                throw invalid("metadata keys have 1 to 40 letters, digits, '_', '.' or '-'");
            }
            RequestChecks.freeText(v == null ? "" : v, 500, "metadata." + k);
        });
        return metadata;
    }

    /** A list filter's bound: an ISO-8601 instant, or null when absent. */
    static Instant instant(String value, String name) {
        try {
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw invalid(name + " must be an ISO-8601 instant");
        }
    }

    /** The position of the intents list's cursor: the last row's sequence number; null for the first page. */
    static Long cursor(String cursor) {
        return cursor == null ? null : Pages.decode(cursor, IntentRequests::sequence);
    }

    static String position(long seq) {
        return "s" + seq;
    }

    private static long sequence(String position) {
        if (!position.startsWith("s")) {
            throw new IllegalArgumentException();
        }
        return Long.parseLong(position.substring(1));
    }
}

package io.payguard.auth.webhook.adapter.in.messaging;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.payguard.auth.webhook.domain.EndpointMode;
import io.payguard.auth.webhook.domain.EventTypes;
import io.payguard.auth.webhook.domain.MerchantFact;
import io.payguard.platform.messaging.CloudEvent;
import io.payguard.platform.messaging.MalformedEventException;

/**
 * Decodes the facts of {@code payment.events} and {@code security.events} that merchants are told about into
 * {@link MerchantFact}s: the public type, the merchant, the object, and the fact's data (already masked by its
 * producer, contracts/events) without staff identities ({@code reviewer}, {@code actor}) and with {@code object} and
 * {@code objectId} added. Other types are not merchant events (empty). A known type without its merchant or object id
 * is malformed (poison).
 * <p>
 * Top-ups (card payments to {@value #WALLET_FUNDING}) and payouts belong to no merchant: they go to the platform
 * account when one is configured ({@code payguard.webhooks.platform-account}), and are not recorded otherwise.
 */
final class MerchantFacts {

    static final String WALLET_FUNDING = "payguard:wallet-funding";

    private record Kind(String type, String objectType, String idField) {}

    private static final Map<String, Kind> KINDS = Map.ofEntries(
            Map.entry("io.payguard.payment.captured.v1", payment(EventTypes.PAYMENT_SUCCEEDED)),
            Map.entry("io.payguard.payment.failed.v1", payment(EventTypes.PAYMENT_FAILED)),
            Map.entry("io.payguard.payment.action_required.v1", payment(EventTypes.PAYMENT_REQUIRES_ACTION)),
            Map.entry("io.payguard.payment.canceled.v1", payment(EventTypes.PAYMENT_CANCELED)),
            Map.entry("io.payguard.payment.refunded.v1", new Kind(EventTypes.REFUND_SUCCEEDED, "refund", "refundId")),
            Map.entry("io.payguard.payment.refund_failed.v1", new Kind(EventTypes.REFUND_FAILED, "refund", "refundId")),
            Map.entry(
                    "io.payguard.payment.review_opened.v1", new Kind(EventTypes.REVIEW_OPENED, "review", "paymentId")),
            Map.entry(
                    "io.payguard.payment.review_closed.v1", new Kind(EventTypes.REVIEW_CLOSED, "review", "paymentId")),
            Map.entry("io.payguard.payment.payout_paid.v1", payout(EventTypes.PAYOUT_PAID)),
            Map.entry("io.payguard.payment.payout_failed.v1", payout(EventTypes.PAYOUT_FAILED)),
            Map.entry("io.payguard.payment.payout_returned.v1", payout(EventTypes.PAYOUT_RETURNED)),
            Map.entry("io.payguard.security.apikey.created.v1", apiKey(EventTypes.API_KEY_CREATED)),
            Map.entry("io.payguard.security.apikey.revoked.v1", apiKey(EventTypes.API_KEY_REVOKED)));

    private MerchantFacts() {}

    /** Whether the type is one this feature turns into merchant events. */
    static boolean handles(String cloudEventType) {
        return KINDS.containsKey(cloudEventType);
    }

    static Optional<MerchantFact> decode(CloudEvent event, Optional<String> platformAccount) {
        Kind kind = KINDS.get(event.type());
        if (kind == null) {
            return Optional.empty();
        }
        if (!(event.data() instanceof ObjectNode data)) {
            throw new MalformedEventException(event.type() + ": data must be an object");
        }
        String objectId = text(data, kind.idField(), event.type());
        Optional<String> merchant = "payout".equals(kind.objectType())
                ? platformAccount
                : Optional.of(text(data, "merchantId", event.type()))
                        .flatMap(m -> WALLET_FUNDING.equals(m) ? platformAccount : Optional.of(m));
        if (merchant.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode published = data.deepCopy();
        published.remove("reviewer");
        published.remove("actor");
        published.put("object", kind.objectType());
        published.put("objectId", objectId);
        return Optional.of(new MerchantFact(
                event.source(),
                event.id(),
                kind.type(),
                merchant.get(),
                mode(data),
                kind.objectType(),
                objectId,
                event.time(),
                published.toString()));
    }

    private static EndpointMode mode(JsonNode data) {
        String mode = data.path("mode").asText("");
        return switch (mode.toLowerCase(Locale.ROOT)) {
            case "test" -> EndpointMode.TEST;
            case "live" -> EndpointMode.LIVE;
            default -> null;
        };
    }

    private static String text(JsonNode data, String field, String type) {
        JsonNode value = data.get(field);
        if (value == null
                || !value.isTextual()
                || value.asText().isEmpty()
                || value.asText().length() > 128) {
            throw new MalformedEventException(type + ": '" + field + "' must be a string of 1-128 characters");
        }
        return value.asText();
    }

    private static Kind payment(String type) {
        return new Kind(type, "payment_intent", "paymentId");
    }

    private static Kind payout(String type) {
        return new Kind(type, "payout", "payoutId");
    }

    private static Kind apiKey(String type) {
        return new Kind(type, "api_key", "keyId");
    }
}

package io.payguard.auth.webhook.adapter.in.rest;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Function;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.payguard.auth.webhook.domain.Attempt;
import io.payguard.auth.webhook.domain.Delivery;
import io.payguard.auth.webhook.domain.EndpointRules;
import io.payguard.auth.webhook.domain.WebhookEndpoint;
import io.payguard.kernel.failure.ApplicationException;

/** The wire models of the webhook endpoints and events APIs, and their request checks. */
final class WebhookApi {

    static final int DEFAULT_LIMIT = 20;
    static final String ENDPOINT_ID = "^we_([0-9a-f]{24}|[0-9a-f]{32})$";
    static final String DELIVERY_ID = "^wd_([0-9a-f]{24}|[0-9a-f]{32})$";
    static final String EVENT_ID = "^evt_([0-9a-f]{24}|[0-9a-f]{32})$";
    static final String CURSOR = "^(evt|we|wd)_([0-9a-f]{24}|[0-9a-f]{32})$";
    static final String EVENT_TYPE = "^[a-z_]+\\.[a-z_]+$";
    static final String SECRET = "^whsec_[A-Za-z0-9+/]+={0,2}$";
    /** What {@link EndpointRules#description} refuses: ISO control characters. */
    static final String NO_CONTROL_CHARACTERS = "^[^\\u0000-\\u001F\\u007F-\\u009F]*$";

    static final String CODE = "^[a-z0-9_]{1,64}$";
    static final int MAX_LIMIT = 100;

    private WebhookApi() {}

    @Schema(description = "A new webhook endpoint")
    record CreateRequest(
            @Schema(
                    required = true,
                    maxLength = EndpointRules.MAX_URL_LENGTH,
                    format = "uri",
                    description = "https URL (live mode); http is allowed for test mode. Private, loopback,"
                            + " link-local, metadata and multicast addresses are refused.",
                    examples = "https://merchant.example.com/payguard/webhooks")
            String url,

            @Schema(
                    maxLength = EndpointRules.MAX_DESCRIPTION_LENGTH,
                    pattern = NO_CONTROL_CHARACTERS,
                    examples = "order service")
            String description,

            @Schema(
                    required = true,
                    type = SchemaType.ARRAY,
                    implementation = EventTypeName.class,
                    maxItems = EndpointRules.MAX_ENABLED_EVENTS,
                    minItems = 1,
                    description = "event types, or [\"*\"] for all")
            List<String> enabledEvents,

            @Schema(
                    enumeration = {"test", "live"},
                    defaultValue = "test",
                    maxLength = 4)
            String mode) {}

    @Schema(description = "Changes to an endpoint; absent fields stay as they are")
    record UpdateRequest(
            @Schema(maxLength = EndpointRules.MAX_URL_LENGTH, format = "uri")
            String url,

            @Schema(maxLength = EndpointRules.MAX_DESCRIPTION_LENGTH, pattern = NO_CONTROL_CHARACTERS)
            String description,

            @Schema(
                    type = SchemaType.ARRAY,
                    implementation = EventTypeName.class,
                    maxItems = EndpointRules.MAX_ENABLED_EVENTS,
                    minItems = 1)
            List<String> enabledEvents,

            @Schema(
                    enumeration = {"enabled", "disabled"},
                    maxLength = 8)
            String status) {}

    @Schema(description = "A secret rotation")
    record RotateRequest(
            @Schema(
                    minimum = "0",
                    maximum = "604800",
                    defaultValue = "86400",
                    description = "how long the current secret keeps signing beside the new one")
            Long overlapSeconds) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(description = "A webhook endpoint (never its secret)")
    record EndpointView(
            @Schema(maxLength = 35, pattern = ENDPOINT_ID) String id,

            @Schema(enumeration = "webhook_endpoint", maxLength = 16)
            String object,

            @Schema(maxLength = EndpointRules.MAX_URL_LENGTH, format = "uri")
            String url,

            @Schema(maxLength = EndpointRules.MAX_DESCRIPTION_LENGTH, pattern = NO_CONTROL_CHARACTERS)
            String description,

            @Schema(
                    type = SchemaType.ARRAY,
                    implementation = EventTypeName.class,
                    maxItems = EndpointRules.MAX_ENABLED_EVENTS)
            List<String> enabledEvents,

            @Schema(
                    enumeration = {"test", "live"},
                    maxLength = 4)
            String mode,

            @Schema(
                    enumeration = {"enabled", "disabled"},
                    maxLength = 8)
            String status,

            @Schema(
                    enumeration = {"merchant", "failing"},
                    maxLength = 8)
            String disabledReason,

            Instant createdAt,
            Instant updatedAt,
            Instant previousSecretExpiresAt) {
        static EndpointView of(WebhookEndpoint e) {
            return new EndpointView(
                    e.id(),
                    "webhook_endpoint",
                    e.url(),
                    e.description(),
                    e.enabledEvents(),
                    e.mode().label(),
                    e.status().label(),
                    e.disabledReason(),
                    e.createdAt(),
                    e.updatedAt(),
                    e.previousSecretExpiresAt());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(description = "A created webhook endpoint with its signing secret, shown this once")
    record CreatedView(
            @Schema(maxLength = 35, pattern = ENDPOINT_ID) String id,

            @Schema(enumeration = "webhook_endpoint", maxLength = 16)
            String object,

            @Schema(maxLength = EndpointRules.MAX_URL_LENGTH, format = "uri")
            String url,

            @Schema(maxLength = EndpointRules.MAX_DESCRIPTION_LENGTH, pattern = NO_CONTROL_CHARACTERS)
            String description,

            @Schema(
                    type = SchemaType.ARRAY,
                    implementation = EventTypeName.class,
                    maxItems = EndpointRules.MAX_ENABLED_EVENTS)
            List<String> enabledEvents,

            @Schema(
                    enumeration = {"test", "live"},
                    maxLength = 4)
            String mode,

            @Schema(
                    enumeration = {"enabled", "disabled"},
                    maxLength = 8)
            String status,

            Instant createdAt,

            @Schema(
                    maxLength = 64,
                    pattern = SECRET,
                    description = "whsec_ and base64: the Standard Webhooks signing secret")
            String secret) {
        static CreatedView of(WebhookEndpoint e, String secret) {
            return new CreatedView(
                    e.id(),
                    "webhook_endpoint",
                    e.url(),
                    e.description(),
                    e.enabledEvents(),
                    e.mode().label(),
                    e.status().label(),
                    e.createdAt(),
                    secret);
        }
    }

    @Schema(description = "The new signing secret, shown this once")
    record RotatedView(
            @Schema(maxLength = 64, pattern = SECRET) String secret,

            @Schema(description = "until then the previous secret signs too; null without overlap")
            Instant previousSecretExpiresAt) {}

    @Schema(description = "A deleted endpoint")
    record DeletedView(
            @Schema(maxLength = 35, pattern = ENDPOINT_ID) String id,

            @Schema(enumeration = "webhook_endpoint", maxLength = 16)
            String object,

            boolean deleted) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(description = "One attempt of a delivery")
    record AttemptView(
            @Schema(minimum = "1", maximum = "1000") int attempt,
            Instant at,

            @Schema(
                    enumeration = {"delivered", "failed", "target_refused"},
                    maxLength = 16)
            String outcome,

            @Schema(minimum = "0", maximum = "599", description = "the receiver's status, 0 when none")
            int statusCode,

            @Schema(minimum = "0", maximum = "2147483647") long latencyMs,

            @Schema(
                    maxLength = Attempt.MAX_FAILURE,
                    pattern = CODE,
                    description = "failed: a stable code (http_status, timeout, ...); target_refused: the address"
                            + " policy's reason (private, loopback, ...)")
            String failure,

            @Schema(maxLength = Attempt.MAX_EXCERPT) String responseExcerpt) {
        static AttemptView of(Attempt a) {
            return new AttemptView(
                    a.number(),
                    a.at(),
                    a.outcome().name().toLowerCase(java.util.Locale.ROOT),
                    a.statusCode(),
                    a.latency().toMillis(),
                    a.failure(),
                    a.responseExcerpt());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(description = "One event's delivery to this endpoint, with its attempts")
    record DeliveryView(
            @Schema(maxLength = 35, pattern = DELIVERY_ID) String id,

            @Schema(enumeration = "webhook_delivery", maxLength = 20)
            String object,

            @Schema(maxLength = 36, pattern = EVENT_ID) String eventId,

            @Schema(maxLength = EndpointRules.MAX_EVENT_TYPE_LENGTH, pattern = EVENT_TYPE)
            String eventType,

            @Schema(
                    enumeration = {"pending", "delivered", "failed", "canceled"},
                    maxLength = 9)
            String status,

            @Schema(minimum = "0", maximum = "1000") int attempts,
            Instant createdAt,
            Instant nextAttemptAt,
            Instant deliveredAt,
            @Schema(maxItems = 1000) List<AttemptView> log) {
        static DeliveryView of(Delivery d) {
            return new DeliveryView(
                    d.id(),
                    "webhook_delivery",
                    d.eventId(),
                    d.eventType(),
                    d.status().name().toLowerCase(java.util.Locale.ROOT),
                    d.attempts(),
                    d.createdAt(),
                    d.nextAttemptAt(),
                    d.deliveredAt(),
                    d.log().stream().map(AttemptView::of).toList());
        }
    }

    @Schema(description = "A page of a list, newest first")
    record Page<T>(
            @Schema(enumeration = "list", maxLength = 4) String object,
            @Schema(maxItems = MAX_LIMIT) List<T> data,
            @JsonProperty("has_more") boolean hasMore,

            @JsonProperty("next_cursor")
            @Schema(
                    type = SchemaType.STRING,
                    nullable = true,
                    maxLength = 36,
                    pattern = CURSOR,
                    description = "pass as starting_after for the next page; null on the last")
            String nextCursor) {

        /** {@code rows} were fetched with {@code limit + 1}: one more than a page says whether there is more. */
        static <R, T> Page<T> of(List<R> rows, int limit, Function<R, T> view, Function<R, String> id) {
            boolean more = rows.size() > limit;
            List<R> page = more ? rows.subList(0, limit) : rows;
            return new Page<>(
                    "list", page.stream().map(view).toList(), more, more ? id.apply(page.get(page.size() - 1)) : null);
        }
    }

    @Schema(
            type = SchemaType.STRING,
            maxLength = EndpointRules.MAX_EVENT_TYPE_LENGTH,
            pattern = "^(\\*|[a-z_]+\\.[a-z_]+)$",
            description = "an event type (README, \"Webhooks\"), or * for all")
    interface EventTypeName {}

    @Schema(type = SchemaType.OBJECT, description = "An event as delivered: id, object, type, createdAt, mode, data")
    interface EventDocument {}

    static int limit(String value) {
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException ignored) {
            // the same answer as an out-of-range number
        }
        throw ApplicationException.invalid("invalid_limit", "Invalid limit", "limit must be an integer 1-" + MAX_LIMIT);
    }

    static Instant instant(String value, String name) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApplicationException.invalid(
                    "invalid_" + name, "Invalid " + name, name + " must be an ISO-8601 instant (2026-12-07T10:00:00Z)");
        }
    }

    static void requireBody(Object body) {
        if (body == null) {
            throw ApplicationException.invalid("body_required", "Request body required", "a JSON body is required");
        }
    }
}

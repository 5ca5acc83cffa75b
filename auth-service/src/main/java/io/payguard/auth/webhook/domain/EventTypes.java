package io.payguard.auth.webhook.domain;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/** The public event types a merchant can subscribe to, and how a subscription matches a type. */
public final class EventTypes {

    /** Subscribes to every type, including types added later. */
    public static final String ALL = "*";

    public static final String PAYMENT_SUCCEEDED = "payment_intent.succeeded";
    public static final String PAYMENT_FAILED = "payment_intent.payment_failed";
    public static final String PAYMENT_REQUIRES_ACTION = "payment_intent.requires_action";
    public static final String PAYMENT_CANCELED = "payment_intent.canceled";
    public static final String REFUND_SUCCEEDED = "refund.succeeded";
    public static final String REFUND_FAILED = "refund.failed";
    public static final String REVIEW_OPENED = "review.opened";
    public static final String REVIEW_CLOSED = "review.closed";
    public static final String PAYOUT_PAID = "payout.paid";
    public static final String PAYOUT_FAILED = "payout.failed";
    public static final String PAYOUT_RETURNED = "payout.returned";
    public static final String API_KEY_CREATED = "api_key.created";
    public static final String API_KEY_REVOKED = "api_key.revoked";
    public static final String ENDPOINT_DISABLED = "webhook_endpoint.disabled";

    /** Every type, in the order the documentation lists them. */
    public static final List<String> PUBLIC = List.of(
            PAYMENT_SUCCEEDED,
            PAYMENT_FAILED,
            PAYMENT_REQUIRES_ACTION,
            PAYMENT_CANCELED,
            REFUND_SUCCEEDED,
            REFUND_FAILED,
            REVIEW_OPENED,
            REVIEW_CLOSED,
            PAYOUT_PAID,
            PAYOUT_FAILED,
            PAYOUT_RETURNED,
            API_KEY_CREATED,
            API_KEY_REVOKED,
            ENDPOINT_DISABLED);

    private static final Set<String> KNOWN = Set.copyOf(PUBLIC);

    private EventTypes() {}

    public static boolean known(String type) {
        return KNOWN.contains(type);
    }

    /** Whether an endpoint subscribed to {@code enabledEvents} receives an event of {@code type}. */
    public static boolean matches(Collection<String> enabledEvents, String type) {
        return enabledEvents.contains(ALL) || enabledEvents.contains(type);
    }
}

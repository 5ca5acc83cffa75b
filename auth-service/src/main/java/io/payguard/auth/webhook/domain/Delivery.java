package io.payguard.auth.webhook.domain;

import java.time.Instant;
import java.util.List;

/** One event's delivery to one endpoint, with its attempts (newest last), as the delivery log shows it. */
public record Delivery(
        String id,
        String endpointId,
        String eventId,
        String eventType,
        Status status,
        int attempts,
        Instant createdAt,
        Instant nextAttemptAt,
        Instant deliveredAt,
        List<Attempt> log) {

    public enum Status {
        PENDING,
        DELIVERED,
        FAILED,
        CANCELED
    }
}

package io.payguard.audit.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One audit record: who did what to which object, when, from where, with what outcome (PCI DSS 10.2/10.3).
 * Plain Java; the record carries no secret, PAN or CVV by construction of its producers.
 */
public record AuditRecord(
        UUID id,
        Instant occurredAt,
        String sourceService,
        String action,
        String objectType,
        String objectId,
        String outcome,
        Actor actor,
        Origin origin,
        String correlationId) {

    public record Actor(String subject, String clientId, List<String> roles) {
        public Actor {
            roles = roles == null ? List.of() : List.copyOf(roles);
        }
    }

    public record Origin(String ip, String userAgent) {
    }

    public AuditRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(occurredAt, "occurredAt");
        requireText(sourceService, "sourceService");
        requireText(action, "action");
        requireText(outcome, "outcome");
        actor = actor == null ? new Actor(null, null, List.of()) : actor;
        origin = origin == null ? new Origin(null, null) : origin;
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("audit record without " + name);
        }
    }
}

package io.payguard.audit.domain;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One audit record: who did what to which object, when, from where, with what outcome (PCI DSS 10.2/10.3).
 * Plain Java; the record carries no secret, PAN or CVV by construction of its producers.
 * {@code occurredAt} is kept to the microsecond, the precision PostgreSQL stores, so the hashed canonical form
 * of a record read back equals the one computed at append time.
 *
 * @param eventType      the CloudEvents type it was recorded from (e.g. {@code io.payguard.audit.record.v1})
 * @param personalData   set for personal-data access records ({@code io.payguard.audit.pii-access.v1}), else null
 */
public record AuditRecord(
        UUID id,
        Instant occurredAt,
        String sourceService,
        String eventType,
        String action,
        String objectType,
        String objectId,
        String outcome,
        Actor actor,
        Origin origin,
        String correlationId,
        PersonalDataAccess personalData) {

    /** Longest text accepted in any field; longer input is a malformed event, not a truncated record. */
    public static final int MAX_TEXT = 512;

    /**
     * The event type of request audits; also the type of the records written before the hash chain existed (V1's
     * table held nothing else and had no type column).
     */
    public static final String REQUEST_AUDIT_V1 = "io.payguard.audit.record.v1";

    public record Actor(String subject, String clientId, List<String> roles) {
        public Actor {
            roles = roles == null ? List.of() : List.copyOf(roles);
            checkText(subject, "actor.subject");
            checkText(clientId, "actor.clientId");
            roles.forEach(r -> checkText(r, "actor.roles"));
        }
    }

    public record Origin(String ip, String userAgent) {
        public Origin {
            checkText(ip, "origin.ip");
            checkText(userAgent, "origin.userAgent");
        }
    }

    /**
     * Who read whose personal data, which fields and why (JR/T 0171, PIPL). The accessor is the record's actor.
     *
     * @param dataSubject the subject whose data was read (an opaque subject id, never a name or number); required on
     *                    input (the mapper checks it), null in a record read back whose subject's key was shredded
     * @param fields      the names of the fields read (e.g. {@code phone}, {@code idNumber}), never their values
     * @param purpose     the declared purpose code (e.g. {@code support}, {@code dispute}, {@code export})
     * @param reason      free text justification (a ticket reference), may be null
     */
    public record PersonalDataAccess(String dataSubject, List<String> fields, String purpose, String reason) {
        public PersonalDataAccess {
            checkText(dataSubject, "personalData.dataSubject");
            requireText(purpose, "personalData.purpose");
            fields = fields == null ? List.of() : List.copyOf(fields);
            fields.forEach(f -> checkText(f, "personalData.fields"));
            checkText(reason, "personalData.reason");
        }
    }

    public AuditRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(occurredAt, "occurredAt");
        occurredAt = occurredAt.truncatedTo(ChronoUnit.MICROS);
        requireText(sourceService, "sourceService");
        requireText(eventType, "eventType");
        requireText(action, "action");
        requireText(outcome, "outcome");
        checkText(objectType, "objectType");
        checkText(objectId, "objectId");
        checkText(correlationId, "correlationId");
        actor = actor == null ? new Actor(null, null, List.of()) : actor;
        origin = origin == null ? new Origin(null, null) : origin;
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("audit record without " + name);
        }
        checkText(value, name);
    }

    private static void checkText(String value, String name) {
        if (value != null && (value.length() > MAX_TEXT || value.indexOf('\u0000') >= 0)) {
            throw new IllegalArgumentException("audit record field " + name + " is too long or holds a NUL character");
        }
    }
}

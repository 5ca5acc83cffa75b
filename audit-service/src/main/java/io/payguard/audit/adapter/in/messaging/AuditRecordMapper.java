package io.payguard.audit.adapter.in.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import io.payguard.audit.domain.AuditRecord;
import io.payguard.platform.messaging.CloudEvent;
import io.payguard.platform.messaging.MalformedEventException;

/**
 * Decodes CloudEvents (their JSON data) into {@link AuditRecord}s, before the application sees them.
 * <ul>
 * <li>{@code audit.records}: {@code io.payguard.audit.record.v1} (request audit) and
 * {@code io.payguard.audit.pii-access.v1} (personal-data access), strictly: other types are poison.</li>
 * <li>domain topics ({@code security.events}, {@code payment.events}, {@code ledger.events},
 * {@code wallet.events}): any type, mapped generically (action = the type; object from the subject or the
 * data's ids; actor, origin and outcome from what the data says), since their producers are still growing.</li>
 * </ul>
 * Only the fields named here are copied: amounts, references and anything else the data holds stay out of the
 * trail.
 */
public final class AuditRecordMapper {

    public static final String TYPE_V1 = AuditRecord.REQUEST_AUDIT_V1;
    public static final String PII_ACCESS_V1 = "io.payguard.audit.pii-access.v1";

    private static final List<String> OBJECT_IDS = List.of(
            "paymentId",
            "refundId",
            "holdId",
            "walletId",
            "accountId",
            "entryId",
            "apiKeyId",
            "keyId",
            "merchantId",
            "clientId",
            "requestId",
            "profileId",
            "purpose");

    /** Object types for ids whose field name does not say it ({@code <type>Id}). */
    private static final java.util.Map<String, String> OBJECT_TYPES =
            java.util.Map.of("requestId", "data_subject_request", "purpose", "consent_purpose");

    private AuditRecordMapper() {}

    public static AuditRecord fromEvent(CloudEvent event) {
        if (!TYPE_V1.equals(event.type()) && !PII_ACCESS_V1.equals(event.type())) {
            throw new MalformedEventException("unexpected event type " + event.type());
        }
        JsonNode data = data(event);
        try {
            AuditRecord.PersonalDataAccess personal = null;
            if (PII_ACCESS_V1.equals(event.type())) {
                List<String> fields = new ArrayList<>();
                data.path("fields").forEach(f -> fields.add(f.asText()));
                String dataSubject = text(data, "dataSubject");
                if (dataSubject == null || dataSubject.isBlank()) {
                    throw new IllegalArgumentException("audit record without personalData.dataSubject");
                }
                personal = new AuditRecord.PersonalDataAccess(
                        dataSubject, fields, text(data, "purpose"), text(data, "reason"));
            }
            return new AuditRecord(
                    UUID.fromString(event.id()),
                    event.time(),
                    text(data, "service"),
                    event.type(),
                    personal != null && text(data, "action") == null ? "personal-data.read" : text(data, "action"),
                    text(data, "objectType"),
                    text(data, "objectId"),
                    personal != null && text(data, "outcome") == null ? "success" : text(data, "outcome"),
                    actor(data.path("actor")),
                    origin(data.path("origin")),
                    text(data, "correlationId"),
                    personal);
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("audit event " + event.id() + " is invalid: " + e.getMessage(), e);
        }
    }

    /** Any domain or security event, mapped generically. */
    public static AuditRecord fromDomainEvent(CloudEvent event) {
        JsonNode data = event.data() != null && event.data().isObject()
                ? event.data()
                : com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        try {
            String objectType = null;
            String objectId = null;
            if (event.subject() != null && event.subject().contains("/")) {
                objectType = event.subject().substring(0, event.subject().indexOf('/'));
                objectId = event.subject().substring(event.subject().indexOf('/') + 1);
            } else {
                for (String field : OBJECT_IDS) {
                    if (text(data, field) != null) {
                        objectId = text(data, field);
                        objectType = objectId.startsWith("lh_")
                                ? "legal_hold"
                                : OBJECT_TYPES.getOrDefault(field, field.substring(0, field.length() - 2));
                        break;
                    }
                }
                if (objectId == null && event.subject() != null) {
                    objectId = event.subject();
                }
            }
            JsonNode actor = data.path("actor");
            AuditRecord.Actor who = actor.isObject()
                    ? actor(actor)
                    : new AuditRecord.Actor(text(data, "subject"), text(data, "clientId"), List.of());
            JsonNode origin = data.path("origin");
            AuditRecord.Origin from = origin.isObject()
                    ? origin(origin)
                    : new AuditRecord.Origin(first(data, "ip", "sourceIp", "remoteAddress"), text(data, "userAgent"));
            return new AuditRecord(
                    recordId(event),
                    event.time(),
                    service(event),
                    event.type(),
                    event.type(),
                    objectType,
                    objectId,
                    outcome(event.type(), data),
                    who,
                    from,
                    text(data, "correlationId"),
                    null);
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("event " + event.id() + " cannot be audited: " + e.getMessage(), e);
        }
    }

    /** What the data says, else what the type's last word says (refused, declined, failed ... are failures). */
    static String outcome(String type, JsonNode data) {
        String stated = first(data, "outcome", "decision", "result");
        if (stated != null) {
            return stated;
        }
        String t = type.toLowerCase(Locale.ROOT);
        if (t.contains(".failed.") || t.contains(".failure.")) {
            return "failure";
        }
        for (String word : List.of("refused", "rejected", "declined", "denied")) {
            if (t.contains("." + word + ".")) {
                return "declined";
            }
        }
        return "success";
    }

    /** The event id when it is a UUID (PayGuard producers), else a name-based UUID of source and id. */
    static UUID recordId(CloudEvent event) {
        try {
            return UUID.fromString(event.id());
        } catch (IllegalArgumentException notUuid) {
            return UUID.nameUUIDFromBytes(
                    (event.source() + "\n" + event.id()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private static String service(CloudEvent event) {
        String s = event.source();
        return s.startsWith("/payguard/") ? s.substring("/payguard/".length()) : s;
    }

    private static JsonNode data(CloudEvent event) {
        JsonNode data = event.data();
        if (data == null || !data.isObject()) {
            throw new MalformedEventException("audit event " + event.id() + " has no data");
        }
        return data;
    }

    private static AuditRecord.Actor actor(JsonNode actor) {
        List<String> roles = new ArrayList<>();
        actor.path("roles").forEach(r -> roles.add(r.asText()));
        return new AuditRecord.Actor(text(actor, "subject"), text(actor, "clientId"), roles);
    }

    private static AuditRecord.Origin origin(JsonNode origin) {
        return new AuditRecord.Origin(text(origin, "ip"), text(origin, "userAgent"));
    }

    private static String first(JsonNode node, String... fields) {
        for (String f : fields) {
            String v = text(node, f);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
    }
}

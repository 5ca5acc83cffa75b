package io.payguard.audit.application;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import io.payguard.audit.domain.AuditRecord;
import io.payguard.platform.messaging.CloudEvent;
import io.payguard.platform.messaging.MalformedEventException;

/** Turns an {@code io.payguard.audit.record.v1} CloudEvent into an {@link AuditRecord}. */
public final class AuditRecordMapper {

    public static final String TYPE_V1 = "io.payguard.audit.record.v1";

    private AuditRecordMapper() {
    }

    public static AuditRecord fromEvent(CloudEvent event) {
        if (!TYPE_V1.equals(event.type())) {
            throw new MalformedEventException("unexpected event type " + event.type());
        }
        JsonNode data = event.data();
        if (data == null || !data.isObject()) {
            throw new MalformedEventException("audit event " + event.id() + " has no data");
        }
        try {
            JsonNode actor = data.path("actor");
            List<String> roles = new ArrayList<>();
            actor.path("roles").forEach(r -> roles.add(r.asText()));
            JsonNode origin = data.path("origin");
            return new AuditRecord(
                    UUID.fromString(event.id()),
                    event.time(),
                    text(data, "service"),
                    text(data, "action"),
                    text(data, "objectType"),
                    text(data, "objectId"),
                    text(data, "outcome"),
                    new AuditRecord.Actor(text(actor, "subject"), text(actor, "clientId"), roles),
                    new AuditRecord.Origin(text(origin, "ip"), text(origin, "userAgent")),
                    text(data, "correlationId"));
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("audit event " + event.id() + " is invalid: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}

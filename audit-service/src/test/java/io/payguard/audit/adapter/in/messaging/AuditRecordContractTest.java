package io.payguard.audit.adapter.in.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.payguard.platform.messaging.CloudEvent;
import io.payguard.platform.testing.contracts.EventContracts;

/**
 * The consumer side of the audit trail's input: audit-service decodes every type contracts/events describes for
 * {@code audit.records} (strictly) and {@code security.events} (generically), from the contract's examples, into the
 * record those examples say.
 */
class AuditRecordContractTest {

    static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void everyAuditRecordTypeIsDecodedWithTheFieldsItCarries() {
        var types = EventContracts.typesOn("audit.records");
        assertThat(types).containsExactlyInAnyOrder(AuditRecordMapper.TYPE_V1, AuditRecordMapper.PII_ACCESS_V1);
        for (String type : types) {
            var data = EventContracts.example(type);
            String id = UUID.randomUUID().toString();
            var record = AuditRecordMapper.fromEvent(event(id, type, "x/1", data));
            assertThat(record.id()).as(type).hasToString(id);
            assertThat(record.eventType()).as(type).isEqualTo(type);
            assertThat(record.occurredAt()).as(type).isEqualTo(AT);
            assertThat(record.sourceService())
                    .as(type)
                    .isEqualTo(data.get("service").asText());
            assertThat(record.action()).as(type).isEqualTo(data.get("action").asText());
            assertThat(record.outcome()).as(type).isEqualTo(data.get("outcome").asText());
            assertThat(record.actor().subject())
                    .as(type)
                    .isEqualTo(data.at("/actor/subject").asText());
            assertThat(record.actor().roles())
                    .as(type)
                    .hasSize(data.at("/actor/roles").size());
            if (data.has("origin")) {
                assertThat(record.origin().ip())
                        .as(type)
                        .isEqualTo(data.at("/origin/ip").asText());
                assertThat(record.objectType())
                        .as(type)
                        .isEqualTo(data.get("objectType").asText());
                assertThat(record.objectId())
                        .as(type)
                        .isEqualTo(data.get("objectId").asText());
                assertThat(record.correlationId())
                        .as(type)
                        .isEqualTo(data.get("correlationId").asText());
            }
            if (data.has("dataSubject")) {
                assertThat(record.personalData().dataSubject())
                        .as(type)
                        .isEqualTo(data.get("dataSubject").asText());
                assertThat(record.personalData().fields())
                        .as(type)
                        .hasSize(data.get("fields").size());
                assertThat(record.personalData().purpose())
                        .as(type)
                        .isEqualTo(data.get("purpose").asText());
            }
        }
    }

    @Test
    void everySecurityEventTypeIsRecordedWithItsActorObjectAndOutcome() {
        var types = EventContracts.typesOn("security.events");
        assertThat(types).hasSize(24).contains("io.payguard.security.authentication.failed.v1");
        for (String type : types) {
            var data = EventContracts.example(type);
            var record =
                    AuditRecordMapper.fromDomainEvent(event(UUID.randomUUID().toString(), type, "thing/t-1", data));
            assertThat(record.eventType()).as(type).isEqualTo(type);
            assertThat(record.action()).as(type).isEqualTo(type);
            assertThat(record.objectType()).as(type).isEqualTo("thing");
            assertThat(record.objectId()).as(type).isEqualTo("t-1");
            assertThat(record.outcome()).as(type).isEqualTo(expectedOutcome(data));
            if (data.path("actor").isObject()) {
                assertThat(record.actor().subject())
                        .as(type)
                        .isEqualTo(data.at("/actor/subject").asText());
            }
            if (data.path("origin").isObject()) {
                assertThat(record.origin().ip())
                        .as(type)
                        .isEqualTo(data.at("/origin/ip").asText());
            }
        }
    }

    private static String expectedOutcome(JsonNode data) {
        return data.has("outcome") ? data.get("outcome").asText() : "success";
    }

    private static CloudEvent event(String id, String type, String subject, JsonNode data) {
        return CloudEvent.of(id, "/payguard/" + data.path("service").asText("auth-service"), type, subject, AT, data);
    }
}

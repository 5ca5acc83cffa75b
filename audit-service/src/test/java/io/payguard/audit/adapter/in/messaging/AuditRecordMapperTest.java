package io.payguard.audit.adapter.in.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.payguard.platform.messaging.CloudEvent;
import io.payguard.platform.messaging.MalformedEventException;

class AuditRecordMapperTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void mapsTheWhoWhatWhenWhereAndOutcome() throws Exception {
        var data = mapper.readTree("""
                {"actor":{"subject":"u-1","clientId":"payguard-web","roles":["customer"]},"action":"caller.read",
                 "objectType":"caller","objectId":"u-1","outcome":"success","origin":{"ip":"10.0.0.1","userAgent":"ua"},
                 "correlationId":"req-12345678","service":"wallet-service"}""");
        String id = UUID.randomUUID().toString();
        var record = AuditRecordMapper.fromEvent(CloudEvent.of(
                id,
                "/payguard/wallet-service",
                AuditRecordMapper.TYPE_V1,
                null,
                Instant.parse("2026-11-26T10:00:00Z"),
                data));

        assertThat(record.id()).hasToString(id);
        assertThat(record.actor().roles()).containsExactly("customer");
        assertThat(record.origin().ip()).isEqualTo("10.0.0.1");
        assertThat(record.sourceService()).isEqualTo("wallet-service");
        assertThat(record.correlationId()).isEqualTo("req-12345678");
    }

    @Test
    void refusesOtherTypesAndIncompleteRecords() throws Exception {
        String id = UUID.randomUUID().toString();
        var now = Instant.parse("2026-11-26T10:00:00Z");
        assertThatThrownBy(() -> AuditRecordMapper.fromEvent(
                        CloudEvent.of(id, "/x", "io.payguard.other.v1", null, now, mapper.createObjectNode())))
                .isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> AuditRecordMapper.fromEvent(CloudEvent.of(
                        id,
                        "/x",
                        AuditRecordMapper.TYPE_V1,
                        null,
                        now,
                        mapper.readTree("{\"service\":\"s\",\"outcome\":\"success\"}"))))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("action");
    }
}

package io.payguard.audit.adapter.in.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.payguard.platform.messaging.CloudEvent;

/**
 * Issue 18's security.events types (contract section 4, produced by auth-service) are recorded with actor, object and
 * outcome by the generic mapping: data subject requests by {@code requestId}, legal holds ({@code lh_…}) by
 * {@code holdId}, consents by {@code purpose}; a refusal is {@code declined}.
 */
class PrivacyEventMappingTest {

    private final ObjectMapper json = new ObjectMapper();

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "io.payguard.security.consent.granted.v1|\"purpose\":\"marketing\",\"version\":1,\"channel\":\"web\"|consent_purpose|marketing|success",
                "io.payguard.security.consent.withdrawn.v1|\"purpose\":\"marketing\",\"channel\":\"api\"|consent_purpose|marketing|success",
                "io.payguard.security.dsr.received.v1|\"requestId\":\"dsr_1\",\"type\":\"erasure\"|data_subject_request|dsr_1|success",
                "io.payguard.security.dsr.completed.v1|\"requestId\":\"dsr_1\"|data_subject_request|dsr_1|success",
                "io.payguard.security.dsr.refused.v1|\"requestId\":\"dsr_2\",\"code\":\"wallet_balance_not_zero\"|data_subject_request|dsr_2|declined",
                "io.payguard.security.legal-hold.set.v1|\"holdId\":\"lh_7\"|legal_hold|lh_7|success",
                "io.payguard.security.legal-hold.released.v1|\"holdId\":\"lh_7\"|legal_hold|lh_7|success",
                "io.payguard.security.profile.corrected.v1|\"requestId\":\"dsr_3\",\"profileId\":\"prf_1\"|data_subject_request|dsr_3|success"
            })
    void recordedWithActorObjectAndOutcome(
            String type, String fields, String objectType, String objectId, String outcome) throws Exception {
        String subject = UUID.randomUUID().toString();
        var data = json.readTree(
                "{" + fields + ",\"subject\":\"" + subject
                        + "\",\"actor\":{\"subject\":\"co-1\",\"clientId\":\"payguard-console\",\"roles\":[\"compliance-officer\"]}}");
        var record = AuditRecordMapper.fromDomainEvent(CloudEvent.of(
                UUID.randomUUID().toString(),
                "/payguard/auth-service",
                type,
                null,
                Instant.parse("2026-12-07T10:00:00Z"),
                data));
        assertThat(record.action()).isEqualTo(type);
        assertThat(record.sourceService()).isEqualTo("auth-service");
        assertThat(record.actor().subject()).isEqualTo("co-1");
        assertThat(record.actor().roles()).containsExactly("compliance-officer");
        assertThat(record.objectType()).isEqualTo(objectType);
        assertThat(record.objectId()).isEqualTo(objectId);
        assertThat(record.outcome()).isEqualTo(outcome);

        // without an actor object the subject acts (a customer granting or withdrawing consent)
        var own = AuditRecordMapper.fromDomainEvent(CloudEvent.of(
                UUID.randomUUID().toString(),
                "/payguard/auth-service",
                type,
                null,
                Instant.parse("2026-12-07T10:00:00Z"),
                json.readTree("{" + fields + ",\"subject\":\"" + subject + "\"}")));
        assertThat(own.actor().subject()).isEqualTo(subject);
    }
}

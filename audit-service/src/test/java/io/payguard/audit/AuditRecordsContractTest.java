package io.payguard.audit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.payguard.platform.messaging.CloudEvent;
import io.payguard.platform.messaging.CloudEventCodec;
import io.payguard.platform.testing.PayGuardTestInfrastructure;
import io.payguard.platform.testing.TestTokens;
import io.payguard.platform.testing.contracts.EventContracts;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * The audit.records examples of contracts/events, as every service publishes them, go through audit-service's
 * consumer into the trail: the request audit is found by its correlation id, the personal-data read by its data
 * subject.
 */
@QuarkusTest
@QuarkusTestResource(value = PayGuardTestInfrastructure.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class AuditRecordsContractTest {

    static final String REQUEST_AUDIT = "io.payguard.audit.record.v1";
    static final String PII_ACCESS = "io.payguard.audit.pii-access.v1";

    @Inject
    CloudEventCodec codec;

    private static String complianceOfficer() {
        return TestTokens.token(
                "co-contracts",
                ConfigProvider.getConfig().getValue("quarkus.oidc.token.audience", String.class),
                "compliance-officer");
    }

    private String publish(String type, String key) {
        var data = EventContracts.example(type);
        String id = UUID.randomUUID().toString();
        var event = CloudEvent.of(
                id, "/payguard/" + data.get("service").asText(), type, "contract/example", Instant.now(), data);
        EventContracts.assertConforms(event);
        KafkaTestClient.send("audit.records", key, codec.write(event));
        return id;
    }

    @Test
    void theContractsExamplesReachTheTrail() {
        String correlationId =
                EventContracts.example(REQUEST_AUDIT).get("correlationId").asText();
        String dataSubject =
                EventContracts.example(PII_ACCESS).get("dataSubject").asText();
        String requestAudit = publish(REQUEST_AUDIT, correlationId);
        String piiAccess = publish(PII_ACCESS, dataSubject);

        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> given().auth()
                        .oauth2(complianceOfficer())
                        .queryParam("correlationId", correlationId)
                        .get("/v1/audit/records")
                        .then()
                        .statusCode(200)
                        .body("id", hasItem(requestAudit)));
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> given().auth()
                        .oauth2(complianceOfficer())
                        .queryParam("dataSubject", dataSubject)
                        .get("/v1/audit/personal-data-access")
                        .then()
                        .statusCode(200)
                        .body("records.id", hasItem(piiAccess))
                        .body(
                                "records.find { it.id == '%s' }.personalData.purpose".formatted(piiAccess),
                                equalTo(EventContracts.example(PII_ACCESS)
                                        .get("purpose")
                                        .asText())));
    }
}

package io.payguard.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.payguard.platform.testing.PayGuardTestInfrastructure;
import io.payguard.platform.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/** The audit consumer against a real broker and database: exactly one record per event, poison to the DLQ. */
@QuarkusTest
@QuarkusTestResource(value = PayGuardTestInfrastructure.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class AuditRecordingTest {

    static String audience() {
        return ConfigProvider.getConfig().getValue("quarkus.oidc.token.audience", String.class);
    }

    static String event(String id, String correlationId) {
        return """
                {"specversion":"1.0","id":"%s","source":"/payguard/payment-service","type":"io.payguard.audit.record.v1",
                 "time":"2026-11-26T10:00:00Z","datacontenttype":"application/json",
                 "data":{"actor":{"subject":"merchant-7","clientId":"demo-merchant-a","roles":["merchant"]},
                         "action":"payment.create","objectType":"payment","objectId":"pi_123","outcome":"success",
                         "origin":{"ip":"127.0.0.1","userAgent":"test"},"correlationId":"%s","service":"payment-service"}}
                """.formatted(id, correlationId);
    }

    @Test
    void eachEventIsRecordedOnceEvenWhenDeliveredThreeTimesAndPoisonGoesToTheDeadLetterTopic() throws Exception {
        String eventId = UUID.randomUUID().toString();
        String correlationId = "corr-" + UUID.randomUUID();
        String poisonKey = "poison-" + UUID.randomUUID();
        // as the outbox relay sends them: structured CloudEvents content type in the headers
        KafkaTestClient.send(
                "audit.records",
                correlationId,
                event(eventId, correlationId),
                event(eventId, correlationId),
                event(eventId, correlationId));
        KafkaTestClient.send("audit.records", poisonKey, "{\"this is\": \"not an event\"}");

        String auditor = TestTokens.token("auditor-1", audience(), "auditor");
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> given().auth()
                                .oauth2(auditor)
                                .queryParam("correlationId", correlationId)
                                .get("/v1/audit/records")
                                .then()
                                .statusCode(200)
                                .extract()
                                .jsonPath()
                                .getList("$")
                                .size()
                        > 0);
        int found = given().auth()
                .oauth2(auditor)
                .queryParam("correlationId", correlationId)
                .get("/v1/audit/records")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$")
                .size();
        assertThat(found).as("records for the event").isEqualTo(1);

        // Keys differ, so partitions may too: wait for the poison on the dead-letter topic, assume no order.
        var read = KafkaTestClient.readUntil(
                "audit.records.dlq",
                rs -> rs.stream().anyMatch(r -> poisonKey.equals(r.key())),
                Duration.ofSeconds(30));
        List<String> dead = read.stream()
                .filter(r -> poisonKey.equals(r.key()))
                .map(KafkaTestClient::deadLetterReason)
                .toList();
        List<String> deadDuplicates = read.stream()
                .filter(r -> correlationId.equals(r.key()))
                .map(r -> r.value())
                .toList();
        assertThat(dead).as("poison message on audit.records.dlq").hasSize(1);
        assertThat(dead.get(0)).contains("CloudEvents");
        // duplicates are absorbed by the processed-event record, not rejected into the DLQ
        assertThat(deadDuplicates).isEmpty();

        // a redelivery after the fact is still a no-op
        given().auth()
                .oauth2(auditor)
                .queryParam("correlationId", correlationId)
                .get("/v1/audit/records")
                .then()
                .statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].actor.clientId", equalTo("demo-merchant-a"));
    }

    @Test
    void onlyAuditorsAndComplianceOfficersReadTheTrailOthersSeeNothing() {
        // customers and merchants (and operators) get the 404 of an unknown route: the trail is not confirmed to exist
        for (String role : List.of("customer", "merchant", "operator")) {
            for (String path : List.of(
                    "/v1/audit/records?correlationId=abcdefgh12",
                    "/v1/audit/search",
                    "/v1/audit/chain/checkpoints",
                    "/v1/audit/personal-data-access?dataSubject=s-1",
                    "/v1/audit/reports/failed-authentications",
                    "/v1/audit/export")) {
                given().auth()
                        .oauth2(TestTokens.token("x-1", audience(), role))
                        .get(path)
                        .then()
                        .statusCode(404)
                        .body("code", equalTo("not_found"));
            }
            given().auth()
                    .oauth2(TestTokens.token("x-1", audience(), role))
                    .post("/v1/audit/chain/verifications")
                    .then()
                    .statusCode(404);
        }
        // a token with no PayGuard role at all is refused by the platform's role check
        given().auth()
                .oauth2(TestTokens.token("n-1", audience(), "nobody"))
                .queryParam("correlationId", "abcdefgh12")
                .get("/v1/audit/records")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(TestTokens.token("co-1", audience(), "compliance-officer"))
                .queryParam("correlationId", "abcdefgh12")
                .get("/v1/audit/records")
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(TestTokens.token("a-1", audience(), "auditor"))
                .queryParam("correlationId", "bad id!")
                .get("/v1/audit/records")
                .then()
                .statusCode(400)
                .body("code", equalTo("invalid_correlation_id"));
    }

    @Test
    void aRecordTheDatabaseRefusesIsDeadLetteredAloneAndTheRestOfItsBatchIsRecorded() throws Exception {
        String correlationId = "refused-" + UUID.randomUUID();
        String refusedId = UUID.randomUUID().toString();
        // a valid event whose time PostgreSQL cannot store (timestamptz ends in 294276): SQLState class 22, found only
        // when
        // the batch is written; before, the appender retried that batch forever and the whole trail stood still
        String refused = event(refusedId, correlationId).replace("2026-11-26T10:00:00Z", "+294300-01-01T00:00:00Z");
        assertThat(refused).contains("+294300");
        KafkaTestClient.send(
                "audit.records",
                correlationId,
                event(UUID.randomUUID().toString(), correlationId),
                refused,
                event(UUID.randomUUID().toString(), correlationId));

        var read = KafkaTestClient.readUntil(
                "audit.records.dlq",
                rs -> rs.stream().anyMatch(r -> correlationId.equals(r.key())),
                Duration.ofSeconds(30));
        var dead = read.stream().filter(r -> correlationId.equals(r.key())).toList();
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).value()).contains(refusedId);
        assertThat(new String(dead.get(0)
                        .headers()
                        .lastHeader("payguard-dead-letter-reason")
                        .value()))
                .isEqualTo("rejected_by_database");
        assertThat(KafkaTestClient.deadLetterReason(dead.get(0)))
                .startsWith("rejected_by_database: database error, SQLState 22");

        String auditor = TestTokens.token("auditor-1", audience(), "auditor");
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> given().auth()
                                .oauth2(auditor)
                                .queryParam("correlationId", correlationId)
                                .get("/v1/audit/records")
                                .then()
                                .statusCode(200)
                                .extract()
                                .jsonPath()
                                .getList("$")
                                .size()
                        == 2);
    }
}

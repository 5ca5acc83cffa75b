package io.payguard.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.payguard.audit.application.ChainAppender;
import io.payguard.platform.messaging.ConsumerFailures;
import io.payguard.platform.testing.LocalPostgres;
import io.payguard.platform.testing.PayGuardTestInfrastructure;
import io.payguard.platform.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * Issue 14: audit-service recovers from a database outage by itself. Events keep arriving while PostgreSQL is down and
 * wait unacknowledged (the appender retries its batch); the channels stay open however long that takes (with the
 * throttled commit strategy's default check they were closed after 60 s, and readiness stayed DOWN until a restart).
 * Once PostgreSQL is back, readiness is UP again and every event is in the chain exactly once, none dead-lettered.
 */
@QuarkusTest
@QuarkusTestResource(value = PayGuardTestInfrastructure.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class AuditOutageTest {

    @Inject
    MeterRegistry registry;

    @AfterEach
    void databaseBack() {
        LocalPostgres.start(); // whatever happened, the next test finds its database
    }

    @Test
    void eventsSentDuringADatabaseOutageAreRecordedOnceAndReadinessComesBack() throws Exception {
        String auditor = TestTokens.token("auditor-1", AuditRecordingTest.audience(), "auditor");
        String correlationId = "outage-" + UUID.randomUUID();
        // one key: one partition, so the poison sentinel sent last is dead-lettered after anything sent before it
        String key = correlationId;

        KafkaTestClient.send("audit.records", key, events(correlationId, 3));
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> recorded(auditor, correlationId) == 3);
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> readiness() == 200);

        double retriesBefore = retries();
        LocalPostgres.stop();
        KafkaTestClient.send("audit.records", key, events(correlationId, 5));
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> readiness() == 503);
        // down well past several back-offs: the records wait unacknowledged meanwhile
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> retries() - retriesBefore >= 8);
        KafkaTestClient.send("audit.records", key, events(correlationId, 2));
        LocalPostgres.start();

        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> readiness() == 200);
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> recorded(auditor, correlationId) >= 10);
        assertThat(recorded(auditor, correlationId))
                .as("each of the ten events once")
                .isEqualTo(10);

        double deadBefore = deadLettered();
        String poison = "{\"this is\": \"not an event\"}";
        KafkaTestClient.send("audit.records", key, poison);
        var read = KafkaTestClient.readUntil(
                "audit.records.dlq", rs -> rs.stream().anyMatch(r -> key.equals(r.key())), Duration.ofSeconds(30));
        var ours = read.stream().filter(r -> key.equals(r.key())).toList();
        assertThat(ours).as("only the poison sentinel was dead-lettered").hasSize(1);
        assertThat(ours.get(0).value()).isEqualTo(poison);
        assertThat(new String(ours.get(0)
                        .headers()
                        .lastHeader(ConsumerFailures.REASON_HEADER)
                        .value()))
                .isEqualTo("unparseable");
        assertThat(deadLettered() - deadBefore)
                .as("counted before it was nacked")
                .isEqualTo(1);
    }

    private static String[] events(String correlationId, int n) {
        return java.util.stream.IntStream.range(0, n)
                .mapToObj(i -> AuditRecordingTest.event(UUID.randomUUID().toString(), correlationId))
                .toArray(String[]::new);
    }

    private static int recorded(String auditor, String correlationId) {
        List<?> records = given().auth()
                .oauth2(auditor)
                .queryParam("correlationId", correlationId)
                .queryParam("limit", 100)
                .get("/v1/audit/records")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
        return records.size();
    }

    private static int readiness() {
        return given().get("/q/health/ready").then().extract().statusCode();
    }

    private double retries() {
        return registry.find("payguard.messaging.retries").tag("consumer", ChainAppender.CONSUMER).counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }

    private double deadLettered() {
        return registry
                .find("payguard.messaging.dead_letters")
                .tags("consumer", ChainAppender.CONSUMER, "reason", "unparseable")
                .counters()
                .stream()
                .mapToDouble(Counter::count)
                .sum();
    }
}

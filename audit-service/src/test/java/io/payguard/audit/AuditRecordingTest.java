package io.payguard.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.payguard.platform.testing.LocalKafka;
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

    private static String audience() {
        return ConfigProvider.getConfig().getValue("quarkus.oidc.token.audience", String.class);
    }

    private static String event(String id, String correlationId) {
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
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalKafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            for (int i = 0; i < 3; i++) {
                // as the outbox relay sends them: structured CloudEvents content type in the headers
                var record = new ProducerRecord<>("audit.records", correlationId, event(eventId, correlationId));
                record.headers().add("content-type", "application/cloudevents+json".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                producer.send(record).get();
            }
            producer.send(new ProducerRecord<>("audit.records", poisonKey, "{\"this is\": \"not an event\"}")).get();
        }

        String auditor = TestTokens.token("auditor-1", audience(), "auditor");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int found = 0;
        while (System.nanoTime() < deadline) {
            found = given().auth().oauth2(auditor).queryParam("correlationId", correlationId)
                    .get("/v1/audit/records").then().statusCode(200).extract().jsonPath().getList("$").size();
            if (found > 0) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(found).as("records for the event").isEqualTo(1);

        // Keys differ, so partitions may too: wait for the poison on the dead-letter topic, assume no order.
        List<String> dead = new ArrayList<>();
        List<String> deadDuplicates = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalKafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "dlq-check-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
            consumer.subscribe(List.of("audit.records.dlq"));
            deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (dead.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                    if (correlationId.equals(r.key())) {
                        deadDuplicates.add(r.value());
                    }
                    if (poisonKey.equals(r.key())) {
                        var reason = r.headers().lastHeader("dead-letter-reason");
                        dead.add(reason == null ? "" : new String(reason.value()));
                    }
                });
            }
        }
        assertThat(dead).as("poison message on audit.records.dlq").hasSize(1);
        assertThat(dead.get(0)).contains("CloudEvents");
        // duplicates are absorbed by the processed-event record, not rejected into the DLQ
        assertThat(deadDuplicates).isEmpty();

        // a redelivery after the fact is still a no-op
        given().auth().oauth2(auditor).queryParam("correlationId", correlationId).get("/v1/audit/records")
                .then().statusCode(200).body("size()", equalTo(1)).body("[0].actor.clientId", equalTo("demo-merchant-a"));
    }

    @Test
    void onlyAuditorsAndComplianceOfficersReadTheTrailOthersSeeNothing() {
        // customers and merchants (and operators) get the 404 of an unknown route: the trail is not confirmed to exist
        for (String role : List.of("customer", "merchant", "operator")) {
            for (String path : List.of("/v1/audit/records?correlationId=abcdefgh12", "/v1/audit/search", "/v1/audit/chain/checkpoints",
                    "/v1/audit/personal-data-access?dataSubject=s-1")) {
                given().auth().oauth2(TestTokens.token("x-1", audience(), role)).get(path).then().statusCode(404)
                        .body("code", equalTo("not_found"));
            }
            given().auth().oauth2(TestTokens.token("x-1", audience(), role)).post("/v1/audit/chain/verifications").then().statusCode(404);
        }
        // a token with no PayGuard role at all is refused by the platform's role check
        given().auth().oauth2(TestTokens.token("n-1", audience(), "nobody")).queryParam("correlationId", "abcdefgh12")
                .get("/v1/audit/records").then().statusCode(403);
        given().auth().oauth2(TestTokens.token("co-1", audience(), "compliance-officer")).queryParam("correlationId", "abcdefgh12")
                .get("/v1/audit/records").then().statusCode(200);
        given().auth().oauth2(TestTokens.token("a-1", audience(), "auditor")).queryParam("correlationId", "bad id!")
                .get("/v1/audit/records").then().statusCode(400).body("code", equalTo("invalid_correlation_id"));
    }
}

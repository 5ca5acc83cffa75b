package io.payguard.payment;

import static io.payguard.payment.Api.as;
import static io.payguard.payment.Api.create;
import static io.payguard.payment.Api.merchant;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import io.payguard.platform.testing.LocalKafka;
import io.payguard.platform.testing.PayGuardTestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/** Payment API calls leave request audit records on audit.records, as the other services' calls do (who, what, which, outcome). */
@QuarkusTest
@QuarkusTestResource(value = PayGuardTestInfrastructure.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class PaymentAuditTest {

    @Test
    void writesReadsAndRefusalsAreAudited() {
        String clientId = "merchant-" + UUID.randomUUID();
        String merchant = merchant(clientId);
        String id = create(merchant, 1200, "cust-1", "wallet", "manual");
        as(merchant).get("/v1/payment_intents/" + id).then().statusCode(200);
        as(merchant)
                .body("{}")
                .post("/v1/payment_intents/" + id + "/capture")
                .then()
                .statusCode(409);
        as(merchant)
                .body(Map.of("cancellation_reason", "abandoned"))
                .post("/v1/payment_intents/" + id + "/cancel")
                .then()
                .statusCode(200);

        List<String> records = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                LocalKafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "audit-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class.getName()))) {
            consumer.subscribe(List.of("audit.records"));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline && records.size() < 4) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (r.value().contains("\"objectId\":\"" + id + "\"")) {
                        records.add(r.value());
                    }
                });
            }
        }
        assertThat(records)
                .anyMatch(r -> r.contains("\"action\":\"payment_intent.create\"")
                        && r.contains("\"outcome\":\"success\"")
                        && r.contains(clientId)
                        && r.contains("\"service\":\"payment-service\""));
        assertThat(records).anyMatch(r -> r.contains("\"action\":\"payment_intent.read\""));
        assertThat(records)
                .anyMatch(r ->
                        r.contains("\"action\":\"payment_intent.capture\"") && r.contains("\"outcome\":\"refused\""));
        assertThat(records)
                .anyMatch(r ->
                        r.contains("\"action\":\"payment_intent.cancel\"") && r.contains("\"outcome\":\"success\""));
    }
}

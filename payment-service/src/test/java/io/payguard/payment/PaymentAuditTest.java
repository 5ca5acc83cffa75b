package io.payguard.payment;

import static io.payguard.payment.Api.as;
import static io.payguard.payment.Api.create;
import static io.payguard.payment.Api.merchant;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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

        String object = "\"objectId\":\"" + id + "\"";
        List<String> records = LocalKafka.read(
                        "audit.records",
                        read -> read.stream()
                                        .filter(r -> r.value().contains(object))
                                        .count()
                                >= 4,
                        Duration.ofSeconds(20))
                .stream()
                .map(r -> r.value())
                .filter(v -> v.contains(object))
                .toList();
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

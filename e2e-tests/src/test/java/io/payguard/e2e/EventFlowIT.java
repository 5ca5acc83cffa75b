package io.payguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An event published by one service is consumed by another: a customer's call to the wallet service is
 * audited through its outbox onto Kafka, and the audit service records it, readable by an auditor.
 */
class EventFlowIT {

    private final Http http = new Http();

    @Test
    void aWalletCallAppearsInTheAuditTrail() {
        String requestId = "e2e-" + UUID.randomUUID();
        String customer = Keycloak.pkceToken("alice");
        var me = http.get(Stack.serviceUrl("wallet") + "/v1/me", Map.of("Authorization", "Bearer " + customer, "X-Request-Id", requestId));
        assertThat(me.status()).as(me.body()).isEqualTo(200);
        String subject = me.json().get("subject").asText();

        String auditor = Keycloak.pkceToken("ada");
        JsonNode[] records = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            var r = http.get(Stack.serviceUrl("audit") + "/v1/audit/records?correlationId=" + requestId,
                    Map.of("Authorization", "Bearer " + auditor));
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.json().size()).isEqualTo(1);
            records[0] = r.json().get(0);
        });
        JsonNode record = records[0];
        assertThat(record.get("sourceService").asText()).isEqualTo("wallet-service");
        assertThat(record.get("action").asText()).isEqualTo("caller.read");
        assertThat(record.get("outcome").asText()).isEqualTo("success");
        assertThat(record.get("actor").get("subject").asText()).isEqualTo(subject);
        assertThat(record.get("actor").get("clientId").asText()).isEqualTo(Keycloak.WEB_CLIENT);
        assertThat(record.get("origin").get("ip").asText()).isEqualTo("127.0.0.1");

        // customers cannot read the trail
        var denied = http.get(Stack.serviceUrl("audit") + "/v1/audit/records?correlationId=" + requestId,
                Map.of("Authorization", "Bearer " + customer));
        assertThat(denied.status()).as("the trail does not even exist for customers").isEqualTo(404);
    }
}

package io.payguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
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
        var customer = Keycloak.customerSession("alice");
        String meUrl = Stack.serviceUrl("wallet") + "/v1/me";
        var meHeaders = new java.util.HashMap<>(customer.headers("GET", meUrl));
        meHeaders.put("X-Request-Id", requestId);
        var me = http.get(meUrl, meHeaders);
        assertThat(me.status()).as(me.body()).isEqualTo(200);
        String subject = me.json().get("subject").asText();

        var auditor = Keycloak.customerSession("ada");
        JsonNode[] records = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> {
                    String url = Stack.serviceUrl("audit") + "/v1/audit/records?correlationId=" + requestId;
                    var r = http.get(url, auditor.headers("GET", url));
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
        String trail = Stack.serviceUrl("audit") + "/v1/audit/records?correlationId=" + requestId;
        var denied = http.get(trail, customer.headers("GET", trail));
        assertThat(denied.status())
                .as("the trail does not even exist for customers")
                .isEqualTo(404);
    }
}

package io.payguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * Issue 7 against the running suite: a failed authentication appears in the tamper-evident trail with the
 * right fields (and without the credential), and the chain verifies as intact.
 */
class AuditTrailIT {

    private final Http http = new Http();

    @Test
    void aFailedLoginAppearsInTheTrailAndTheChainVerifies() throws Exception {
        String requestId = "e2e-fail-" + UUID.randomUUID();
        String bogus = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJtYWxsb3J5In0.c2lnbmF0dXJl";
        var refused = http.get(
                Stack.serviceUrl("payment") + "/v1/me",
                Map.of(
                        "Authorization",
                        "Bearer " + bogus,
                        "X-Request-Id",
                        requestId,
                        "User-Agent",
                        "e2e-attacker/1.0"));
        assertThat(refused.status()).isEqualTo(401);

        var auditor = Keycloak.customerSession("ada");
        String url = Stack.serviceUrl("audit") + "/v1/audit/records?correlationId=" + requestId;
        Http.Response[] found = new Http.Response[1];
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(300))
                .untilAsserted(() -> {
                    var r = http.get(url, auditor.headers("GET", url));
                    assertThat(r.status()).as(r.body()).isEqualTo(200);
                    assertThat(r.json().size()).isEqualTo(1);
                    found[0] = r;
                });
        var record = found[0].json().get(0);
        assertThat(record.get("sourceService").asText()).isEqualTo("payment-service");
        assertThat(record.get("outcome").asText()).isEqualTo("failure");
        assertThat(record.get("origin").get("ip").asText()).isEqualTo("127.0.0.1");
        assertThat(record.get("origin").get("userAgent").asText()).isEqualTo("e2e-attacker/1.0");
        assertThat(found[0].body()).doesNotContain("c2lnbmF0dXJl").doesNotContain(bogus);

        String verify = Stack.serviceUrl("audit") + "/v1/audit/chain/verifications?mode=full";
        var verification = http.send("POST", verify, auditor.headers("POST", verify), null);
        assertThat(verification.status()).as(verification.body()).isEqualTo(200);
        var result = verification.json();
        assertThat(result.get("intact").asBoolean()).as(verification.body()).isTrue();
        assertThat(result.get("recordsChecked").asLong()).isPositive();
        System.out.printf(
                "[e2e] audit chain verified: %s records, intact%n",
                result.get("recordsChecked").asText());
    }
}

package io.payguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.payguard.platform.testing.RouteMatrix;

/**
 * Issue 4 against the running suite: onboarding through Keycloak's admin API, API keys verified by every
 * service from the compacted topic (revocation within 5 s), and the route matrix with real tokens.
 */
class AccessIT {

    private final Http http = new Http();

    private static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    private Http.Response postJson(String url, String token, Object body) {
        return postJson(url, Map.of("Authorization", "Bearer " + token), body);
    }

    private Http.Response postJson(String url, Map<String, String> auth, Object body) {
        return http.send("POST", url, auth, body);
    }

    @Test
    void anOperatorOnboardsAMerchantWhoseNewClientCanCallTheApis() {
        var operator = Keycloak.customerSession("otto");
        String id = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
        String merchantsUrl = Stack.serviceUrl("auth") + "/v1/merchants";
        var onboarded =
                postJson(merchantsUrl, operator.headers("POST", merchantsUrl), Map.of("id", id, "name", "E2E Shop"));
        assertThat(onboarded.status()).as(onboarded.body()).isEqualTo(201);
        String secret = onboarded.json().get("clientSecret").asText();

        String merchantToken = Keycloak.clientCredentials(id, secret);
        var me = http.get(Stack.serviceUrl("payment") + "/v1/me", bearer(merchantToken));
        assertThat(me.status()).as(me.body()).isEqualTo(200);
        assertThat(me.json().get("clientId").asText()).isEqualTo(id);
        assertThat(me.json().get("roles").toString()).contains("\"merchant\"");
        // a merchant is not an operator
        assertThat(http.get(Stack.serviceUrl("auth") + "/v1/merchants", bearer(merchantToken))
                        .status())
                .isEqualTo(403);
    }

    @Test
    void anApiKeyWorksInEveryServiceAndARevocationReachesThemAllWithinFiveSeconds() {
        String merchant = Keycloak.clientCredentials("demo-merchant-a", Stack.get("PAYGUARD_MERCHANT_A_SECRET"));
        var created =
                postJson(Stack.serviceUrl("auth") + "/v1/api-keys", merchant, Map.of("kind", "secret", "name", "e2e"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String key = created.json().get("secret").asText();
        String keyId = created.json().get("key").get("id").asText();

        for (String service : List.of("payment", "wallet", "auth")) {
            await().atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> http.get(Stack.serviceUrl(service) + "/v1/me", bearer(key))
                                    .status()
                            == 200);
        }
        long start = System.nanoTime();
        var revoked = postJson(Stack.serviceUrl("auth") + "/v1/api-keys/" + keyId + "/revoke", merchant, Map.of());
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
        for (String service : List.of("payment", "wallet", "auth")) {
            await().atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> http.get(Stack.serviceUrl(service) + "/v1/me", bearer(key))
                                    .status()
                            == 401);
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("[e2e] API key revocation effective in payment, wallet and auth after %d ms%n", ms);
        assertThat(ms).isLessThan(5000);
        // and never in a URL
        assertThat(http.get(Stack.serviceUrl("payment") + "/v1/me?key=" + key, Map.of())
                        .status())
                .isEqualTo(400);
    }

    @Test
    void everyRouteOfEveryServiceHoldsTheAccessRulesWithRealTokens() {
        var callers = Keycloak.Callers.login();
        var customer = callers.customer();
        var auditor = callers.auditor();
        var compliance = callers.compliance();
        var operator = callers.operator();
        String merchant = callers.merchant();
        String service = callers.service();
        String[] parts = customer.accessToken().split("\\.");
        String tampered = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "xx." + parts[2];

        List<String> violations = new ArrayList<>();
        for (String name : List.of("auth", "payment", "wallet", "audit")) {
            boolean merchantAudience = !name.equals("audit");
            List<RouteMatrix.Probe> probes = List.of(
                    new RouteMatrix.Probe("no credentials", Map.of(), Set.of()),
                    new RouteMatrix.Probe("tampered token", bearer(tampered), Set.of()),
                    new RouteMatrix.Probe("unknown API key", bearer("sk_live_" + "Q".repeat(43)), Set.of()),
                    new RouteMatrix.Probe("customer (alice, DPoP)", customer::headers, Set.of("customer")),
                    new RouteMatrix.Probe("customer token without its proof", bearer(customer.accessToken()), Set.of()),
                    new RouteMatrix.Probe(
                            "merchant (demo-merchant-b)",
                            bearer(merchant),
                            merchantAudience ? Set.of("merchant") : Set.of()),
                    new RouteMatrix.Probe("auditor (ada, DPoP)", auditor::headers, Set.of("auditor")),
                    new RouteMatrix.Probe(
                            "compliance officer (cora, DPoP)", compliance::headers, Set.of("compliance-officer")),
                    new RouteMatrix.Probe("operator (otto, DPoP)", operator::headers, Set.of("operator")),
                    new RouteMatrix.Probe("service account", bearer(service), Set.of("service")));
            var matrix = new RouteMatrix(Stack.serviceUrl(name));
            System.out.printf(
                    "[e2e] route matrix: %s-service, %d routes x %d probes%n",
                    name, matrix.routes().size(), probes.size());
            violations.addAll(matrix.violations(probes, Set.of()).stream()
                    .map(v -> name + "-service " + v)
                    .toList());
        }
        assertThat(violations).isEmpty();
    }
}

package io.payguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Merchants a test onboards for itself through auth-service ({@code POST /v1/merchants} as the operator), so that no
 * run shares a merchant's daily limit with the runs before it. The demo merchants' limit (500,000 CNY a day) is shared
 * by every test of the day on one stack: the second 30-minute fault run of a day had every payment of its last third
 * declined by risk.
 */
final class Merchants {

    private static final Set<String> FINAL = Set.of("succeeded", "failed", "canceled");

    /**
     * A merchant, its client secret (client credentials at the local Keycloak) and the id of the probe payment that
     * proved it reachable, with any earlier probe that failed while its state was on its way (tests that list the merchant's intents leave it out).
     */
    record Merchant(String id, String secret, List<String> probeIntentIds) {}

    private Merchants() {}

    /**
     * Onboards {@code id} (CNY, 10,000 CNY per payment, {@code dailyLimitMinor} a day), then waits until a 1.00 CNY wallet
     * payment from {@code payer} to it completes end to end: its state has then reached the payment and wallet services
     * over {@code auth.merchants}. The probe payment moves 1.00 CNY from the payer: read balances after this.
     */
    static Merchant onboard(
            String id,
            long dailyLimitMinor,
            Keycloak.DpopSession operator,
            Keycloak.DpopSession payer,
            String payerSubject) {
        var http = new Http();
        String url = Stack.serviceUrl("auth") + "/v1/merchants";
        var body = Map.<String, Object>of(
                "id",
                id,
                "name",
                "Test merchant " + id,
                "currency",
                "CNY",
                "perTransactionLimitMinor",
                1_000_000,
                "dailyLimitMinor",
                dailyLimitMinor);
        var headers =
                Funding.idempotent(operator.headers("POST", url)); // one key: a retry after a lost answer is a replay
        var onboarded = new Http.Response[1];
        await().atMost(Duration.ofSeconds(90))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions()
                .until(() -> (onboarded[0] = http.send("POST", url, headers, body)).status() < 500
                        && onboarded[0].status() != 429);
        assertThat(onboarded[0].status())
                .as("onboarding %s: %s", id, onboarded[0].body())
                .isEqualTo(201);
        String secret = onboarded[0].json().get("clientSecret").asText();
        var probes = new CopyOnWriteArrayList<String>();

        String intents = Stack.serviceUrl("payment") + "/v1/payment_intents";
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions()
                .until(() -> {
                    var auth = Map.of("Authorization", "Bearer " + Keycloak.clientCredentials(id, secret));
                    var created = http.send(
                            "POST",
                            intents,
                            Funding.idempotent(auth),
                            Map.of(
                                    "amount",
                                    100,
                                    "currency",
                                    "CNY",
                                    "customer",
                                    payerSubject,
                                    "payment_method_type",
                                    "wallet",
                                    "capture_method",
                                    "automatic"));
                    if (created.status() != 201) {
                        return false;
                    }
                    probes.add(created.json().get("id").asText());
                    String self = intents + "/" + created.json().get("id").asText();
                    String confirm = self + "/confirm";
                    http.send(
                            "POST",
                            confirm,
                            Funding.idempotent(payer.headers("POST", confirm)),
                            Map.of("payment_method_type", "wallet"));
                    String status = await().atMost(Duration.ofSeconds(20))
                            .pollInterval(Duration.ofMillis(300))
                            .until(
                                    () -> http.get(self, auth)
                                            .json()
                                            .path("status")
                                            .asText(),
                                    FINAL::contains);
                    return "succeeded".equals(status);
                });
        return new Merchant(id, secret, List.copyOf(probes));
    }
}

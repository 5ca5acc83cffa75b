package io.payguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/**
 * Issue 13 item 3 (and the merchant limits of item 6) against the running suite with the real Keycloak: money moves only
 * to merchants that auth-service knows as active, as its facts reach the wallet and payment services' merchant
 * directory on {@code auth.merchants}; the limits an operator sets at onboarding decline card payments above them.
 * Directory updates are asynchronous (outbox relay, Kafka), so each step waits for the new fact with fresh requests.
 */
class MerchantDirectoryIT {

    private final Http http = new Http();
    private final Keycloak.DpopSession operator = Keycloak.customerSession("otto");
    private final Keycloak.DpopSession alice = Keycloak.customerSession("alice");
    private final String wallets = Stack.serviceUrl("wallet") + "/v1/wallets";

    private static Map<String, String> idempotent(Map<String, String> auth) {
        var h = new HashMap<>(auth);
        h.put("Idempotency-Key", "md-" + UUID.randomUUID());
        return h;
    }

    private Http.Response send(Keycloak.DpopSession who, String method, String url, Object body) {
        return http.send(
                method,
                url,
                body == null || method.equals("DELETE")
                        ? who.headers(method, url)
                        : idempotent(who.headers(method, url)),
                body);
    }

    private String aliceWallet() {
        var opened = send(alice, "POST", wallets, Map.of("currency", "CNY"));
        assertThat(opened.status()).as(opened.body()).isIn(200, 201);
        return wallets + "/" + opened.json().get("id").asText();
    }

    private long balance(String walletUrl) {
        var r = http.get(walletUrl, alice.headers("GET", walletUrl));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("balance").get("minor").asLong();
    }

    private Http.Response pay(String walletUrl, String merchantId, long minor) {
        String url = walletUrl + "/payments";
        return send(
                alice,
                "POST",
                url,
                Map.of("merchantId", merchantId, "amount", Map.of("minor", minor, "currency", "CNY")));
    }

    private Http.Response onboard(String id, Map<String, Object> limits) {
        String url = Stack.serviceUrl("auth") + "/v1/merchants";
        var body = new HashMap<String, Object>(Map.of("id", id, "name", "Directory Shop", "currency", "CNY"));
        body.putAll(limits);
        var onboarded = send(operator, "POST", url, body);
        assertThat(onboarded.status()).as(onboarded.body()).isEqualTo(201);
        return onboarded;
    }

    @Test
    void walletPaymentsGoOnlyToMerchantsThatExistAndAreActive() {
        String walletUrl = aliceWallet();
        new Funding().topUp(alice, walletUrl.substring(walletUrl.lastIndexOf('/') + 1), 20_000, "CNY");
        long balance = balance(walletUrl);

        // nobody: 404, nothing moves
        var toNobody = pay(walletUrl, "nobody-" + UUID.randomUUID().toString().substring(0, 8), 5_000);
        assertThat(toNobody.status()).as(toNobody.body()).isEqualTo(404);
        assertThat(toNobody.json().get("code").asText()).isEqualTo("merchant_not_found");
        assertThat(toNobody.raw().headers().firstValue("Content-Type").orElse(""))
                .startsWith("application/problem+json");
        assertThat(balance(walletUrl)).isEqualTo(balance);

        // a merchant onboarded through auth-service now: refused as unknown until its state reaches the wallet service
        String shop = "md-" + UUID.randomUUID().toString().substring(0, 8);
        onboard(shop, Map.of());
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    var r = pay(walletUrl, shop, 1_000);
                    assertThat(r.status()).as(r.body()).isIn(201, 404);
                    return r.status() == 201;
                });
        assertThat(balance(walletUrl)).isEqualTo(balance - 1_000);

        // suspended by an operator (twice: idempotent): refused 422. A 1-fen payment that still got through before the
        // suspension reached the wallet service is counted, so the balance check stays exact.
        String suspension = Stack.serviceUrl("auth") + "/v1/merchants/" + shop + "/suspension";
        for (int i = 0; i < 2; i++) {
            var suspended = send(operator, "POST", suspension, Map.of());
            assertThat(suspended.status()).as(suspended.body()).isEqualTo(200);
            assertThat(suspended.json().get("status").asText()).isEqualTo("suspended");
        }
        var slipped = new AtomicLong();
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    var r = pay(walletUrl, shop, 1);
                    assertThat(r.status()).as(r.body()).isIn(201, 422);
                    if (r.status() == 201) {
                        slipped.incrementAndGet();
                    }
                    return r.status() == 422;
                });
        long afterSuspension = balance - 1_000 - slipped.get();
        var refused = pay(walletUrl, shop, 5_000);
        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.json().get("code").asText()).isEqualTo("merchant_inactive");
        assertThat(balance(walletUrl)).isEqualTo(afterSuspension);

        // reactivated: paid again
        var reactivated = send(operator, "DELETE", suspension, null);
        assertThat(reactivated.status()).as(reactivated.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> pay(walletUrl, shop, 500).status() == 201);
        assertThat(balance(walletUrl)).isEqualTo(afterSuspension - 500);

        // only operators suspend
        var merchantToken = Keycloak.clientCredentials("demo-merchant-a", Stack.get("PAYGUARD_MERCHANT_A_SECRET"));
        assertThat(http.send("POST", suspension, Map.of("Authorization", "Bearer " + merchantToken), Map.of())
                        .status())
                .isEqualTo(403);
    }

    @Test
    void theDemoMerchantsOfTheDevStackAreMerchantsInTheDirectory() {
        String url = Stack.serviceUrl("auth") + "/v1/merchants/demo-merchant-a";
        var demo = http.get(url, operator.headers("GET", url));
        assertThat(demo.status()).as(demo.body()).isEqualTo(200);
        assertThat(demo.json().get("status").asText()).isEqualTo("active");
    }

    @Test
    void aCardPaymentAboveTheMerchantsPerTransactionLimitIsDeclinedByRisk() {
        String shop = "md-" + UUID.randomUUID().toString().substring(0, 8);
        // far below the deployment's global per-transaction limit (5,000,000): only the merchant's own limit can
        // decline
        var onboarded = onboard(shop, Map.of("perTransactionLimitMinor", 10_000, "dailyLimitMinor", 1_000_000));
        var merchantAuth = Map.of(
                "Authorization",
                "Bearer "
                        + Keycloak.clientCredentials(
                                shop, onboarded.json().get("clientSecret").asText()));
        String tokens = Stack.serviceUrl("payment") + "/v1/tokens";
        var card = send(alice, "POST", tokens, Map.of("number", "4242424242424242", "exp_month", 12, "exp_year", 2030));
        assertThat(card.status()).as(card.body()).isIn(200, 201);
        String cardToken = card.json().get("id").asText();
        String me = Stack.serviceUrl("payment") + "/v1/me";
        String aliceSubject =
                http.get(me, alice.headers("GET", me)).json().get("subject").asText();

        // until the merchant's state reaches the payment service, only the global limits apply: wait for the decline
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> "risk_declined"
                        .equals(cardPayment(merchantAuth, aliceSubject, cardToken, 10_001)
                                .path("failure_code")
                                .asText()));
        var within = cardPayment(merchantAuth, aliceSubject, cardToken, 10_000);
        assertThat(within.path("status").asText())
                .as(within.toString())
                .isIn("requires_capture", "succeeded", "processing");
    }

    /** A manual-capture card payment of {@code amount} fen, confirmed by the merchant; its state after the confirm. */
    private com.fasterxml.jackson.databind.JsonNode cardPayment(
            Map<String, String> merchantAuth, String customer, String cardToken, long amount) {
        String intents = Stack.serviceUrl("payment") + "/v1/payment_intents";
        var created = http.send(
                "POST",
                intents,
                idempotent(merchantAuth),
                Map.of(
                        "amount",
                        amount,
                        "currency",
                        "CNY",
                        "customer",
                        customer,
                        "payment_method_type",
                        "card",
                        "capture_method",
                        "manual"));
        assertThat(created.status()).as(created.body()).isIn(200, 201);
        var confirmed = http.send(
                "POST",
                intents + "/" + created.json().get("id").asText() + "/confirm",
                idempotent(merchantAuth),
                Map.of("payment_method_type", "card", "payment_method", cardToken, "cvc", "123"));
        assertThat(confirmed.status()).as(confirmed.body()).isIn(200, 202);
        return confirmed.json();
    }
}

package io.payguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Issues 5, 6 and 7 against the running suite: a customer funds a wallet; a merchant takes a wallet payment
 * that the customer confirms with a DPoP-bound token (saga over Kafka: hold, capture), refunds part of it
 * and lists it; the ledger invariants hold and the payment appears in the audit trail.
 */
class PaymentsIT {

    private final Http http = new Http();

    private Http.Response send(String method, String url, Map<String, String> headers, Object body) {
        return http.send(method, url, headers, body);
    }

    private static Map<String, String> idempotent(Map<String, String> auth) {
        var h = new HashMap<>(auth);
        h.put("Idempotency-Key", UUID.randomUUID().toString());
        return h;
    }

    private long available(Keycloak.DpopSession customer, String walletUrl) throws Exception {
        var r = send("GET", walletUrl, customer.headers("GET", walletUrl), null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("available").get("minor").asLong();
    }

    private String subject(Keycloak.DpopSession customer) {
        String me = Stack.serviceUrl("payment") + "/v1/me";
        return send("GET", me, customer.headers("GET", me), null)
                .json()
                .get("subject")
                .asText();
    }

    /** The customer tokenises a card; the answer, checked to be a success. */
    private Http.Response tokenise(Keycloak.DpopSession customer, String pan) {
        String tokens = Stack.serviceUrl("payment") + "/v1/tokens";
        var token = send(
                "POST",
                tokens,
                idempotent(customer.headers("POST", tokens)),
                Map.of("number", pan, "exp_month", 12, "exp_year", 2030));
        assertThat(token.status()).as(token.body()).isIn(200, 201);
        return token;
    }

    private static Map<String, String> merchantAuth() {
        return Map.of(
                "Authorization",
                "Bearer " + Keycloak.clientCredentials("demo-merchant-a", Stack.get("PAYGUARD_MERCHANT_A_SECRET")));
    }

    /** A merchant's card payment intent for the customer; the answer, checked to be a success. */
    private Http.Response createCardIntent(
            Map<String, String> merchantAuth, String customer, long amount, String description, String captureMethod) {
        var created = send(
                "POST",
                Stack.serviceUrl("payment") + "/v1/payment_intents",
                idempotent(merchantAuth),
                Map.of(
                        "amount",
                        amount,
                        "currency",
                        "CNY",
                        "description",
                        description,
                        "customer",
                        customer,
                        "payment_method_type",
                        "card",
                        "capture_method",
                        captureMethod));
        assertThat(created.status()).as(created.body()).isIn(200, 201);
        return created;
    }

    @Test
    void aMerchantTakesAWalletPaymentConfirmedByTheCustomerRefundsPartAndListsIt() throws Exception {
        var alice = Keycloak.customerSession("alice");
        String wallets = Stack.serviceUrl("wallet") + "/v1/wallets";
        String me = Stack.serviceUrl("wallet") + "/v1/me";
        String aliceSubject = send("GET", me, alice.headers("GET", me), null)
                .json()
                .get("subject")
                .asText();

        // the customer's CNY wallet (open it, or reuse the one an earlier run opened)
        var opened = send("POST", wallets, idempotent(alice.headers("POST", wallets)), Map.of("currency", "CNY"));
        String walletId;
        if (opened.status() == 201 || opened.status() == 200) {
            walletId = opened.json().get("id").asText();
        } else {
            var list = send("GET", wallets, alice.headers("GET", wallets), null);
            assertThat(list.status())
                    .as("open: %s / list: %s", opened.body(), list.body())
                    .isEqualTo(200);
            JsonNode all = list.json().isArray() ? list.json() : list.json().path("data");
            walletId = all.get(0).get("id").asText();
        }
        String walletUrl = wallets + "/" + walletId;
        new Funding().topUp(alice, walletId, 20_000, "CNY");
        long before = available(alice, walletUrl);

        // the merchant creates the intent; only the customer can confirm the debit of her wallet
        String merchant = Keycloak.clientCredentials("demo-merchant-a", Stack.get("PAYGUARD_MERCHANT_A_SECRET"));
        Map<String, String> merchantAuth = Map.of("Authorization", "Bearer " + merchant);
        String intents = Stack.serviceUrl("payment") + "/v1/payment_intents";
        var created = send(
                "POST",
                intents,
                idempotent(merchantAuth),
                Map.of(
                        "amount",
                        2500,
                        "currency",
                        "CNY",
                        "description",
                        "e2e order",
                        "customer",
                        aliceSubject,
                        "payment_method_type",
                        "wallet",
                        "capture_method",
                        "automatic"));
        assertThat(created.status()).as(created.body()).isIn(200, 201);
        String intentId = created.json().get("id").asText();
        String confirm = intents + "/" + intentId + "/confirm";
        var merchantConfirm = send("POST", confirm, idempotent(merchantAuth), Map.of("payment_method_type", "wallet"));
        assertThat(merchantConfirm.status())
                .as("a merchant cannot debit a wallet by itself: %s", merchantConfirm.body())
                .isIn(403, 404, 409);
        var confirmed = send(
                "POST", confirm, idempotent(alice.headers("POST", confirm)), Map.of("payment_method_type", "wallet"));
        assertThat(confirmed.status()).as(confirmed.body()).isIn(200, 202);

        String intentUrl = intents + "/" + intentId;
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(send("GET", intentUrl, merchantAuth, null)
                                .json()
                                .get("status")
                                .asText())
                        .isEqualTo("succeeded"));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(available(alice, walletUrl)).isEqualTo(before - 2500));

        // partial refund back to the wallet
        String refunds = intentUrl + "/refunds";
        var refund = send("POST", refunds, idempotent(merchantAuth), Map.of("amount", 1000));
        assertThat(refund.status()).as(refund.body()).isIn(200, 201, 202);
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> {
                    var list = send("GET", refunds, merchantAuth, null);
                    assertThat(list.json().get(0).get("status").asText()).isEqualTo("succeeded");
                });
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(available(alice, walletUrl)).isEqualTo(before - 1500));
        var over = send("POST", refunds, idempotent(merchantAuth), Map.of("amount", 5000));
        assertThat(over.status())
                .as("never more than captured: %s", over.body())
                .isEqualTo(400);
        assertThat(over.json().get("code").asText()).isEqualTo("invalid_amount");

        // listed for its merchant, invisible to another
        assertThat(send("GET", intents, merchantAuth, null).body()).contains(intentId);
        String other = Keycloak.clientCredentials("demo-merchant-b", Stack.get("PAYGUARD_MERCHANT_B_SECRET"));
        assertThat(send("GET", intentUrl, Map.of("Authorization", "Bearer " + other), null)
                        .status())
                .isEqualTo(404);

        // the ledger still balances, and the payment is in the audit trail
        var ada = Keycloak.customerSession("ada");
        String invariants = Stack.serviceUrl("wallet") + "/v1/wallet-admin/invariants";
        var check = send("GET", invariants, ada.headers("GET", invariants), null);
        assertThat(check.status()).as(check.body()).isEqualTo(200);
        assertThat(check.json().get("ok").asBoolean()).as(check.body()).isTrue();
        String search = Stack.serviceUrl("audit") + "/v1/audit/search?objectId=" + intentId;
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(300))
                .untilAsserted(() -> {
                    var r = send("GET", search, ada.headers("GET", search), null);
                    assertThat(r.status()).as(r.body()).isEqualTo(200);
                    assertThat(r.json().get("records").size()).isPositive();
                });
    }

    @Test
    void aCardIsTokenisedByTheCustomerAuthorisedCapturedAndRefundedWithoutThePanEverComingBack() throws Exception {
        var alice = Keycloak.customerSession("alice");
        var token = tokenise(alice, "4242424242424242");
        assertThat(token.body()).doesNotContain("4242424242424242").contains("\"last4\":\"4242\"");
        String tokenId = token.json().get("id").asText();

        Map<String, String> merchantAuth = merchantAuth();
        String intents = Stack.serviceUrl("payment") + "/v1/payment_intents";
        var created = createCardIntent(merchantAuth, subject(alice), 4200, "e2e card order", "manual");
        String intentUrl = intents + "/" + created.json().get("id").asText();

        var confirmed = send(
                "POST",
                intentUrl + "/confirm",
                idempotent(merchantAuth),
                Map.of("payment_method_type", "card", "payment_method", tokenId, "cvc", "123"));
        assertThat(confirmed.status()).as(confirmed.body()).isIn(200, 202);
        assertThat(confirmed.body()).doesNotContain("\"123\"");
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(send("GET", intentUrl, merchantAuth, null)
                                .json()
                                .get("status")
                                .asText())
                        .isEqualTo("requires_capture"));

        var captured =
                send("POST", intentUrl + "/capture", idempotent(merchantAuth), Map.of("amount_to_capture", 4000));
        assertThat(captured.status()).as(captured.body()).isIn(200, 202);
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> {
                    var intent = send("GET", intentUrl, merchantAuth, null).json();
                    assertThat(intent.get("status").asText()).isEqualTo("succeeded");
                    assertThat(intent.get("amount_received").asLong()).isEqualTo(4000);
                });
        var refund = send("POST", intentUrl + "/refunds", idempotent(merchantAuth), Map.of("amount", 4000));
        assertThat(refund.status()).as(refund.body()).isIn(200, 201, 202);
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(send("GET", intentUrl + "/refunds", merchantAuth, null)
                                .json()
                                .get(0)
                                .get("status")
                                .asText())
                        .isEqualTo("succeeded"));
        assertThat(send("GET", intents, merchantAuth, null).body())
                .contains(created.json().get("id").asText())
                .doesNotContain("4242424242424242");
    }

    /**
     * 3-D Secure: test card 4000 0000 0000 3220 makes the issuer ask for a challenge. The customer completes it with
     * the one-time code (./dev runs the development notifier, which writes codes to the payment service's log; a real
     * deployment plugs in the issuer's channel), then the payment is confirmed again with the CVV and captured.
     */
    @Test
    void aCardPaymentChallengedByTheIssuerSucceedsAfterThreeDSecure() throws Exception {
        var alice = Keycloak.customerSession("alice");
        String tokenId = tokenise(alice, "4000000000003220").json().get("id").asText();

        Map<String, String> merchantAuth = merchantAuth();
        String intents = Stack.serviceUrl("payment") + "/v1/payment_intents";
        String id = createCardIntent(merchantAuth, subject(alice), 1800, "e2e 3ds order", "automatic")
                .json()
                .get("id")
                .asText();
        String intentUrl = intents + "/" + id;

        var confirmed = send(
                "POST",
                intentUrl + "/confirm",
                idempotent(merchantAuth),
                Map.of("payment_method_type", "card", "payment_method", tokenId, "cvc", "123"));
        assertThat(confirmed.status()).as(confirmed.body()).isIn(200, 202);
        assertThat(confirmed.json().get("status").asText()).as(confirmed.body()).isEqualTo("requires_action");
        JsonNode next = confirmed.json().get("next_action");
        assertThat(next.get("type").asText()).isEqualTo("three_d_secure");

        String code = await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> codeFromLog(id), c -> c != null);
        String authenticate =
                Stack.serviceUrl("payment") + next.get("authenticate_url").asText();
        var wrong = send(
                "POST",
                authenticate,
                idempotent(alice.headers("POST", authenticate)),
                Map.of("code", code.equals("000000") ? "111111" : "000000"));
        assertThat(wrong.status()).as(wrong.body()).isEqualTo(400);
        var authenticated =
                send("POST", authenticate, idempotent(alice.headers("POST", authenticate)), Map.of("code", code));
        assertThat(authenticated.status()).as(authenticated.body()).isEqualTo(200);
        assertThat(authenticated.json().get("status").asText()).isEqualTo("requires_confirmation");

        var again = send(
                "POST",
                intentUrl + "/confirm",
                idempotent(merchantAuth),
                Map.of("payment_method_type", "card", "payment_method", tokenId, "cvc", "123"));
        assertThat(again.status()).as(again.body()).isIn(200, 202);
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> {
                    var intent = send("GET", intentUrl, merchantAuth, null).json();
                    assertThat(intent.get("status").asText()).isEqualTo("succeeded");
                    assertThat(intent.get("amount_received").asLong()).isEqualTo(1800);
                });
        assertThat(send("GET", intentUrl, merchantAuth, null).body())
                .doesNotContain("4000000000003220")
                .doesNotContain(code);
    }

    /** The latest one-time code the development notifier logged for this payment, or null. */
    static String codeFromLog(String paymentId) throws java.io.IOException {
        var log = java.nio.file.Path.of(System.getProperty("payguard.stack.env", ".dev/stack.env"))
                .toAbsolutePath()
                .getParent()
                .resolve("logs/payment-service.log");
        String found = null;
        var pattern = java.util.regex.Pattern.compile(
                "SCA code for payment " + java.util.regex.Pattern.quote(paymentId) + " .*?: (\\d{6})");
        for (String line : java.nio.file.Files.readAllLines(log)) {
            var m = pattern.matcher(line);
            if (m.find()) {
                found = m.group(1);
            }
        }
        return found;
    }
}

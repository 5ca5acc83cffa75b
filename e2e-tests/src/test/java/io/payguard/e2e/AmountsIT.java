package io.payguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.util.RawValue;

/**
 * Issue 13, item 4 against the running suite: amounts are JSON integers of minor units in an enabled currency.
 * {@code 1.99} is not stored as 1 and a top-up of {@code 1.5} credits nothing; strings, exponents, overflows, XXX,
 * XTS, XAU, a currency not enabled, zero and negative amounts answer an RFC 9457 problem with a stable code, and
 * nothing is created or moved. Yen (no minor units) and fen still work; a yen wallet is topped up from a card in whole yen.
 */
class AmountsIT {

    /** Amounts (raw JSON) that are refused, with the problem code of each: a fraction is never truncated. */
    static final Map<String, String> REFUSED_AMOUNTS = Map.of(
            "1.99",
            "malformed_json",
            "1.5",
            "malformed_json",
            "\"100\"",
            "malformed_json",
            "1e2",
            "malformed_json",
            "99999999999999999999",
            "malformed_json",
            "0",
            "invalid_amount",
            "-100",
            "invalid_amount",
            "100000000000",
            "invalid_amount");

    /** Codes that are not money (no-currency, test, metal) or not enabled. */
    static final List<String> REFUSED_CURRENCIES = List.of("XXX", "XTS", "XAU", "CHF");

    private final Http http = new Http();

    private static Map<String, String> idempotent(Map<String, String> auth) {
        var h = new HashMap<>(auth);
        h.put("Idempotency-Key", UUID.randomUUID().toString());
        return h;
    }

    private static Map<String, String> merchantAuth() {
        return Map.of(
                "Authorization",
                "Bearer " + Keycloak.clientCredentials("demo-merchant-a", Stack.get("PAYGUARD_MERCHANT_A_SECRET")));
    }

    /** The body exactly as written: the e2e client must not normalise the numbers under test. */
    private static RawValue raw(String json) {
        return new RawValue(json);
    }

    private static String topUp(String walletId, String amount, String currency) {
        return "{\"wallet_id\":\"" + walletId + "\",\"amount\":" + amount + ",\"currency\":\"" + currency + "\"}";
    }

    private static void assertProblem(Http.Response r, String code, String field) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.raw().headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(r.json().get("code").asText()).as(r.body()).isEqualTo(code);
        assertThat(r.json().get("detail").asText()).as(r.body()).contains("'" + field + "'");
    }

    private String newestIntent(Map<String, String> merchant) {
        var page = http.send("GET", Stack.serviceUrl("payment") + "/v1/payment_intents?limit=1", merchant, null);
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        var data = page.json().get("data");
        return data.isEmpty() ? null : data.get(0).get("id").asText();
    }

    @Test
    void paymentIntentAmountsAreExactAndCurrenciesAreMoneyOrNothingIsCreated() {
        var merchant = merchantAuth();
        String intents = Stack.serviceUrl("payment") + "/v1/payment_intents";
        String before = newestIntent(merchant);
        REFUSED_AMOUNTS.forEach((amount, code) -> assertProblem(
                http.send(
                        "POST", intents, idempotent(merchant), raw("{\"amount\":" + amount + ",\"currency\":\"CNY\"}")),
                code,
                "amount"));
        REFUSED_CURRENCIES.forEach(currency -> assertProblem(
                http.send(
                        "POST",
                        intents,
                        idempotent(merchant),
                        raw("{\"amount\":100,\"currency\":\"" + currency + "\"}")),
                "invalid_currency",
                "currency"));
        assertThat(newestIntent(merchant)).as("nothing was created").isEqualTo(before);

        var yen = http.send("POST", intents, idempotent(merchant), raw("{\"amount\":1500,\"currency\":\"JPY\"}"));
        assertThat(yen.status()).as(yen.body()).isEqualTo(201);
        assertThat(yen.json().get("amount").asLong()).isEqualTo(1500);
        assertThat(yen.json().get("currency").asText()).isEqualTo("JPY");
        var fen = http.send("POST", intents, idempotent(merchant), raw("{\"amount\":199,\"currency\":\"CNY\"}"));
        assertThat(fen.status()).as(fen.body()).isEqualTo(201);
        assertThat(fen.json().get("amount").asLong()).isEqualTo(199);

        String id = fen.json().get("id").asText();
        assertProblem(
                http.send(
                        "POST",
                        intents + "/" + id + "/capture",
                        idempotent(merchant),
                        raw("{\"amount_to_capture\":1.5}")),
                "malformed_json",
                "amount_to_capture");
        assertProblem(
                http.send("POST", intents + "/" + id + "/refunds", idempotent(merchant), raw("{\"amount\":\"100\"}")),
                "malformed_json",
                "amount");
        assertProblem(
                http.send("POST", intents + "/" + id + "/refunds", idempotent(merchant), raw("{\"amount\":0}")),
                "invalid_amount",
                "amount");
        var after = http.send("GET", intents + "/" + id, merchant, null).json();
        assertThat(after.get("status").asText()).isEqualTo("requires_payment_method");
        assertThat(after.get("amount_received").asLong()).isZero();
        assertThat(after.get("amount_refunded").asLong()).isZero();
    }

    @Test
    void aTopUpOfOnePointFiveCreditsNothingAndYenWalletsTakeWholeYen() throws Exception {
        var alice = Keycloak.customerSession("alice");
        String wallets = Stack.serviceUrl("wallet") + "/v1/wallets";
        var opened = http.send("POST", wallets, alice.headers("POST", wallets), Map.of("currency", "CNY"));
        assertThat(opened.status()).as(opened.body()).isIn(200, 201);
        String walletUrl = wallets + "/" + opened.json().get("id").asText();
        String walletId = opened.json().get("id").asText();
        var balance = http.send("GET", walletUrl, alice.headers("GET", walletUrl), null)
                .json()
                .get("balance")
                .get("minor")
                .asLong();
        var funding = new Funding();
        String topUps = Stack.serviceUrl("payment") + "/v1/top_ups";

        REFUSED_AMOUNTS.forEach((minor, code) -> assertProblem(
                http.send(
                        "POST", topUps, idempotent(alice.headers("POST", topUps)), raw(topUp(walletId, minor, "CNY"))),
                code,
                "amount"));
        REFUSED_CURRENCIES.forEach(currency -> assertProblem(
                http.send(
                        "POST",
                        topUps,
                        idempotent(alice.headers("POST", topUps)),
                        raw(topUp(walletId, "100", currency))),
                "invalid_currency",
                "currency"));
        assertProblem(
                http.send("POST", wallets, alice.headers("POST", wallets), Map.of("currency", "XAU")),
                "invalid_currency",
                "currency");
        assertThat(http.send("GET", walletUrl, alice.headers("GET", walletUrl), null)
                        .json()
                        .get("balance")
                        .get("minor")
                        .asLong())
                .as("no refused top-up credited anything")
                .isEqualTo(balance);

        var yenWallet = http.send("POST", wallets, alice.headers("POST", wallets), Map.of("currency", "JPY"));
        assertThat(yenWallet.status()).as(yenWallet.body()).isIn(200, 201);
        String yenUrl = wallets + "/" + yenWallet.json().get("id").asText();
        long yenBefore = yenWallet.json().get("balance").get("minor").asLong();
        var yen = funding.topUp(alice, yenWallet.json().get("id").asText(), 1500, "JPY");
        assertThat(yen.get("amount").asLong()).isEqualTo(1500);
        var after = http.send("GET", yenUrl, alice.headers("GET", yenUrl), null)
                .json()
                .get("balance");
        assertThat(after.get("minor").asLong()).isEqualTo(yenBefore + 1500);
        assertThat(after.get("currency").asText()).isEqualTo("JPY");
    }
}

package io.payguard.e2e;

import static io.payguard.e2e.Funding.idempotent;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Issue 13, item 1 against the running suite, with real Keycloak logins: no balance from nowhere. A wallet is credited
 * only from a charge of the customer's own card that the card path captured, exactly once. Each case seen in the issue
 * (a never-issued token, another customer's card token) is refused with the balance unchanged; the old route that
 * credited any {@code tok_…} string is gone; a top-up of someone else's wallet is refunded to the card, never credited.
 */
class TopUpIT {

    private final Http http = new Http();
    private final Funding funding = new Funding();

    private String wallet(Keycloak.DpopSession customer, String currency) {
        String wallets = Stack.serviceUrl("wallet") + "/v1/wallets";
        var opened = http.send("POST", wallets, customer.headers("POST", wallets), Map.of("currency", currency));
        assertThat(opened.status()).as(opened.body()).isIn(200, 201);
        return opened.json().get("id").asText();
    }

    private long balance(Keycloak.DpopSession customer, String walletId) {
        String url = Stack.serviceUrl("wallet") + "/v1/wallets/" + walletId;
        var r = http.send("GET", url, customer.headers("GET", url), null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("balance").get("minor").asLong();
    }

    private static void problem(Http.Response r, int status, String code) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.raw().headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        if (code != null) {
            assertThat(r.json().get("code").asText()).as(r.body()).isEqualTo(code);
        }
    }

    @Test
    void tokensThatAreNotTheCustomersOwnCreditNothing() {
        Keycloak.ensureCustomer("bob");
        var bob = Keycloak.customerSession("bob");
        var alice = Keycloak.customerSession("alice");
        String bobsWallet = wallet(bob, "CNY");
        long before = balance(bob, bobsWallet);

        // the route that credited any tok_… string is gone
        String oldRoute = Stack.serviceUrl("wallet") + "/v1/wallets/" + bobsWallet + "/top-ups";
        var old = http.send(
                "POST",
                oldRoute,
                idempotent(bob.headers("POST", oldRoute)),
                Map.of("amount", Map.of("minor", 10_000, "currency", "CNY"), "fundingSource", "tok_never_issued_1234"));
        problem(old, 404, null);

        var created = funding.create(bob, bobsWallet, 10_000, "CNY");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asText();
        // a token that was never issued
        problem(funding.confirm(bob, id, "tok_never_issued_1234"), 400, "invalid_payment_method");
        // another customer's card token (bob tries alice's card)
        String alicesCard = funding.tokenise(alice, Funding.approvedCard());
        problem(funding.confirm(bob, id, alicesCard), 400, "invalid_payment_method");
        // alice cannot charge her card for bob's top-up either: it is not hers to see
        problem(funding.confirm(alice, id, alicesCard), 404, null);

        JsonNode topUp = funding.get(bob, id);
        assertThat(topUp.get("status").asText()).isEqualTo("requires_confirmation");
        assertThat(topUp.get("credit_status").asText()).isEqualTo("awaiting_charge");
        assertThat(balance(bob, bobsWallet)).as("nothing credited").isEqualTo(before);
    }

    @Test
    void aChargeOfTheCustomersOwnCardIsCreditedOnceAndSomeoneElsesWalletIsNeverCredited() {
        var alice = Keycloak.customerSession("alice");
        Keycloak.ensureCustomer("bob");
        var bob = Keycloak.customerSession("bob");
        String alicesWallet = wallet(alice, "CNY");
        long aliceBefore = balance(alice, alicesWallet);

        var done = funding.topUp(alice, alicesWallet, 12_345, "CNY");
        assertThat(done.get("status").asText()).isEqualTo("succeeded");
        assertThat(done.get("wallet_id").asText()).isEqualTo(alicesWallet);
        assertThat(balance(alice, alicesWallet)).isEqualTo(aliceBefore + 12_345);

        // the same confirm again (same key) replays; a new confirm of the succeeded top-up is a conflict: no second
        // credit
        String id = done.get("id").asText();
        String confirmUrl = Stack.serviceUrl("payment") + "/v1/top_ups/" + id + "/confirm";
        var again = http.send(
                "POST",
                confirmUrl,
                idempotent(alice.headers("POST", confirmUrl)),
                Map.of("payment_method", funding.tokenise(alice, Funding.approvedCard()), "cvc", Funding.CVC));
        problem(again, 409, null);
        assertThat(balance(alice, alicesWallet)).isEqualTo(aliceBefore + 12_345);

        // bob pays with his own card for alice's wallet: the wallet refuses the credit, the charge goes back to his
        // card
        var forAlice = funding.create(bob, alicesWallet, 3_000, "CNY");
        assertThat(forAlice.status()).as(forAlice.body()).isEqualTo(201);
        String bobsId = forAlice.json().get("id").asText();
        var charged = funding.confirm(bob, bobsId, funding.tokenise(bob, Funding.approvedCard()));
        assertThat(charged.status()).as(charged.body()).isEqualTo(200);
        var outcome = funding.awaitCredit(bob, bobsId);
        assertThat(outcome.get("credit_status").asText()).isEqualTo("refused");
        assertThat(outcome.get("credit_refusal_reason").asText()).isEqualTo("wallet_not_found");
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(
                                funding.get(bob, bobsId).get("amount_refunded").asLong())
                        .as("refunded to bob's card")
                        .isEqualTo(3_000));
        assertThat(balance(alice, alicesWallet))
                .as("alice's wallet untouched by bob's charge")
                .isEqualTo(aliceBefore + 12_345);
    }

    @Test
    void aRefundOfATopUpTakesTheMoneyOutOfTheWalletFirstOrFailsWhenItIsSpent() {
        String name = "refund-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        Keycloak.ensureCustomer(name);
        var customer = Keycloak.customerSession(name);
        String walletId = wallet(customer, "CNY");
        var topUp = funding.topUp(customer, walletId, 5_000, "CNY");
        String id = topUp.get("id").asText();
        // spend most of it at a merchant
        String pay = Stack.serviceUrl("wallet") + "/v1/wallets/" + walletId + "/payments";
        var paid = http.send(
                "POST",
                pay,
                idempotent(customer.headers("POST", pay)),
                Map.of("amount", Map.of("minor", 4_000, "currency", "CNY"), "merchantId", "demo-merchant-a"));
        assertThat(paid.status()).as(paid.body()).isEqualTo(201);
        assertThat(balance(customer, walletId)).isEqualTo(1_000);

        String refunds = Stack.serviceUrl("payment") + "/v1/top_ups/" + id + "/refunds";
        var gone = http.send("POST", refunds, idempotent(customer.headers("POST", refunds)), Map.of("amount", 3_000));
        assertThat(gone.status()).as(gone.body()).isEqualTo(201);
        assertThat(gone.json().get("status").asText()).as(gone.body()).isEqualTo("failed");
        assertThat(gone.json().get("failure_reason").asText()).isEqualTo("wallet_insufficient_funds");
        assertThat(balance(customer, walletId)).as("nothing moved").isEqualTo(1_000);
        assertThat(funding.get(customer, id).get("amount_refunded").asLong()).isZero();

        var ok = http.send("POST", refunds, idempotent(customer.headers("POST", refunds)), Map.of("amount", 1_000));
        assertThat(ok.status()).as(ok.body()).isEqualTo(201);
        assertThat(ok.json().get("status").asText()).as(ok.body()).isIn("pending", "succeeded");
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .untilAsserted(() -> {
                    assertThat(balance(customer, walletId)).isZero();
                    assertThat(funding.get(customer, id).get("amount_refunded").asLong())
                            .isEqualTo(1_000);
                });
    }
}

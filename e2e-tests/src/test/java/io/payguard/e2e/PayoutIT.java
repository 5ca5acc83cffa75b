package io.payguard.e2e;

import static io.payguard.e2e.Funding.idempotent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Issue 13, item 2 against the running suite (real Keycloak, real wallet, the payout rail simulator): no payment to
 * nowhere. A withdrawal to a bank token that was never issued is refused with the balance unchanged (the old route is
 * gone; payouts go only to the customer's own registered account); a payout is debited only once the bank paid; a
 * rejected one debits nothing; a returned one comes back.
 */
class PayoutIT {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final Http http = new Http();
    private final Funding funding = new Funding();

    private String wallet(Keycloak.DpopSession customer) {
        String wallets = Stack.serviceUrl("wallet") + "/v1/wallets";
        var opened = http.send("POST", wallets, customer.headers("POST", wallets), Map.of("currency", "CNY"));
        assertThat(opened.status()).as(opened.body()).isIn(200, 201);
        return opened.json().get("id").asText();
    }

    private JsonNode walletView(Keycloak.DpopSession customer, String walletId) {
        String url = Stack.serviceUrl("wallet") + "/v1/wallets/" + walletId;
        var r = http.send("GET", url, customer.headers("GET", url), null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private long balance(Keycloak.DpopSession customer, String walletId) {
        return walletView(customer, walletId).get("balance").get("minor").asLong();
    }

    /** A fresh account number of the simulator's kind {@code last4} (0000 paid, 0002 rejected, 0077 returned). */
    private String account(Keycloak.DpopSession customer, String last4) {
        String url = Stack.serviceUrl("payment") + "/v1/bank_accounts";
        String number = "6222" + String.format("%08d", RANDOM.nextInt(100_000_000)) + last4;
        var r = http.send(
                "POST",
                url,
                customer.headers("POST", url),
                Map.of("account_number", number, "bank_code", "ICBKCNBJ", "holder_name", "Alice Li"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.body()).doesNotContain(number).doesNotContain("Alice Li");
        return r.json().get("id").asText();
    }

    private Http.Response payout(Keycloak.DpopSession customer, String walletId, String bankAccount, long amount) {
        String url = Stack.serviceUrl("payment") + "/v1/payouts";
        return http.send(
                "POST",
                url,
                idempotent(customer.headers("POST", url)),
                Map.of("wallet_id", walletId, "bank_account", bankAccount, "amount", amount, "currency", "CNY"));
    }

    private JsonNode awaitStatus(Keycloak.DpopSession customer, String id, String... statuses) {
        String url = Stack.serviceUrl("payment") + "/v1/payouts/" + id;
        var last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> {
                    var r = http.send("GET", url, customer.headers("GET", url), null);
                    assertThat(r.status()).as(r.body()).isEqualTo(200);
                    last[0] = r.json();
                    assertThat(last[0].get("status").asText()).as(r.body()).isIn((Object[]) statuses);
                });
        return last[0];
    }

    @Test
    void moneyLeavesOnlyToTheCustomersOwnAccountAndOnlyWhenTheBankPaid() {
        var alice = Keycloak.customerSession("alice");
        Keycloak.ensureCustomer("bob");
        var bob = Keycloak.customerSession("bob");
        String walletId = wallet(alice);
        funding.topUp(alice, walletId, 30_000, "CNY");
        long before = balance(alice, walletId);

        // the old route that debited to any tok_… string is gone; a token or a never-issued account id is refused
        String oldRoute = Stack.serviceUrl("wallet") + "/v1/wallets/" + walletId + "/withdrawals";
        var old = http.send(
                "POST",
                oldRoute,
                idempotent(alice.headers("POST", oldRoute)),
                Map.of("amount", Map.of("minor", 1_000, "currency", "CNY"), "bankAccount", "tok_never_issued_bank"));
        assertThat(old.status()).as(old.body()).isEqualTo(404);
        var token = payout(alice, walletId, "tok_never_issued_bank", 1_000);
        assertThat(token.status()).as(token.body()).isEqualTo(400);
        assertThat(token.json().get("code").asText()).isEqualTo("invalid_bank_account");
        var neverIssued = payout(alice, walletId, "ba_0123456789abcdef0123456789abcdef", 1_000);
        assertThat(neverIssued.status()).as(neverIssued.body()).isEqualTo(404);
        // bob's account is not alice's to pay out to
        var bobs = payout(alice, walletId, account(bob, "0000"), 1_000);
        assertThat(bobs.status()).as(bobs.body()).isEqualTo(404);
        assertThat(balance(alice, walletId)).as("nothing moved").isEqualTo(before);

        // paid by the bank: held, then debited once
        var paid = payout(alice, walletId, account(alice, "0000"), 7_000);
        assertThat(paid.status()).as(paid.body()).isEqualTo(201);
        var done = awaitStatus(alice, paid.json().get("id").asText(), "paid");
        assertThat(done.get("debit_entry_id").asText()).isNotBlank();
        assertThat(balance(alice, walletId)).isEqualTo(before - 7_000);

        // rejected by the bank: the hold is released, nothing debited
        var rejected = payout(alice, walletId, account(alice, "0002"), 5_000);
        var failed = awaitStatus(alice, rejected.json().get("id").asText(), "failed");
        assertThat(failed.get("failure_reason").asText()).isEqualTo("account_closed");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var w = walletView(alice, walletId);
            assertThat(w.get("balance").get("minor").asLong()).isEqualTo(before - 7_000);
            assertThat(w.get("available").get("minor").asLong())
                    .as("hold released")
                    .isEqualTo(before - 7_000);
        });

        // more than the wallet holds: the wallet refuses the hold, the bank never sees it
        var tooMuch = payout(alice, walletId, account(alice, "0000"), before * 10);
        var refused = awaitStatus(alice, tooMuch.json().get("id").asText(), "failed");
        assertThat(refused.get("failure_reason").asText()).isIn("insufficient_funds", "limit_exceeded");
        assertThat(balance(alice, walletId)).isEqualTo(before - 7_000);
    }

    @Test
    void aPayoutTheBankReturnsComesBackToTheWallet() {
        var alice = Keycloak.customerSession("alice");
        String walletId = wallet(alice);
        funding.topUp(alice, walletId, 4_000, "CNY");
        long before = balance(alice, walletId);
        var created = payout(alice, walletId, account(alice, "0077"), 4_000);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asText();
        var returned = awaitStatus(alice, id, "returned");
        assertThat(returned.get("failure_reason").asText()).isEqualTo("account_frozen");
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() ->
                        assertThat(balance(alice, walletId)).as("credited back").isEqualTo(before));
        String statement = Stack.serviceUrl("wallet") + "/v1/wallets/" + walletId + "/statement?limit=2";
        var lines = http.send("GET", statement, alice.headers("GET", statement), null)
                .json()
                .get("items");
        assertThat(lines.get(0).get("type").asText()).isEqualTo("payout_return");
        assertThat(lines.get(1).get("type").asText()).isEqualTo("withdrawal");
    }
}

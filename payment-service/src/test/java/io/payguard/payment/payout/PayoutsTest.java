package io.payguard.payment.payout;

import static io.payguard.payment.Api.as;
import static io.payguard.payment.Api.customer;
import static io.payguard.payment.Api.merchant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.payguard.payment.FakeWallet;
import io.payguard.payment.adapter.out.payout.SimulatedPayoutRail;
import io.payguard.platform.testing.PayGuardTestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.path.json.JsonPath;

/**
 * Payouts (issue 13 item 2) over the real broker with the wallet played by {@link FakeWallet} and the bank by the payout
 * rail simulator: held first, debited only once the bank paid, released when it rejects, an unknown outcome resolved by
 * query or left held (never guessed), a returned payout credited back; only to the customer's own registered account,
 * whose number is stored encrypted.
 */
@QuarkusTest
@QuarkusTestResource(value = PayGuardTestInfrastructure.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class PayoutsTest {

    static FakeWallet wallet;

    @Inject
    SimulatedPayoutRail rail;

    @Inject
    AgroalDataSource db;

    final String carol = "carol-" + UUID.randomUUID();
    final String walletId = "w-" + UUID.randomUUID();

    @BeforeAll
    static void start() {
        wallet = new FakeWallet();
    }

    @AfterAll
    static void stop() throws Exception {
        wallet.close();
    }

    @BeforeEach
    void answerPayouts() {
        wallet.scriptPayouts(FakeWallet.Script.NORMAL);
    }

    String account(String subject, String number) {
        return as(customer(subject))
                .body(Map.of("account_number", number, "bank_code", "ICBKCNBJ", "holder_name", "Carol Example"))
                .post("/v1/bank_accounts")
                .then()
                .statusCode(201)
                .body("last4", equalTo(number.substring(number.length() - 4)))
                .body("bank_code", equalTo("ICBKCNBJ"))
                .extract()
                .path("id");
    }

    String payout(String subject, String account, long amount) {
        return as(customer(subject))
                .header("Idempotency-Key", "po-" + UUID.randomUUID())
                .body(Map.of("wallet_id", walletId, "bank_account", account, "amount", amount, "currency", "CNY"))
                .post("/v1/payouts")
                .then()
                .statusCode(201)
                .body("status", equalTo("requested"))
                .extract()
                .path("id");
    }

    JsonPath awaitStatus(String subject, String id, String status) {
        var last = new JsonPath[1];
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            last[0] = as(customer(subject))
                    .get("/v1/payouts/" + id)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertThat(last[0].getString("status")).isEqualTo(status);
        });
        return last[0];
    }

    List<String> commands(String id) {
        return wallet.commandTypes(id);
    }

    @Test
    void aPaidPayoutIsHeldThenDebitedOnceTheBankPaid() {
        String account = account(carol, "6222020200110000");
        String id = payout(carol, account, 15_000);
        var done = awaitStatus(carol, id, "paid");
        assertThat(done.getString("debit_entry_id")).isNotNull();
        assertThat(commands(id)).containsExactly("payout.hold.v1", "payout.settle.v1");
        var hold = wallet.commands(id).get(0).path("data");
        assertThat(hold.path("walletId").asText()).isEqualTo(walletId);
        assertThat(hold.path("customerId").asText()).isEqualTo(carol);
        assertThat(hold.path("amount").path("minor").asLong()).isEqualTo(15_000);
        assertThat(hold.toString()).as("no account number in wallet commands").doesNotContain("6222020200110000");
        assertThat(rail.sends(id)).isEqualTo(1);
    }

    @Test
    void aRejectedPayoutReleasesTheHoldAndDebitsNothing() {
        String id = payout(carol, account(carol, "6222020200110002"), 5_000);
        var failed = awaitStatus(carol, id, "failed");
        assertThat(failed.getString("failure_reason")).isEqualTo("account_closed");
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(commands(id)).containsExactly("payout.hold.v1", "hold.void.v1"));
    }

    @Test
    void anUnknownOutcomeIsResolvedByQueryOrLeftHeldNeverGuessed() {
        String found = payout(carol, account(carol, "6222020200110119"), 3_000);
        String unknown = payout(carol, account(carol, "6222020200110101"), 4_000);
        awaitStatus(carol, found, "paid");
        assertThat(commands(found)).containsExactly("payout.hold.v1", "payout.settle.v1");
        // several recovery rounds later the unknown one is still held: no settle, no void
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(recoveryAttempts(unknown)).isGreaterThanOrEqualTo(3));
        as(customer(carol)).get("/v1/payouts/" + unknown).then().statusCode(200).body("status", equalTo("sent"));
        assertThat(commands(unknown)).containsExactly("payout.hold.v1");
        assertThat(rail.sends(unknown)).isEqualTo(1);
    }

    int recoveryAttempts(String id) throws Exception {
        try (var c = db.getConnection();
                var st = c.prepareStatement("SELECT recovery_attempts FROM payout WHERE id = ?")) {
            st.setString(1, id);
            try (var rs = st.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    @Test
    void aPayoutTheBankReturnsIsCreditedBack() {
        String id = payout(carol, account(carol, "6222020200110077"), 2_500);
        var returned = awaitStatus(carol, id, "returned");
        assertThat(returned.getString("failure_reason")).isEqualTo("account_frozen");
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(as(customer(carol))
                                .get("/v1/payouts/" + id)
                                .then()
                                .extract()
                                .jsonPath()
                                .getString("return_entry_id"))
                        .isNotNull());
        assertThat(commands(id)).containsExactly("payout.hold.v1", "payout.settle.v1", "payout.return.v1");
    }

    @Test
    void aHoldTheWalletRefusesFailsThePayoutAndTheBankNeverSeesIt() {
        wallet.scriptPayouts(new FakeWallet.Script("insufficient_funds", 0, false));
        String id = payout(carol, account(carol, "6222020200118888"), 999_999);
        assertThat(awaitStatus(carol, id, "failed").getString("failure_reason")).isEqualTo("insufficient_funds");
        assertThat(rail.sends(id)).isZero();
    }

    @Test
    void onlyTheCustomersOwnRegisteredAccountAndTheNumberIsStoredEncrypted() throws Exception {
        String mine = account(carol, "6222020200114321");
        // the same account again is the same registration
        assertThat(account(carol, "6222020200114321")).isEqualTo(mine);
        String dave = "dave-" + UUID.randomUUID();
        String davesAccount = account(dave, "6222020200115555");
        // carol cannot pay out to dave's account, nor to a raw account number, nor see dave's payout
        as(customer(carol))
                .header("Idempotency-Key", "po-" + UUID.randomUUID())
                .body(Map.of("wallet_id", walletId, "bank_account", davesAccount, "amount", 100, "currency", "CNY"))
                .post("/v1/payouts")
                .then()
                .statusCode(404)
                .body("code", equalTo("bank_account_not_found"));
        as(customer(carol))
                .header("Idempotency-Key", "po-" + UUID.randomUUID())
                .body(Map.of(
                        "wallet_id", walletId, "bank_account", "6222020200115555", "amount", 100, "currency", "CNY"))
                .post("/v1/payouts")
                .then()
                .statusCode(400)
                .body("code", equalTo("invalid_bank_account"));
        String davesPayout = as(customer(dave))
                .header("Idempotency-Key", "po-" + UUID.randomUUID())
                .body(Map.of(
                        "wallet_id",
                        "w-" + UUID.randomUUID(),
                        "bank_account",
                        davesAccount,
                        "amount",
                        100,
                        "currency",
                        "CNY"))
                .post("/v1/payouts")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        as(customer(carol))
                .get("/v1/payouts/" + davesPayout)
                .then()
                .statusCode(404)
                .body("code", equalTo("payout_not_found"));
        as(customer(carol))
                .get("/v1/bank_accounts")
                .then()
                .statusCode(200)
                .body("id", org.hamcrest.Matchers.hasItem(mine))
                .body("id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(davesAccount)));
        // fractions, non-money currencies, bad account data: 400 problems
        as(customer(carol))
                .header("Idempotency-Key", "po-" + UUID.randomUUID())
                .body(Map.of("wallet_id", walletId, "bank_account", mine, "amount", 1.5, "currency", "CNY"))
                .post("/v1/payouts")
                .then()
                .statusCode(400);
        as(customer(carol))
                .header("Idempotency-Key", "po-" + UUID.randomUUID())
                .body(Map.of("wallet_id", walletId, "bank_account", mine, "amount", 100, "currency", "XAU"))
                .post("/v1/payouts")
                .then()
                .statusCode(400)
                .body("code", equalTo("invalid_currency"));
        as(customer(carol))
                .body(Map.of("account_number", "12ab", "bank_code", "ICBKCNBJ", "holder_name", "C"))
                .post("/v1/bank_accounts")
                .then()
                .statusCode(400)
                .body("code", equalTo("invalid_bank_account"));
        as(merchant("demo-merchant-a")).get("/v1/bank_accounts").then().statusCode(403);
        // removed: no new payouts to it
        as(customer(carol)).delete("/v1/bank_accounts/" + mine).then().statusCode(204);
        as(customer(carol))
                .header("Idempotency-Key", "po-" + UUID.randomUUID())
                .body(Map.of("wallet_id", walletId, "bank_account", mine, "amount", 100, "currency", "CNY"))
                .post("/v1/payouts")
                .then()
                .statusCode(404);
        try (var c = db.getConnection();
                var st = c.createStatement();
                var rs = st.executeQuery("SELECT number_enc, holder_enc FROM bank_account")) {
            while (rs.next()) {
                assertThat(rs.getString(1)).doesNotContain("62220202001");
                assertThat(rs.getString(2)).doesNotContain("Carol");
            }
        }
        assertThat(davesPayout).startsWith("po_");
        assertThat(mine).isNotNull();
        as(customer(carol))
                .get("/v1/bank_accounts")
                .then()
                .body("id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(mine)));
        assertThat((Object) as(customer(dave))
                        .get("/v1/payouts/" + davesPayout)
                        .then()
                        .extract()
                        .path("created"))
                .isNotNull();
    }
}

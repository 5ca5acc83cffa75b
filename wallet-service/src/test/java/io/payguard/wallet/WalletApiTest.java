package io.payguard.wallet;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.payguard.platform.testing.PayGuardTestInfrastructure;
import io.payguard.platform.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** The customer API end to end on a real database: ownership, idempotency, limits, statements. */
@QuarkusTest
@QuarkusTestResource(value = PayGuardTestInfrastructure.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class WalletApiTest {

    static String audience() {
        return ConfigProvider.getConfig().getValue("quarkus.oidc.token.audience", String.class);
    }

    static String customer(String sub, String kycTier) {
        var claims = TestTokens.claims(sub, audience(), List.of("customer"));
        if (kycTier != null) {
            claims.claim("kyc_tier", kycTier);
        }
        return TestTokens.sign(claims);
    }

    static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    static String amount(long minor) {
        return "{\"minor\":" + minor + ",\"currency\":\"CNY\"}";
    }

    static String open(String token, String walletClass) {
        return as(token)
                .body(
                        walletClass == null
                                ? "{\"currency\":\"CNY\"}"
                                : "{\"currency\":\"CNY\",\"walletClass\":\"" + walletClass + "\"}")
                .post("/v1/wallets")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    /** Money comes in only as a rail's delivery (see {@link Rails}): here a captured card top-up. */
    static void topUp(String token, String wallet, long minor) {
        Rails.topUp(token, wallet, minor);
    }

    static long balance(String token, String wallet) {
        return as(token)
                .get("/v1/wallets/" + wallet)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("balance.minor");
    }

    /**
     * Wallet payments go only to merchants the directory (fed by auth-service) knows as active: an unknown one answers
     * 404, a suspended one 422, both stored under the Idempotency-Key like any refusal; nothing moves.
     */
    @Test
    void paymentsToUnknownOrSuspendedMerchantsAreRefusedAndMoveNothing() {
        String payer = customer("payer-" + UUID.randomUUID(), "2");
        String wallet = open(payer, null);
        topUp(payer, wallet, 20_000);
        String toNobody = "{\"merchantId\":\"no-such-merchant\",\"amount\":" + amount(5_000) + "}";
        for (String replayed : List.of("false", "true")) {
            as(payer)
                    .header("Idempotency-Key", "pay-nobody-1")
                    .body(toNobody)
                    .post("/v1/wallets/" + wallet + "/payments")
                    .then()
                    .statusCode(404)
                    .contentType("application/problem+json")
                    .body("code", equalTo("merchant_not_found"))
                    .header("Idempotent-Replayed", replayed);
        }
        assertThat(balance(payer, wallet)).isEqualTo(20_000);

        String shop = "shop-" + UUID.randomUUID().toString().substring(0, 8);
        io.payguard.platform.testing.MerchantFixtures.publish(shop, false, "CNY", 100_000, 1_000_000);
        String toShop = "{\"merchantId\":\"" + shop + "\",\"amount\":" + amount(5_000) + "}";
        // the state reaches this instance's directory asynchronously; each attempt is a new request
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(20))
                .until(
                        () -> as(payer)
                                .header("Idempotency-Key", "k-" + UUID.randomUUID())
                                .body(toShop)
                                .post("/v1/wallets/" + wallet + "/payments")
                                .then()
                                .extract()
                                .statusCode(),
                        s -> s == 422);
        as(payer)
                .header("Idempotency-Key", "pay-suspended-1")
                .body(toShop)
                .post("/v1/wallets/" + wallet + "/payments")
                .then()
                .statusCode(422)
                .body("code", equalTo("merchant_inactive"));
        assertThat(balance(payer, wallet)).isEqualTo(20_000);

        io.payguard.platform.testing.MerchantFixtures.publish(shop, true, "CNY", 100_000, 1_000_000);
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(20))
                .until(
                        () -> as(payer)
                                .header("Idempotency-Key", "k-" + UUID.randomUUID())
                                .body(toShop)
                                .post("/v1/wallets/" + wallet + "/payments")
                                .then()
                                .extract()
                                .statusCode(),
                        s -> s == 201);
        assertThat(balance(payer, wallet)).isEqualTo(15_000);
        // the refusal stored under its key stays the answer for that key
        as(payer)
                .header("Idempotency-Key", "pay-suspended-1")
                .body(toShop)
                .post("/v1/wallets/" + wallet + "/payments")
                .then()
                .statusCode(422)
                .header("Idempotent-Replayed", "true");
    }

    @Test
    void customersMoveMoneyOnlyFromTheirOwnWalletsAndRetriesReplayTheFirstAnswer() {
        String alice = customer("alice-" + UUID.randomUUID(), "2");
        String bob = customer("bob-" + UUID.randomUUID(), null);
        String aliceWallet = open(alice, null);
        String bobWallet = open(bob, null);
        as(alice).get("/v1/wallets/" + aliceWallet).then().statusCode(200).body("walletClass", equalTo("class_ii"));
        as(bob).get("/v1/wallets/" + bobWallet).then().statusCode(200).body("walletClass", equalTo("class_i"));
        // a customer cannot lift their own class above their KYC tier
        as(customer("carol-" + UUID.randomUUID(), "1"))
                .body("{\"walletClass\":\"class_iii\"}")
                .post("/v1/wallets")
                .then()
                .statusCode(403)
                .body("code", equalTo("kyc_tier_too_low"));
        // opening again returns the same wallet
        assertThat(open(alice, null)).isEqualTo(aliceWallet);

        // money comes in only from a rail (a captured card charge): there is no route that credits a wallet on request
        as(alice)
                .header("Idempotency-Key", "topup-0001")
                .body("{\"amount\":" + amount(50_000) + ",\"fundingSource\":\"tok_card_1234\"}")
                .post("/v1/wallets/" + aliceWallet + "/top-ups")
                .then()
                .statusCode(404);
        as(alice).get("/v1/wallets/" + aliceWallet).then().statusCode(200).body("balance.minor", equalTo(0));
        topUp(alice, aliceWallet, 50_000);
        topUp(bob, bobWallet, 50_000);
        String xfer = "{\"amount\":" + amount(10_000) + ",\"toWalletId\":\"" + bobWallet + "\"}";
        as(alice)
                .body(xfer)
                .post("/v1/wallets/" + aliceWallet + "/transfers")
                .then()
                .statusCode(400)
                .body("code", equalTo("idempotency_key_required"));
        String first = as(alice)
                .header("Idempotency-Key", "xfer-0001")
                .body(xfer)
                .post("/v1/wallets/" + aliceWallet + "/transfers")
                .then()
                .statusCode(201)
                .header("Idempotent-Replayed", "false")
                .extract()
                .path("entryId");
        String replay = as(alice)
                .header("Idempotency-Key", "xfer-0001")
                .body(xfer)
                .post("/v1/wallets/" + aliceWallet + "/transfers")
                .then()
                .statusCode(201)
                .header("Idempotent-Replayed", "true")
                .extract()
                .path("entryId");
        assertThat(replay).isEqualTo(first);
        as(alice)
                .header("Idempotency-Key", "xfer-0001")
                .body("{\"amount\":" + amount(60_000) + ",\"toWalletId\":\"" + bobWallet + "\"}")
                .post("/v1/wallets/" + aliceWallet + "/transfers")
                .then()
                .statusCode(422)
                .body("code", equalTo("idempotency_key_reused"));
        // keys are scoped to the caller: bob may use the same key for his own call
        as(bob).header("Idempotency-Key", "xfer-0001")
                .body("{\"amount\":" + amount(10_000) + ",\"toWalletId\":\"" + aliceWallet + "\"}")
                .post("/v1/wallets/" + bobWallet + "/transfers")
                .then()
                .statusCode(201);

        as(alice).get("/v1/wallets/" + aliceWallet).then().statusCode(200).body("available.minor", equalTo(50_000));
        as(alice)
                .header("Idempotency-Key", "pay-00001")
                .body("{\"amount\":" + amount(5_000) + ",\"merchantId\":\"demo-merchant-a\"}")
                .post("/v1/wallets/" + aliceWallet + "/payments")
                .then()
                .statusCode(201)
                .body("kind", equalTo("merchant_payment"));
        // money leaves to a bank account only as a payout through the payment service (held, paid by the bank, then
        // debited): there is no route that sends a wallet's money to an account string
        as(alice)
                .header("Idempotency-Key", "wd-000001")
                .body("{\"amount\":" + amount(1_000) + ",\"bankAccount\":\"tok_bank_9876\"}")
                .post("/v1/wallets/" + aliceWallet + "/withdrawals")
                .then()
                .statusCode(404);
        as(alice).get("/v1/wallets/" + aliceWallet).then().statusCode(200).body("balance.minor", equalTo(45_000));

        // someone else's wallet is indistinguishable from a missing one
        as(bob).get("/v1/wallets/" + aliceWallet).then().statusCode(404).body("code", equalTo("wallet_not_found"));
        as(bob).get("/v1/wallets/" + aliceWallet + "/statement").then().statusCode(404);
        as(bob).header("Idempotency-Key", "steal-0001")
                .body("{\"amount\":" + amount(1) + ",\"toWalletId\":\"" + bobWallet + "\"}")
                .post("/v1/wallets/" + aliceWallet + "/transfers")
                .then()
                .statusCode(404);
        as(bob).get("/v1/wallets/" + bobWallet).then().statusCode(200).body("balance.minor", equalTo(50_000));
        given().auth()
                .oauth2(TestTokens.token("m-1", audience(), "merchant"))
                .get("/v1/wallets")
                .then()
                .statusCode(403);
    }

    @Test
    void aLimitRefusalNamesTheLimitAndIsReplayedForTheSameKey() {
        String dave = customer("dave-" + UUID.randomUUID(), "1");
        String erin = customer("erin-" + UUID.randomUUID(), "1");
        String daveWallet = open(dave, null);
        String erinWallet = open(erin, null);
        topUp(dave, daveWallet, 300_000);
        String body = "{\"amount\":" + amount(100_001) + ",\"toWalletId\":\"" + erinWallet + "\"}";
        for (int i = 0; i < 2; i++) {
            as(dave).header("Idempotency-Key", "big-000001")
                    .body(body)
                    .post("/v1/wallets/" + daveWallet + "/transfers")
                    .then()
                    .statusCode(422)
                    .contentType("application/problem+json")
                    .body("code", equalTo("limit_exceeded"))
                    .body("limit", equalTo("class_i_per_transaction"));
        }
        as(dave).header("Idempotency-Key", "ok-0000001")
                .body("{\"amount\":" + amount(90_000) + ",\"toWalletId\":\"" + erinWallet + "\"}")
                .post("/v1/wallets/" + daveWallet + "/transfers")
                .then()
                .statusCode(201);
        as(dave).header("Idempotency-Key", "ok-0000002")
                .body("{\"amount\":" + amount(20_000) + ",\"toWalletId\":\"" + erinWallet + "\"}")
                .post("/v1/wallets/" + daveWallet + "/transfers")
                .then()
                .statusCode(422)
                .body("limit", equalTo("class_i_daily"));
    }

    @Test
    void operatorsCorrectAnEntryWithAReversalOnce() {
        String hal = customer("hal-" + UUID.randomUUID(), "2");
        String wallet = open(hal, null);
        String entry = Rails.topUp(hal, wallet, 7_000);
        String operator = TestTokens.token("otto", audience(), "operator");
        String path = "/v1/wallet-admin/entries/" + entry + "/reversal";
        as(hal).header("Idempotency-Key", "rev-000001")
                .body("{\"reason\":\"duplicate card capture\"}")
                .post(path)
                .then()
                .statusCode(403);
        as(operator)
                .header("Idempotency-Key", "rev-000001")
                .body("{\"reason\":\"duplicate card capture\"}")
                .post(path)
                .then()
                .statusCode(201)
                .body("reverses", equalTo(entry));
        as(operator)
                .header("Idempotency-Key", "rev-000001")
                .body("{\"reason\":\"duplicate card capture\"}")
                .post(path)
                .then()
                .statusCode(201)
                .header("Idempotent-Replayed", "true");
        as(operator)
                .header("Idempotency-Key", "rev-000002")
                .body("{\"reason\":\"again\"}")
                .post(path)
                .then()
                .statusCode(409)
                .body("code", equalTo("already_reversed"));
        as(operator)
                .header("Idempotency-Key", "rev-000003")
                .body("{\"reason\":\"nothing\"}")
                .post("/v1/wallet-admin/entries/" + UUID.randomUUID() + "/reversal")
                .then()
                .statusCode(404);
        as(hal).get("/v1/wallets/" + wallet).then().statusCode(200).body("balance.minor", equalTo(0));
        as(hal).queryParam("type", "reversal")
                .get("/v1/wallets/" + wallet + "/statement")
                .then()
                .statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].direction", equalTo("debit"));
    }

    @Test
    void theStatementPagesByCursorAndFiltersByTypeAndTime() {
        String fay = customer("fay-" + UUID.randomUUID(), "3");
        String gus = customer("gus-" + UUID.randomUUID(), "3");
        String fayWallet = open(fay, null);
        String gusWallet = open(gus, null);
        for (int i = 0; i < 3; i++) {
            topUp(fay, fayWallet, 1_000 + i);
        }
        as(fay).header("Idempotency-Key", "s-xfer-001")
                .body("{\"amount\":" + amount(500) + ",\"toWalletId\":\"" + gusWallet + "\"}")
                .post("/v1/wallets/" + fayWallet + "/transfers")
                .then()
                .statusCode(201);

        var page1 = as(fay).queryParam("limit", 3)
                .get("/v1/wallets/" + fayWallet + "/statement")
                .then()
                .statusCode(200)
                .body("items", hasSize(3))
                .body("items[0].type", equalTo("transfer"))
                .body("items[0].direction", equalTo("debit"))
                .body("items[0].amount.minor", equalTo(500))
                .extract()
                .jsonPath();
        String cursor = page1.getString("nextCursor");
        assertThat(cursor).isNotNull();
        as(fay).queryParam("limit", 3)
                .queryParam("cursor", cursor)
                .get("/v1/wallets/" + fayWallet + "/statement")
                .then()
                .statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].amount.minor", equalTo(1_000))
                .body("nextCursor", nullValue());
        as(fay).queryParam("type", "top_up")
                .get("/v1/wallets/" + fayWallet + "/statement")
                .then()
                .statusCode(200)
                .body("items", hasSize(3));
        as(fay).queryParam("to", "2000-01-01T00:00:00Z")
                .get("/v1/wallets/" + fayWallet + "/statement")
                .then()
                .statusCode(200)
                .body("items", hasSize(0));
        as(fay).queryParam("type", "nonsense")
                .get("/v1/wallets/" + fayWallet + "/statement")
                .then()
                .statusCode(400);
        String operator = TestTokens.token("otto", audience(), "operator");
        given().auth()
                .oauth2(operator)
                .get("/v1/wallet-admin/invariants")
                .then()
                .statusCode(200)
                .body("ok", equalTo(true));
    }
}

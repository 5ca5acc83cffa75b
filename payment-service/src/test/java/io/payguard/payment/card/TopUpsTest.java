package io.payguard.payment.card;

import static io.payguard.payment.Api.as;
import static io.payguard.payment.Api.customer;
import static io.payguard.payment.Api.merchant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.payguard.payment.FakeWallet;
import io.payguard.payment.adapter.out.acquirer.SimulatedAcquirer;
import io.payguard.platform.testing.PayGuardTestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.ValidatableResponse;

/**
 * Wallet top-ups through the card path (issue 13): only the customer's own card token is charged; only a captured charge
 * sends the wallet its credit, exactly once; a declined charge sends nothing; a credit the wallet refuses is refunded to
 * the card. The wallet is played on the broker by {@link FakeWallet}.
 */
@QuarkusTest
@QuarkusTestResource(value = PayGuardTestInfrastructure.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class TopUpsTest {

    static final String CVC = "737";
    static FakeWallet wallet;

    @Inject
    SimulatedAcquirer acquirer;

    final String bob = "bob-" + UUID.randomUUID();
    final String alice = "alice-" + UUID.randomUUID();
    final String bobsWallet = "w-" + UUID.randomUUID();

    @BeforeAll
    static void start() {
        wallet = new FakeWallet();
    }

    @AfterAll
    static void stop() throws Exception {
        wallet.close();
    }

    static String tokenise(String subject, String pan) {
        return as(customer(subject))
                .body(Map.of("number", pan, "exp_month", 12, "exp_year", 2031))
                .post("/v1/tokens")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    static ValidatableResponse create(String subject, String walletId, Object amount, String currency) {
        return as(customer(subject))
                .header("Idempotency-Key", "tu-" + UUID.randomUUID())
                .body(Map.of("wallet_id", walletId, "amount", amount, "currency", currency))
                .post("/v1/top_ups")
                .then();
    }

    static ValidatableResponse confirm(String subject, String id, String token, String key) {
        return as(customer(subject))
                .header("Idempotency-Key", key)
                .body(Map.of("payment_method", token, "cvc", CVC))
                .post("/v1/top_ups/" + id + "/confirm")
                .then();
    }

    long credits(String paymentId) {
        return wallet.commandTypes(paymentId).stream()
                .filter("top_up.credit.v1"::equals)
                .count();
    }

    @Test
    void aCapturedChargeOfTheCustomersOwnCardCreditsTheirWalletOnce() {
        String id = create(bob, bobsWallet, 25_000, "CNY")
                .statusCode(201)
                .body("object", equalTo("top_up"))
                .body("status", equalTo("requires_confirmation"))
                .body("credit_status", equalTo("awaiting_charge"))
                .body("wallet_id", equalTo(bobsWallet))
                .extract()
                .path("id");
        wallet.script(id, FakeWallet.Script.NORMAL);
        String key = "tuc-" + UUID.randomUUID();
        String card = tokenise(bob, "4242424242424242");
        confirm(bob, id, card, key)
                .statusCode(200)
                .body("status", equalTo("succeeded"))
                .body("amount", equalTo(25_000));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> as(customer(bob))
                        .get("/v1/top_ups/" + id)
                        .then()
                        .statusCode(200)
                        .body("credit_status", equalTo("credited"))
                        .body("wallet_entry_id", org.hamcrest.Matchers.notNullValue()));
        var command = wallet.commands(id).get(0).path("data");
        assertThat(command.path("walletId").asText()).isEqualTo(bobsWallet);
        assertThat(command.path("customerId").asText()).isEqualTo(bob);
        assertThat(command.path("amount").path("minor").asLong()).isEqualTo(25_000);
        assertThat(command.path("amount").path("currency").asText()).isEqualTo("CNY");

        // a retry replays the answer; nothing is charged or credited twice
        confirm(bob, id, card, key).statusCode(200).header("Idempotent-Replayed", "true");
        confirm(bob, id, tokenise(bob, "4242424242424242"), key)
                .statusCode(422)
                .body("code", equalTo("idempotency_key_reused"));
        as(customer(bob))
                .header("Idempotency-Key", "tuc-" + UUID.randomUUID())
                .body(Map.of("payment_method", tokenise(bob, "4242424242424242"), "cvc", CVC))
                .post("/v1/top_ups/" + id + "/confirm")
                .then()
                .statusCode(409);
        assertThat(credits(id)).isEqualTo(1);
        assertThat(acquirer.authorisations(id)).isEqualTo(1);

        // nobody else sees it: not another customer, not a merchant
        as(customer(alice)).get("/v1/top_ups/" + id).then().statusCode(404).body("code", equalTo("top_up_not_found"));
        as(merchant("demo-merchant-a")).get("/v1/payment_intents/" + id).then().statusCode(404);
        as(merchant("demo-merchant-a"))
                .header("Idempotency-Key", "re-" + UUID.randomUUID())
                .body(Map.of())
                .post("/v1/payment_intents/" + id + "/refunds")
                .then()
                .statusCode(404);
    }

    @Test
    void anotherCustomersCardOrAnUnknownTokenIsRefusedAndNothingIsCharged() {
        String alicesCard = tokenise(alice, "4242424242424242");
        String id =
                create(bob, bobsWallet, 10_000, "CNY").statusCode(201).extract().path("id");
        wallet.script(id, FakeWallet.Script.NORMAL);
        confirm(bob, id, alicesCard, "tuc-" + UUID.randomUUID())
                .statusCode(400)
                .body("code", equalTo("invalid_payment_method"));
        confirm(bob, id, "tok_" + UUID.randomUUID().toString().replace("-", ""), "tuc-" + UUID.randomUUID())
                .statusCode(400)
                .body("code", equalTo("invalid_payment_method"));
        confirm(bob, id, "4242424242424242", "tuc-" + UUID.randomUUID()).statusCode(400);
        // alice cannot pay (or even see) bob's top-up with her own card
        confirm(alice, id, alicesCard, "tuc-" + UUID.randomUUID()).statusCode(404);
        as(customer(bob))
                .get("/v1/top_ups/" + id)
                .then()
                .statusCode(200)
                .body("status", equalTo("requires_confirmation"))
                .body("credit_status", equalTo("awaiting_charge"));
        assertThat(acquirer.authorisations(id)).isZero();
        assertThat(credits(id)).isZero();
    }

    @Test
    void aDeclinedChargeCreditsNothing() {
        String id =
                create(bob, bobsWallet, 10_000, "CNY").statusCode(201).extract().path("id");
        wallet.script(id, FakeWallet.Script.NORMAL);
        confirm(bob, id, tokenise(bob, "4000000000009995"), "tuc-" + UUID.randomUUID())
                .statusCode(200)
                .body("status", equalTo("failed"))
                .body("failure_code", equalTo("insufficient_funds"))
                .body("credit_status", equalTo("awaiting_charge"));
        assertThat(credits(id)).isZero();
    }

    @Test
    void aCreditTheWalletRefusesIsRefundedToTheCard() {
        String id = create(bob, "w-" + UUID.randomUUID(), 7_700, "CNY")
                .statusCode(201)
                .extract()
                .path("id");
        wallet.script(id, new FakeWallet.Script("wallet_not_found", 0, false));
        confirm(bob, id, tokenise(bob, "4242424242424242"), "tuc-" + UUID.randomUUID())
                .statusCode(200)
                .body("status", equalTo("succeeded"));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> as(customer(bob))
                        .get("/v1/top_ups/" + id)
                        .then()
                        .statusCode(200)
                        .body("credit_status", equalTo("refused"))
                        .body("credit_refusal_reason", equalTo("wallet_not_found"))
                        .body("amount_refunded", equalTo(7_700)));
        assertThat(acquirer.refunded(id))
                .as("the whole charge went back to the card")
                .isEqualTo(7_700);
        assertThat(credits(id)).isEqualTo(1);
    }

    /**
     * A refund of a top-up takes the money out of the wallet first and only then refunds the card; when the money was
     * spent meanwhile the wallet refuses, the refund fails and the card is not refunded.
     */
    @Test
    void aRefundOfATopUpDebitsTheWalletFirstOrFailsWhenTheMoneyIsGone() {
        String id =
                create(bob, bobsWallet, 9_000, "CNY").statusCode(201).extract().path("id");
        wallet.script(id, FakeWallet.Script.NORMAL);
        confirm(bob, id, tokenise(bob, "4242424242424242"), "tuc-" + UUID.randomUUID())
                .statusCode(200);
        // before the credit is confirmed a refund is a conflict; once credited it is allowed
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() ->
                        as(customer(bob)).get("/v1/top_ups/" + id).then().body("credit_status", equalTo("credited")));
        as(customer(alice))
                .header("Idempotency-Key", "tur-" + UUID.randomUUID())
                .body(Map.of("amount", 1_000))
                .post("/v1/top_ups/" + id + "/refunds")
                .then()
                .statusCode(404);
        as(customer(bob))
                .header("Idempotency-Key", "tur-" + UUID.randomUUID())
                .body(Map.of("amount", 3_000))
                .post("/v1/top_ups/" + id + "/refunds")
                .then()
                .statusCode(201)
                .body("amount", equalTo(3_000));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(acquirer.refunded(id)).isEqualTo(3_000));
        assertThat(wallet.commandTypes(id)).containsExactly("top_up.credit.v1", "top_up.reverse.v1");
        assertThat(wallet.commands(id).get(1).path("data").path("walletId").asText())
                .isEqualTo(bobsWallet);

        // the money is gone from the wallet: the wallet refuses, the refund fails, the card is not refunded
        wallet.script(id, new FakeWallet.Script("insufficient_funds", 0, false));
        as(customer(bob))
                .header("Idempotency-Key", "tur-" + UUID.randomUUID())
                .body(Map.of("amount", 6_000))
                .post("/v1/top_ups/" + id + "/refunds")
                .then()
                .statusCode(201)
                .body("status", equalTo("failed"))
                .body("failure_reason", equalTo("wallet_insufficient_funds"));
        as(customer(bob)).get("/v1/top_ups/" + id).then().statusCode(200).body("amount_refunded", equalTo(3_000));
        assertThat(acquirer.refunded(id)).isEqualTo(3_000);
        // more than is left is refused outright
        as(customer(bob))
                .header("Idempotency-Key", "tur-" + UUID.randomUUID())
                .body(Map.of("amount", 6_001))
                .post("/v1/top_ups/" + id + "/refunds")
                .then()
                .statusCode(400)
                .body("code", equalTo("invalid_amount"));
    }

    @Test
    void fractionsStringsAndCurrenciesThatAreNotMoneyAreRefused() {
        for (Object amount : new Object[] {1.5, 1.99, "100", 0, -5}) {
            create(bob, bobsWallet, amount, "CNY").statusCode(400).contentType(startsWith("application/problem+json"));
        }
        for (String currency : new String[] {"XXX", "XTS", "XAU", "cny"}) {
            create(bob, bobsWallet, 100, currency).statusCode(400).body("code", equalTo("invalid_currency"));
        }
        create(bob, "alice's wallet", 100, "CNY").statusCode(400).body("code", equalTo("invalid_wallet_id"));
        as(merchant("demo-merchant-a"))
                .header("Idempotency-Key", "tu-" + UUID.randomUUID())
                .body(Map.of("wallet_id", bobsWallet, "amount", 100, "currency", "CNY"))
                .post("/v1/top_ups")
                .then()
                .statusCode(403);
    }
}

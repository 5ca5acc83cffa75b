package io.payguard.payment.saga;

import static io.payguard.payment.Api.as;
import static io.payguard.payment.Api.create;
import static io.payguard.payment.Api.customer;
import static io.payguard.payment.Api.get;
import static io.payguard.payment.Api.merchant;
import static io.payguard.payment.PaymentFacts.facts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.payguard.payment.FakeWallet;
import io.payguard.payment.FakeWallet.Script;
import io.payguard.platform.testing.PayGuardTestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * The wallet saga over the real broker, with the wallet side played by {@link FakeWallet} (which delivers every
 * answer twice): only the paying customer can confirm; automatic capture in one round trip (place with
 * {@code capture: true} answered by {@code hold.captured}, same authorised + captured facts), and in two with a wallet
 * that ignores the flag; manual partial capture (two steps, no flag); refusal; cancel releases the hold; a late answer
 * (confirm answers processing, the payment completes later); lost answers (two-step and one-step) recovered by
 * re-sending the command with the same id; a debit for a failed payment given back; refunds never above what was captured.
 */
@QuarkusTest
@QuarkusTestResource(value = PayGuardTestInfrastructure.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class WalletPaymentsTest {

    /** The hold id of a debit nobody asked for (a UUID, as every hold id in the contract). */
    private static final String LATE_HOLD = "5d0f6a52-9b1e-4c7a-8d3f-2e6b1a9c4f70";

    static FakeWallet wallet;
    final String merchant = merchant("merchant-" + UUID.randomUUID());
    final String payer = "cust-" + UUID.randomUUID();

    @BeforeAll
    static void startWallet() {
        wallet = new FakeWallet();
    }

    @AfterAll
    static void stopWallet() throws Exception {
        wallet.close();
    }

    String confirm(String token, String id, int status) {
        return as(token)
                .body("{}")
                .post("/v1/payment_intents/" + id + "/confirm")
                .then()
                .statusCode(status)
                .extract()
                .path("status");
    }

    @Test
    void onlyThePayingCustomerConfirmsAndAutomaticCaptureSucceedsWithinTheWait() {
        String id = create(merchant, 1000, payer, "wallet", "automatic");
        wallet.script(id, Script.NORMAL);
        as(merchant)
                .body("{}")
                .post("/v1/payment_intents/" + id + "/confirm")
                .then()
                .statusCode(403)
                .body("code", equalTo("customer_authorisation_required"));
        as(customer("someone-else"))
                .body("{}")
                .post("/v1/payment_intents/" + id + "/confirm")
                .then()
                .statusCode(404);
        assertThat(wallet.commands(id)).as("nothing reached the wallet").isEmpty();

        assertThat(confirm(customer(payer), id, 200)).isEqualTo("succeeded");
        get(merchant, id).statusCode(200).body("status", equalTo("succeeded")).body("amount_received", equalTo(1000));
        // one round trip: the hold is placed and captured by one command (every answer came twice: still one)
        assertThat(wallet.commandTypes(id)).containsExactly("hold.place.v1");
        var place = wallet.commands(id).get(0).path("data");
        assertThat(place.path("capture").isBoolean()).isTrue();
        assertThat(place.path("capture").asBoolean()).isTrue();
        assertThat(place.path("customerId").asText()).isEqualTo(payer);
        assertThat(place.path("amount").path("minor").asLong()).isEqualTo(1000);
        assertThat(place.path("amount").path("currency").asText()).isEqualTo("CNY");
        as(customer(payer))
                .body("{}")
                .post("/v1/payment_intents/" + id + "/confirm")
                .then()
                .statusCode(409)
                .body("code", equalTo("payment_intent_unexpected_state"))
                .body("payment_intent_status", equalTo("succeeded"));
        // the same facts as the two-step path: authorised, then captured, of the whole amount
        var facts = facts(id, "captured");
        assertThat(facts).containsSubsequence("created", "authorised", "captured");
        assertThat(facts).doesNotContain("failed");
    }

    @Test
    void aWalletThatDoesNotKnowTheCaptureFlagStillGetsThePaymentCapturedInTwoSteps() {
        String id = create(merchant, 1200, payer, "wallet", "automatic");
        wallet.script(id, Script.WITHOUT_ONE_STEP_CAPTURE);
        assertThat(confirm(customer(payer), id, 200)).isEqualTo("succeeded");
        get(merchant, id).body("amount_received", equalTo(1200));
        assertThat(wallet.commandTypes(id)).containsExactly("hold.place.v1", "hold.capture.v1");
        assertThat(facts(id, "captured")).containsSubsequence("created", "authorised", "captured");
    }

    @Test
    void aLostOneStepAnswerIsRecoveredByResendingTheSameCommandAndDebitsOnce() {
        String id = create(merchant, 1000, payer, "wallet", "automatic");
        wallet.script(id, new Script(null, 0, true));
        assertThat(confirm(customer(payer), id, 200)).isEqualTo("processing");
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> get(merchant, id).body("status", equalTo("succeeded")));
        get(merchant, id).body("amount_received", equalTo(1000));
        var ids = wallet.commands(id).stream()
                .map(c -> c.path("id").asText())
                .distinct()
                .toList();
        assertThat(ids).as("the same command was sent again, not a new one").hasSize(1);
        assertThat(wallet.commands(id)).hasSizeGreaterThanOrEqualTo(2);
        assertThat(wallet.commandTypes(id).stream().distinct()).containsExactly("hold.place.v1");
        var facts = facts(id, "captured");
        assertThat(facts.stream().filter("captured"::equals))
                .as("captured once although answered several times")
                .hasSize(1);
        assertThat(facts.stream().filter("authorised"::equals)).hasSize(1);
    }

    @Test
    void aDebitArrivingForAFailedPaymentIsGivenBackAndThePaymentStaysFailed() throws Exception {
        String id = create(merchant, 1000, payer, "wallet", "automatic");
        wallet.script(id, new Script("insufficient_funds", 0, false));
        assertThat(confirm(customer(payer), id, 200)).isEqualTo("failed");
        String placeId = wallet.commands(id).get(0).path("id").asText();
        // a debit the payment can no longer accept (the wallet answering the same command differently, a forged
        // or misrouted answer): the money goes back to the customer with a refund command, the payment stays failed
        var data = new com.fasterxml.jackson.databind.ObjectMapper()
                .createObjectNode()
                .put("causationId", placeId)
                .put("holdId", LATE_HOLD)
                .put("walletId", "wallet-1")
                .put("entryId", UUID.randomUUID().toString());
        data.putObject("amount").put("minor", 1000).put("currency", "CNY");
        data.putObject("released").put("minor", 0).put("currency", "CNY");
        wallet.inject(id, "hold.captured.v1", data);
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(wallet.commandTypes(id)).containsExactly("hold.place.v1", "refund.v1"));
        var refund = wallet.commands(id).get(1).path("data");
        assertThat(refund.path("refundId").asText()).isEqualTo("late_" + LATE_HOLD);
        assertThat(refund.path("amount").path("minor").asLong()).isEqualTo(1000);
        assertThat(refund.path("customerId").asText()).isEqualTo(payer);
        get(merchant, id)
                .body("status", equalTo("failed"))
                .body("failure_code", equalTo("insufficient_funds"))
                .body("amount_received", equalTo(0))
                .body("amount_refunded", equalTo(0));
        as(merchant)
                .get("/v1/payment_intents/" + id + "/refunds")
                .then()
                .statusCode(200)
                .body("size()", equalTo(0));
        assertThat(facts(id, "failed")).doesNotContain("authorised", "captured");
    }

    @Test
    void manualCaptureOfPartOfTheHoldThenTheRestIsReleasedByTheWallet() {
        String id = create(merchant, 1000, payer, "wallet", "manual");
        wallet.script(id, Script.NORMAL);
        assertThat(confirm(customer(payer), id, 200)).isEqualTo("requires_capture");
        get(merchant, id).body("amount_capturable", equalTo(1000));
        as(merchant)
                .body("{\"amount_to_capture\":1001}")
                .post("/v1/payment_intents/" + id + "/capture")
                .then()
                .statusCode(400);
        as(merchant)
                .body("{\"amount_to_capture\":600}")
                .post("/v1/payment_intents/" + id + "/capture")
                .then()
                .statusCode(200)
                .body("status", equalTo("succeeded"))
                .body("amount_received", equalTo(600));
        assertThat(wallet.commandTypes(id))
                .as("manual capture keeps the two steps")
                .containsExactly("hold.place.v1", "hold.capture.v1");
        assertThat(wallet.commands(id).get(0).path("data").has("capture"))
                .as("no capture flag on a manual hold")
                .isFalse();
        var capture = wallet.commands(id).get(1).path("data");
        assertThat(capture.path("holdId").asText()).isEqualTo(FakeWallet.holdIdOf(id));
        assertThat(capture.path("amount").path("minor").asLong()).isEqualTo(600);
    }

    @Test
    void refusedHoldFailsThePaymentWithTheWalletsReason() {
        String id = create(merchant, 1000, payer, "wallet", "automatic");
        wallet.script(id, new Script("insufficient_funds", 0, false));
        assertThat(confirm(customer(payer), id, 200)).isEqualTo("failed");
        get(merchant, id).body("failure_code", equalTo("insufficient_funds"));
    }

    @Test
    void cancelAfterAuthorisationVoidsTheHold() {
        String id = create(merchant, 1000, payer, "wallet", "manual");
        wallet.script(id, Script.NORMAL);
        confirm(customer(payer), id, 200);
        as(merchant)
                .body("{\"cancellation_reason\":\"abandoned\"}")
                .post("/v1/payment_intents/" + id + "/cancel")
                .then()
                .statusCode(200)
                .body("status", equalTo("canceled"))
                .body("cancellation_reason", equalTo("abandoned"));
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(
                        () -> assertThat(wallet.commandTypes(id)).containsExactly("hold.place.v1", "hold.void.v1"));
        as(merchant)
                .body("{}")
                .post("/v1/payment_intents/" + id + "/capture")
                .then()
                .statusCode(409)
                .body("payment_intent_status", equalTo("canceled"));
    }

    @Test
    void aLateAnswerLeavesTheConfirmProcessingAndCompletesThePaymentLater() {
        String id = create(merchant, 1000, payer, "wallet", "automatic");
        wallet.script(id, new Script(null, 3500, false));
        long start = System.nanoTime();
        assertThat(confirm(customer(payer), id, 200)).isEqualTo("processing");
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .as("bounded wait")
                .isLessThan(Duration.ofMillis(3400));
        as(merchant)
                .body("{}")
                .post("/v1/payment_intents/" + id + "/cancel")
                .then()
                .statusCode(409)
                .body("payment_intent_status", equalTo("processing"));
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> get(merchant, id).body("status", equalTo("succeeded")));
    }

    @Test
    void aLostAnswerIsRecoveredByResendingTheSameCommand() {
        String id = create(merchant, 1000, payer, "wallet", "manual");
        wallet.script(id, new Script(null, 0, true));
        assertThat(confirm(customer(payer), id, 200)).isEqualTo("processing");
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> get(merchant, id).body("status", equalTo("requires_capture")));
        var ids = wallet.commands(id).stream()
                .map(c -> c.path("id").asText())
                .distinct()
                .toList();
        assertThat(ids).as("the same command was sent again, not a new one").hasSize(1);
        assertThat(wallet.commands(id)).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void severalRefundsNeverMoreThanCaptured() {
        String id = create(merchant, 1000, payer, "wallet", "automatic");
        wallet.script(id, Script.NORMAL);
        assertThat(confirm(customer(payer), id, 200)).isEqualTo("succeeded");
        String first = as(merchant)
                .body("{\"amount\":300}")
                .post("/v1/payment_intents/" + id + "/refunds")
                .then()
                .statusCode(201)
                .body("status", equalTo("pending"))
                .extract()
                .path("id");
        as(merchant)
                .body("{\"amount\":800}")
                .post("/v1/payment_intents/" + id + "/refunds")
                .then()
                .statusCode(400);
        as(merchant)
                .body("{}")
                .post("/v1/payment_intents/" + id + "/refunds")
                .then()
                .statusCode(201)
                .body("amount", equalTo(700));
        as(merchant)
                .body("{\"amount\":1}")
                .post("/v1/payment_intents/" + id + "/refunds")
                .then()
                .statusCode(400);
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> as(merchant)
                        .get("/v1/payment_intents/" + id + "/refunds")
                        .then()
                        .statusCode(200)
                        .body("status", org.hamcrest.Matchers.everyItem(equalTo("succeeded")))
                        .body("size()", equalTo(2)));
        assertThat(as(merchant)
                        .get("/v1/payment_intents/" + id + "/refunds")
                        .then()
                        .extract()
                        .jsonPath()
                        .getList("id"))
                .contains(first);
        get(merchant, id).body("amount_refunded", equalTo(1000));
        assertThat(wallet.commandTypes(id))
                .as("refunds of a one-step capture")
                .containsExactly("hold.place.v1", "refund.v1", "refund.v1");
    }
}

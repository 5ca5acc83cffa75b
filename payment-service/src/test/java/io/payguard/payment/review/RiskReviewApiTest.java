package io.payguard.payment.review;

import static io.payguard.payment.Api.as;
import static io.payguard.payment.Api.create;
import static io.payguard.payment.Api.customer;
import static io.payguard.payment.Api.get;
import static io.payguard.payment.Api.merchant;
import static io.payguard.payment.PaymentFacts.facts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.payguard.payment.Api;
import io.payguard.payment.CapturingScaNotifier;
import io.payguard.payment.FakeWallet;
import io.payguard.payment.FakeWallet.Script;
import io.payguard.payment.adapter.out.acquirer.SimulatedAcquirer;
import io.payguard.platform.testing.LocalKafka;
import io.payguard.platform.testing.PayGuardTestInfrastructure;
import io.payguard.platform.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.ValidatableResponse;

/**
 * Risk review from the outside (issue 13 item 6). The test profile reviews every payment above 4,000,000 minor units
 * ({@code payguard.risk.review.above}, rule {@code review_threshold}; no other test pays that much without being
 * declined), so 4,500,000 goes to review. It is above the SCA threshold too: the customer authenticates first (wallet
 * code, card 3-D Secure), then the payment goes to review. Wallet payments (wallet played by {@link FakeWallet} on the broker) and card payments
 * (simulated acquirer) end in {@code requires_review} with the funds held and nothing captured; an operator's
 * approval captures once, a decline releases; an expired review is released by the job; merchants and customers
 * cannot decide; every decision is audited with who and why.
 */
@QuarkusTest
@QuarkusTestResource(value = PayGuardTestInfrastructure.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class RiskReviewApiTest {

    static final long REVIEWED = 4_500_000;
    static FakeWallet wallet;

    @Inject
    SimulatedAcquirer acquirer;

    @Inject
    AgroalDataSource db;

    final String merchant = merchant("merchant-" + UUID.randomUUID());
    final String payer = "cust-" + UUID.randomUUID();
    final String operatorSubject = "otto-" + UUID.randomUUID();
    final String operator = TestTokens.token(operatorSubject, Api.AUDIENCE, "operator");
    final String compliance = TestTokens.token("cora-" + UUID.randomUUID(), Api.AUDIENCE, "compliance-officer");

    @BeforeAll
    static void startWallet() {
        wallet = new FakeWallet();
    }

    @AfterAll
    static void stopWallet() throws Exception {
        wallet.close();
    }

    String walletPaymentInReview(String capture) {
        String id = create(merchant, REVIEWED, payer, "wallet", capture);
        wallet.script(id, Script.NORMAL);
        // strong authentication first (the amount is above the SCA threshold too); the review does not skip it
        as(customer(payer))
                .body("{}")
                .post("/v1/payment_intents/" + id + "/confirm")
                .then()
                .statusCode(200)
                .body("status", equalTo("requires_action"));
        assertThat(wallet.commands(id)).isEmpty();
        // requires_review once the wallet holds the funds, within the confirm wait; on a slow machine processing first;
        // never succeeded
        String status = authenticate(id)
                .statusCode(200)
                .body("amount_received", equalTo(0))
                .extract()
                .path("status");
        assertThat(status).isIn("requires_review", "processing");
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> get(merchant, id).body("status", equalTo("requires_review")));
        return id;
    }

    ValidatableResponse authenticate(String id) {
        String code = CapturingScaNotifier.LAST_CODE.get(id);
        assertThat(code).matches("\\d{6}");
        return as(customer(payer))
                .body(Map.of("code", code))
                .post("/v1/payment_intents/" + id + "/authenticate")
                .then();
    }

    ValidatableResponse decide(String token, String id, String decision, String reason, String key) {
        var request = as(token);
        if (key != null) {
            request = request.header("Idempotency-Key", key);
        }
        return request.body(reason == null ? Map.of() : Map.of("reason", reason))
                .post("/v1/payment_reviews/" + id + "/" + decision)
                .then();
    }

    /** Every page of the queue, following next_cursor; the payment ids in order. */
    List<String> queue(String token) {
        var ids = new ArrayList<String>();
        String cursor = null;
        do {
            var request = as(token).queryParam("limit", 2);
            if (cursor != null) {
                request = request.queryParam("cursor", cursor);
            }
            var page = request.get("/v1/payment_reviews").then().statusCode(200).extract();
            ids.addAll(page.path("data.payment_intent"));
            cursor = page.path("next_cursor");
        } while (cursor != null);
        return ids;
    }

    @Test
    void aWalletPaymentInReviewIsHeldNotCapturedAndAnApprovalCapturesItOnce() throws Exception {
        String id = walletPaymentInReview("automatic");
        // the hold alone: no one-step capture flag, nothing else sent
        assertThat(wallet.commandTypes(id)).containsExactly("hold.place.v1");
        assertThat(wallet.commands(id).get(0).path("data").has("capture")).isFalse();
        get(merchant, id)
                .statusCode(200)
                .body("status", equalTo("requires_review"))
                .body("amount_received", equalTo(0));
        as(merchant)
                .body("{}")
                .post("/v1/payment_intents/" + id + "/capture")
                .then()
                .statusCode(409)
                .body("payment_intent_status", equalTo("requires_review"));

        // in the queue, masked: ids, merchant, amount, the rule that fired and why
        var row = as(operator)
                .queryParam("limit", 100)
                .get("/v1/payment_reviews")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(queue(operator)).contains(id);
        int at = row.getList("data.payment_intent").indexOf(id);
        assertThat(at).isNotNegative();
        {
            assertThat(row.getList("data[" + at + "].rules.id"))
                    .containsExactlyInAnyOrder("review_threshold", "sca_threshold");
            assertThat(row.getList("data[" + at + "].rules.reason")).contains("amount above the review threshold");
            assertThat(row.getLong("data[" + at + "].amount")).isEqualTo(REVIEWED);
            assertThat(row.getMap("data[" + at + "]")).doesNotContainKeys("customer", "description", "metadata");
        }

        // merchants and customers cannot decide; a decision needs a key and a reason without card data
        String key = "approve-" + UUID.randomUUID();
        decide(merchant, id, "approve", "looks fine", key).statusCode(403);
        decide(customer(payer), id, "approve", "looks fine", key).statusCode(403);
        as(merchant).get("/v1/payment_reviews").then().statusCode(403);
        decide(operator, id, "approve", "looks fine", null)
                .statusCode(400)
                .body("code", equalTo("idempotency_key_required"));
        decide(operator, id, "approve", null, key).statusCode(400).body("code", equalTo("invalid_request"));
        decide(operator, id, "approve", "card 4242 4242 4242 4242", key)
                .statusCode(400)
                .body("code", equalTo("card_data_in_free_text"));
        decide(operator, id, "approve", "x".repeat(501), key).statusCode(400);
        assertThat(wallet.commandTypes(id)).containsExactly("hold.place.v1");

        decide(operator, id, "approve", "known customer, called back", key)
                .statusCode(200)
                .body("decision", equalTo("approved"))
                .body("status", equalTo("succeeded"));
        get(merchant, id).body("status", equalTo("succeeded")).body("amount_received", equalTo((int) REVIEWED));
        // a retry replays; another decision is refused with the state reached
        decide(operator, id, "approve", "known customer, called back", key)
                .statusCode(200)
                .header("Idempotent-Replayed", "true");
        decide(operator, id, "decline", "changed my mind", "decline-" + UUID.randomUUID())
                .statusCode(409)
                .body("payment_intent_status", equalTo("succeeded"));
        assertThat(wallet.commandTypes(id)).containsExactly("hold.place.v1", "hold.capture.v1");
        assertThat(queue(operator)).doesNotContain(id);

        var facts = facts(id, "captured");
        assertThat(facts)
                .containsSubsequence(
                        "created", "risk_decision", "authorised", "review_opened", "review_closed", "captured");
        assertThat(facts.stream().filter("captured"::equals)).hasSize(1);
        assertThat(audit(id, "payment_review.approve"))
                .anyMatch(r -> r.contains("\"outcome\":\"success\"")
                        && r.contains(operatorSubject)
                        && r.contains("\"operator\""));
        assertThat(reviewRow(id)).isEqualTo("approved|" + operatorSubject + "|known customer, called back");
    }

    @Test
    void aDeclineReleasesTheHoldAndFailsThePayment() {
        String id = walletPaymentInReview("automatic");
        decide(compliance, id, "decline", "mule account pattern", "decline-" + UUID.randomUUID())
                .statusCode(200)
                .body("status", equalTo("failed"))
                .body("failure_code", equalTo("review_declined"));
        get(merchant, id)
                .body("status", equalTo("failed"))
                .body("failure_code", equalTo("review_declined"))
                .body("amount_received", equalTo(0));
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(
                        () -> assertThat(wallet.commandTypes(id)).containsExactly("hold.place.v1", "hold.void.v1"));
        assertThat(facts(id, "failed"))
                .containsSubsequence("review_opened", "review_closed", "failed")
                .doesNotContain("captured");
        assertThat(audit(id, "payment_review.decline"))
                .anyMatch(r -> r.contains("\"outcome\":\"success\"") && r.contains("compliance-officer"));
    }

    @Test
    void anApprovedManualCapturePaymentGoesBackToItsMerchantAndACancelInReviewReleases() throws Exception {
        String manual = walletPaymentInReview("manual");
        decide(operator, manual, "approve", "ok", "approve-" + UUID.randomUUID())
                .statusCode(200)
                .body("status", equalTo("requires_capture"));
        assertThat(wallet.commandTypes(manual)).containsExactly("hold.place.v1");
        as(merchant)
                .body("{}")
                .post("/v1/payment_intents/" + manual + "/capture")
                .then()
                .statusCode(200)
                .body("status", equalTo("succeeded"));

        String canceled = walletPaymentInReview("automatic");
        as(merchant)
                .body(Map.of("cancellation_reason", "requested_by_customer"))
                .post("/v1/payment_intents/" + canceled + "/cancel")
                .then()
                .statusCode(200)
                .body("status", equalTo("canceled"));
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() ->
                        assertThat(wallet.commandTypes(canceled)).containsExactly("hold.place.v1", "hold.void.v1"));
        assertThat(queue(operator)).doesNotContain(canceled);
        assertThat(reviewRow(canceled)).isEqualTo("canceled||");
    }

    @Test
    void aCardPaymentInReviewIsAuthorisedNotCapturedThenApprovedOrDeclinedAtTheAcquirer() {
        String token = as(customer(payer))
                .body(Map.of("number", "4242424242424242", "exp_month", 12, "exp_year", 2031))
                .post("/v1/tokens")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String approved = cardPayment(token);
        assertThat(acquirer.authorisations(approved)).isEqualTo(1);
        assertThat(acquirer.captured(approved)).isZero();
        decide(operator, approved, "approve", "verified with the cardholder", "approve-" + UUID.randomUUID())
                .statusCode(200)
                .body("status", equalTo("succeeded"));
        assertThat(acquirer.captured(approved)).isEqualTo(REVIEWED);
        get(merchant, approved).body("amount_received", equalTo((int) REVIEWED));

        String declined = cardPayment(token);
        decide(operator, declined, "decline", "card testing pattern", "decline-" + UUID.randomUUID())
                .statusCode(200)
                .body("failure_code", equalTo("review_declined"));
        assertThat(acquirer.reversed(declined)).isTrue();
        assertThat(acquirer.captured(declined)).isZero();
    }

    String cardPayment(String token) {
        String id = as(merchant)
                .body(Map.of("amount", REVIEWED, "currency", "USD", "customer", payer, "payment_method_type", "card"))
                .post("/v1/payment_intents")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        var confirm = Map.of("payment_method", token, "cvc", "123");
        // 3-D Secure first (the amount is above the SCA threshold), then confirmed again with the card: authorised,
        // held for review
        as(merchant)
                .body(confirm)
                .post("/v1/payment_intents/" + id + "/confirm")
                .then()
                .statusCode(200)
                .body("status", equalTo("requires_action"))
                .body("next_action.type", equalTo("three_d_secure"));
        authenticate(id).statusCode(200).body("status", equalTo("requires_confirmation"));
        assertThat(acquirer.authorisations(id)).isZero();
        as(merchant)
                .body(confirm)
                .post("/v1/payment_intents/" + id + "/confirm")
                .then()
                .statusCode(200)
                .body("status", equalTo("requires_review"));
        return id;
    }

    @Test
    void anUnreviewedPaymentExpiresAndIsReleased() throws Exception {
        String walletPayment = walletPaymentInReview("automatic");
        String token = as(customer(payer))
                .body(Map.of("number", "4242424242424242", "exp_month", 12, "exp_year", 2031))
                .post("/v1/tokens")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String cardPayment = cardPayment(token);
        String fresh = walletPaymentInReview("automatic");
        // the test profile keeps the production TTL (24 h) so that no other test races the job: these two reviews are
        // made older than it instead; the job runs every second
        try (var c = db.getConnection();
                var st = c.prepareStatement(
                        "UPDATE payment_review SET expires_at = now() - interval '1 second' WHERE payment_id IN (?, ?)")) {
            st.setString(1, walletPayment);
            st.setString(2, cardPayment);
            assertThat(st.executeUpdate()).isEqualTo(2);
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            get(merchant, walletPayment)
                    .body("status", equalTo("failed"))
                    .body("failure_code", equalTo("review_expired"));
            get(merchant, cardPayment)
                    .body("status", equalTo("failed"))
                    .body("failure_code", equalTo("review_expired"));
        });
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(wallet.commandTypes(walletPayment))
                        .containsExactly("hold.place.v1", "hold.void.v1"));
        assertThat(acquirer.reversed(cardPayment)).isTrue();
        assertThat(acquirer.captured(cardPayment)).isZero();
        assertThat(reviewRow(walletPayment)).isEqualTo("expired||");
        get(merchant, fresh).body("status", equalTo("requires_review"));
        as(operator)
                .queryParam("limit", 100)
                .get("/v1/payment_reviews")
                .then()
                .statusCode(200)
                .body("data.payment_intent", not(hasItem(walletPayment)))
                .body("data.payment_intent", hasItem(fresh));
        decide(operator, walletPayment, "approve", "too late", "approve-" + UUID.randomUUID())
                .statusCode(409);
    }

    @Test
    void theQueueIsOldestFirstAcrossPagesAndRefusesABadCursor() {
        String first = walletPaymentInReview("automatic");
        String second = walletPaymentInReview("automatic");
        var all = queue(operator);
        assertThat(all).containsSubsequence(first, second);
        assertThat(all).doesNotHaveDuplicates();
        as(operator)
                .queryParam("cursor", "bm90LWEtY3Vyc29y")
                .get("/v1/payment_reviews")
                .then()
                .statusCode(400);
        as(operator).queryParam("limit", 0).get("/v1/payment_reviews").then().statusCode(400);
        as(compliance).get("/v1/payment_reviews").then().statusCode(200);
        as(customer(payer)).get("/v1/payment_reviews").then().statusCode(403);
    }

    String reviewRow(String id) throws java.sql.SQLException {
        try (var c = db.getConnection();
                var st = c.prepareStatement(
                        "SELECT outcome || '|' || coalesce(reviewer, '') || '|' || coalesce(reason, '') FROM payment_review "
                                + "WHERE payment_id = ?")) {
            st.setString(1, id);
            try (var rs = st.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1);
            }
        }
    }

    static List<String> audit(String id, String action) {
        String object = "\"objectId\":\"" + id + "\"";
        java.util.function.Function<
                        List<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>>, List<String>>
                ofObject = read -> read.stream()
                .map(r -> r.value())
                .filter(v -> v.contains(object))
                .toList();
        return ofObject.apply(LocalKafka.read(
                "audit.records",
                read -> ofObject.apply(read).stream().anyMatch(r -> r.contains("\"action\":\"" + action + "\"")),
                Duration.ofSeconds(20)));
    }
}

package io.payguard.e2e;

import static io.payguard.e2e.Funding.idempotent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Issue 13, item 6 against the running suite: a risk decision {@code review} means review. {@code ./dev} sets
 * {@code payguard.risk.review.above} to 4,000,000 minor units (payment-service README, "Risk review"), so a card payment
 * just above it is authorised (after the customer's 3-D Secure, the SCA rule asks for it too) but not captured, waits in
 * {@code requires_review}, appears in the operator queue, and only a real operator's approval (otto, logged in through
 * Keycloak) captures it; a decline releases it. A customer cannot decide.
 */
class RiskReviewIT {

    private static final long ABOVE_REVIEW = 4_000_100;
    private final Http http = new Http();
    private final Funding funding = new Funding();
    private final String intents = Stack.serviceUrl("payment") + "/v1/payment_intents";
    private final Map<String, String> merchant = Map.of(
            "Authorization",
            "Bearer " + Keycloak.clientCredentials("demo-merchant-b", Stack.get("PAYGUARD_MERCHANT_B_SECRET")));

    /** A card payment above the review threshold, through 3-D Secure; returns the payment once it waits for review. */
    private JsonNode paymentInReview(Keycloak.DpopSession customer, String subject) throws Exception {
        String token = funding.tokenise(customer, Funding.approvedCard());
        var created = http.send(
                "POST",
                intents,
                idempotent(merchant),
                Map.of(
                        "amount",
                        ABOVE_REVIEW,
                        "currency",
                        "CNY",
                        "customer",
                        subject,
                        "payment_method_type",
                        "card",
                        "capture_method",
                        "automatic",
                        "description",
                        "e2e review"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asText();
        var confirmed = http.send(
                "POST",
                intents + "/" + id + "/confirm",
                idempotent(merchant),
                Map.of("payment_method_type", "card", "payment_method", token, "cvc", "123"));
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        assertThat(confirmed.json().get("status").asText()).as(confirmed.body()).isEqualTo("requires_action");
        String code = await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> PaymentsIT.codeFromLog(id), c -> c != null);
        String authenticate = Stack.serviceUrl("payment")
                + confirmed.json().get("next_action").get("authenticate_url").asText();
        var authenticated = http.send(
                "POST", authenticate, idempotent(customer.headers("POST", authenticate)), Map.of("code", code));
        assertThat(authenticated.status()).as(authenticated.body()).isEqualTo(200);
        var again = http.send(
                "POST",
                intents + "/" + id + "/confirm",
                idempotent(merchant),
                Map.of("payment_method_type", "card", "payment_method", token, "cvc", "123"));
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        var held = new JsonNode[1];
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> {
                    held[0] =
                            http.send("GET", intents + "/" + id, merchant, null).json();
                    assertThat(held[0].get("status").asText())
                            .as(held[0].toString())
                            .isEqualTo("requires_review");
                });
        assertThat(held[0].get("amount_received").asLong())
                .as("nothing captured before the review")
                .isZero();
        // the merchant cannot capture around the review
        var capture = http.send("POST", intents + "/" + id + "/capture", idempotent(merchant), Map.of());
        assertThat(capture.status()).as(capture.body()).isEqualTo(409);
        return held[0];
    }

    private boolean queued(Keycloak.DpopSession operator, String id) {
        String cursor = null;
        for (int page = 0; page < 20; page++) {
            String url = Stack.serviceUrl("payment") + "/v1/payment_reviews?limit=100"
                    + (cursor == null ? "" : "&cursor=" + cursor);
            var r = http.send("GET", url, operator.headers("GET", url), null);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            for (var q : r.json().get("data")) {
                if (id.equals(q.get("payment_intent").asText())) {
                    assertThat(q.toString())
                            .as("masked: no customer in the queue")
                            .doesNotContain("customer");
                    return true;
                }
            }
            if (!r.json().get("has_more").asBoolean()) {
                return false;
            }
            cursor = r.json().get("next_cursor").asText();
        }
        return false;
    }

    @Test
    void aPaymentInReviewIsCapturedOnlyWhenAnOperatorApprovesAndReleasedWhenOneDeclines() throws Exception {
        String name = "review-" + UUID.randomUUID().toString().substring(0, 8);
        Keycloak.ensureCustomer(name);
        var customer = Keycloak.customerSession(name);
        String me = Stack.serviceUrl("payment") + "/v1/me";
        String subject = http.send("GET", me, customer.headers("GET", me), null)
                .json()
                .get("subject")
                .asText();
        var operator = Keycloak.customerSession("otto");

        String approved = paymentInReview(customer, subject).get("id").asText();
        assertThat(queued(operator, approved)).as("in the operator queue").isTrue();
        String approve = Stack.serviceUrl("payment") + "/v1/payment_reviews/" + approved + "/approve";
        var byCustomer = http.send(
                "POST", approve, idempotent(customer.headers("POST", approve)), Map.of("reason", "looks fine to me"));
        assertThat(byCustomer.status()).as(byCustomer.body()).isEqualTo(403);
        var noReason = http.send("POST", approve, idempotent(operator.headers("POST", approve)), Map.of());
        assertThat(noReason.status()).as(noReason.body()).isEqualTo(400);
        var ok = http.send(
                "POST",
                approve,
                idempotent(operator.headers("POST", approve)),
                Map.of("reason", "customer called, known purchase"));
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> {
                    var p = http.send("GET", intents + "/" + approved, merchant, null)
                            .json();
                    assertThat(p.get("status").asText()).isEqualTo("succeeded");
                    assertThat(p.get("amount_received").asLong()).isEqualTo(ABOVE_REVIEW);
                });
        assertThat(queued(operator, approved)).as("decided: out of the queue").isFalse();

        String declined = paymentInReview(customer, subject).get("id").asText();
        String decline = Stack.serviceUrl("payment") + "/v1/payment_reviews/" + declined + "/decline";
        var no = http.send(
                "POST",
                decline,
                idempotent(operator.headers("POST", decline)),
                Map.of("reason", "card reported by issuer"));
        assertThat(no.status()).as(no.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> {
                    var p = http.send("GET", intents + "/" + declined, merchant, null)
                            .json();
                    assertThat(p.get("status").asText()).isEqualTo("failed");
                    assertThat(p.get("failure_code").asText()).isEqualTo("review_declined");
                    assertThat(p.get("amount_received").asLong()).isZero();
                });
    }
}

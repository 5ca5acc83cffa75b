package io.payguard.e2e;

import static io.payguard.e2e.Funding.idempotent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Payments waiting in the risk review queue: {@code ./dev} sets {@code payguard.risk.review.above} to 4,000,000 minor
 * units, so a card payment just above it is authorised after the customer's 3-D Secure but not captured, and waits in
 * {@code requires_review} (payment-service README, "Risk review"). Used by {@code RiskReviewIT} and the console's
 * browser test.
 */
final class ReviewPayments {

    static final long ABOVE = 4_000_100;

    private static final Http http = new Http();
    private static final Funding funding = new Funding();

    private ReviewPayments() {}

    static String intents() {
        return Stack.serviceUrl("payment") + "/v1/payment_intents";
    }

    /** demo-merchant-b's client-credentials token, as headers. */
    static Map<String, String> merchant() {
        return Map.of(
                "Authorization",
                "Bearer " + Keycloak.clientCredentials("demo-merchant-b", Stack.get("PAYGUARD_MERCHANT_B_SECRET")));
    }

    /** A card payment above the review threshold, through 3-D Secure; returns the payment once it waits for review. */
    static JsonNode paymentInReview(Keycloak.DpopSession customer, String subject) throws Exception {
        var merchant = merchant();
        String token = funding.tokenise(customer, Funding.approvedCard());
        var created = http.send(
                "POST",
                intents(),
                idempotent(merchant),
                Map.of(
                        "amount",
                        ABOVE,
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
                intents() + "/" + id + "/confirm",
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
                intents() + "/" + id + "/confirm",
                idempotent(merchant),
                Map.of("payment_method_type", "card", "payment_method", token, "cvc", "123"));
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        var held = new JsonNode[1];
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> {
                    held[0] = http.send("GET", intents() + "/" + id, merchant, null)
                            .json();
                    assertThat(held[0].get("status").asText())
                            .as(held[0].toString())
                            .isEqualTo("requires_review");
                });
        assertThat(held[0].get("amount_received").asLong())
                .as("nothing captured before the review")
                .isZero();
        // the merchant cannot capture around the review
        var capture = http.send("POST", intents() + "/" + id + "/capture", idempotent(merchant), Map.of());
        assertThat(capture.status()).as(capture.body()).isEqualTo(409);
        return held[0];
    }
}

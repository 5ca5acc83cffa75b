package io.payguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;

import io.payguard.platform.webhooks.WebhookVerificationException;
import io.payguard.platform.webhooks.WebhookVerifier;

/**
 * Webhooks from the outside (issue 16): a payment that succeeds reaches the ./dev demo receiver, which verified its
 * signature; a receiver that fails three times gets the event on a later retry, and the delivery log shows every
 * attempt; after a secret rotation both the old and the new secret verify during the overlap. The test's own receivers
 * listen on 127.0.0.1, which the stack's auth-service may deliver to (./dev sets {@code payguard.webhooks.allow-loopback}
 * for the demo; it is off by default and in production).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebhooksIT {

    private static final Set<String> FINAL = Set.of("succeeded", "failed", "canceled");

    private static final Http http = new Http();
    private static Keycloak.DpopSession payer;
    private static String payerSubject;
    private static Merchants.Merchant merchant;
    private static TestReceiver receiver;
    private static String endpointId;
    private static String secret;

    @BeforeAll
    static void setUp() throws Exception {
        payer = Keycloak.customerSession("alice");
        String me = Stack.serviceUrl("payment") + "/v1/me";
        payerSubject = http.send("GET", me, payer.headers("GET", me), null)
                .json()
                .get("subject")
                .asText();
        String wallets = Stack.serviceUrl("wallet") + "/v1/wallets";
        var opened = http.send("POST", wallets, payer.headers("POST", wallets), Map.of("currency", "CNY"));
        assertThat(opened.status()).as(opened.body()).isIn(200, 201);
        new Funding().topUp(payer, opened.json().get("id").asText(), 10_000, "CNY");
        var otto = Keycloak.customerSession("otto");
        String id = "webhooks-" + UUID.randomUUID().toString().substring(0, 8);
        merchant = Merchants.onboard(id, 100_000_000L, otto, payer, payerSubject);
        receiver = TestReceiver.start();
    }

    @AfterAll
    static void tearDown() {
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    @Order(1)
    void aSucceededPaymentReachesTheDemoMerchantsEndpointSigned() {
        String demoSecret = Stack.get("PAYGUARD_MERCHANT_A_SECRET");
        String token = Keycloak.clientCredentials("demo-merchant-a", demoSecret);
        String paymentId = pay(token, 123);

        JsonNode event = awaitEvent(token, "payment_intent.succeeded", paymentId);
        String eventId = event.get("id").asText();
        String received = Stack.get("WEBHOOK_RECEIVER_URL") + "/received";
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(
                        () -> assertThat(http.get(received, Map.of()).json().findValuesAsText("eventId"))
                                .as("the demo receiver verified and logged %s", eventId)
                                .contains(eventId));
    }

    @Test
    @Order(2)
    void aReceiverThatFailsThreeTimesGetsTheEventOnALaterRetry() {
        String token = merchantToken();
        var created = http.send(
                "POST",
                endpoints(),
                Funding.idempotent(bearer(token)),
                Map.of(
                        "url",
                        receiver.url(),
                        "description",
                        "e2e receiver",
                        "enabledEvents",
                        List.of("payment_intent.succeeded"),
                        "mode",
                        "test"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        endpointId = created.json().get("id").asText();
        secret = created.json().get("secret").asText();
        assertThat(secret).startsWith("whsec_");
        var shown = http.get(endpoints() + "/" + endpointId, bearer(token));
        assertThat(shown.status()).as(shown.body()).isEqualTo(200);
        assertThat(shown.body()).as("the secret is shown once").doesNotContain(secret);

        receiver.failFirst(3);
        String paymentId = pay(token, 250);
        String eventId = awaitEvent(token, "payment_intent.succeeded", paymentId)
                .get("id")
                .asText();

        var delivered = receiver.awaitDelivered(eventId, Duration.ofSeconds(120));
        assertThat(receiver.attempts(eventId))
                .as("three refused attempts, then the delivery")
                .isEqualTo(4);
        verify(delivered, List.of(secret));
        assertThat(delivered.body()).contains(paymentId);

        var log = http.get(endpoints() + "/" + endpointId + "/deliveries", bearer(token));
        assertThat(log.status()).as(log.body()).isEqualTo(200);
        JsonNode delivery = null;
        for (JsonNode d : log.json().get("data")) {
            if (d.toString().contains(eventId)) {
                delivery = d;
            }
        }
        assertThat(delivery)
                .as("the delivery log has the event: %s", log.body())
                .isNotNull();
        assertThat(delivery.toString())
                .as("each attempt with its status: %s", delivery)
                .contains("500")
                .contains("204");
    }

    @Test
    @Order(3)
    void aRotatedSecretVerifiesDuringTheOverlap() {
        String token = merchantToken();
        assertThat(endpointId).as("the endpoint of the previous test").isNotNull();
        receiver.failFirst(0);
        var rotated = http.send(
                "POST",
                endpoints() + "/" + endpointId + "/rotate_secret",
                Funding.idempotent(bearer(token)),
                Map.of("overlapSeconds", 3600));
        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        String newSecret = rotated.json().get("secret").asText();
        assertThat(newSecret).startsWith("whsec_").isNotEqualTo(secret);

        String paymentId = pay(token, 310);
        String eventId = awaitEvent(token, "payment_intent.succeeded", paymentId)
                .get("id")
                .asText();
        var delivered = receiver.awaitDelivered(eventId, Duration.ofSeconds(60));
        verify(delivered, List.of(secret));
        verify(delivered, List.of(newSecret));
        assertThat(delivered.headers().get("webhook-signature").split(" "))
                .as("one signature per valid secret")
                .hasSize(2);
        assertThatThrownBy(() -> new WebhookVerifier(
                                List.of(io.payguard.platform.webhooks.WebhookSigning.newSecret()),
                                Duration.ofMinutes(5),
                                Clock.systemUTC())
                        .verify(delivered.headers(), delivered.bytes()))
                .isInstanceOf(WebhookVerificationException.class);
    }

    private static void verify(TestReceiver.Request request, List<String> secrets) {
        try {
            new WebhookVerifier(secrets, Duration.ofMinutes(5), Clock.systemUTC())
                    .verify(request.headers(), request.bytes());
        } catch (WebhookVerificationException e) {
            throw new AssertionError("signature did not verify: " + e.reason(), e);
        }
    }

    private static String endpoints() {
        return Stack.serviceUrl("auth") + "/v1/webhook_endpoints";
    }

    private static String merchantToken() {
        return Keycloak.clientCredentials(merchant.id(), merchant.secret());
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    /** The merchant's event about {@code objectId}, once the events API has it. */
    private static JsonNode awaitEvent(String token, String type, String objectId) {
        String url = Stack.serviceUrl("auth") + "/v1/events?type=" + type + "&limit=100";
        var found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    var r = http.get(url, bearer(token));
                    assertThat(r.status()).as(r.body()).isEqualTo(200);
                    for (JsonNode e : r.json().get("data")) {
                        if (e.get("data").toString().contains(objectId)) {
                            found[0] = e;
                        }
                    }
                    assertThat(found[0])
                            .as("%s event for %s in %s", type, objectId, r.body())
                            .isNotNull();
                });
        return found[0];
    }

    /** A wallet payment of {@code minor} from the payer to the token's merchant; returns its id once it succeeded. */
    private static String pay(String merchantToken, long minor) {
        String intents = Stack.serviceUrl("payment") + "/v1/payment_intents";
        var created = http.send(
                "POST",
                intents,
                Funding.idempotent(bearer(merchantToken)),
                Map.of(
                        "amount",
                        minor,
                        "currency",
                        "CNY",
                        "customer",
                        payerSubject,
                        "payment_method_type",
                        "wallet",
                        "capture_method",
                        "automatic"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asText();
        String self = intents + "/" + id;
        String confirm = self + "/confirm";
        var confirmed = http.send(
                "POST",
                confirm,
                Funding.idempotent(payer.headers("POST", confirm)),
                Map.of("payment_method_type", "wallet"));
        assertThat(confirmed.status()).as(confirmed.body()).isLessThan(300);
        String status = await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(300))
                .until(
                        () -> http.get(self, bearer(merchantToken))
                                .json()
                                .path("status")
                                .asText(),
                        FINAL::contains);
        assertThat(status).as("payment %s", id).isEqualTo("succeeded");
        return id;
    }
}

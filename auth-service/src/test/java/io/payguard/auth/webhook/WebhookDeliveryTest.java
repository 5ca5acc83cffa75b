package io.payguard.auth.webhook;

import static io.payguard.auth.webhook.WebhookFixtures.JSON;
import static io.payguard.auth.webhook.WebhookFixtures.endpoint;
import static io.payguard.auth.webhook.WebhookFixtures.merchant;
import static io.payguard.auth.webhook.WebhookFixtures.publishCaptured;
import static io.payguard.auth.webhook.WebhookFixtures.token;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.payguard.platform.testing.LocalKafka;
import io.payguard.platform.testing.PayGuardTestInfrastructure;
import io.payguard.platform.webhooks.WebhookVerificationException;
import io.payguard.platform.webhooks.WebhookVerifier;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;

/**
 * Webhooks end to end inside the auth service: a payment fact on payment.events becomes a merchant event, delivered
 * signed to a receiver on 127.0.0.1 (loopback is allowed in the test profile), retried with backoff, redelivered on
 * request, verified with the old and new secret during a rotation's overlap; the same fact twice is one event.
 */
@QuarkusTest
@QuarkusTestResource(value = PayGuardTestInfrastructure.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class WebhookDeliveryTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static TestReceiver receiver;

    @BeforeAll
    static void startReceiver() throws Exception {
        receiver = new TestReceiver();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    private static void verify(TestReceiver.Received request, String... secrets) throws WebhookVerificationException {
        new WebhookVerifier(List.of(secrets), WebhookVerifier.DEFAULT_TOLERANCE, Clock.systemUTC())
                .verify(request.headers(), request.body());
    }

    @Test
    void aCapturedPaymentReachesTheEndpointSignedAndOnceEvenWhenTheFactIsRedelivered() throws Exception {
        String merchant = merchant();
        String path = "/ok/" + merchant;
        String[] endpoint = endpoint(merchant, receiver.url(path), List.of("payment_intent.succeeded"));
        String paymentId = "pi_" + UUID.randomUUID();

        String fact = publishCaptured(merchant, paymentId);
        LocalKafka.send("payment.events", paymentId, fact); // the same CloudEvent again: a redelivery
        await().atMost(WAIT).until(() -> receiver.received(path).size() == 1);

        var request = receiver.received(path).get(0);
        verify(request, endpoint[1]);
        var body = JSON.readTree(request.body());
        assertThat(body.path("type").asText()).isEqualTo("payment_intent.succeeded");
        assertThat(body.path("id").asText())
                .matches("evt_[0-9a-f]{32}")
                .isEqualTo(request.headers().get("webhook-id"));
        assertThat(body.path("data").path("paymentId").asText()).isEqualTo(paymentId);
        assertThat(body.path("data").path("object").asText()).isEqualTo("payment_intent");
        assertThat(body.path("data").path("amount").path("minor").asLong()).isEqualTo(1000);

        // a later fact proves the duplicate was consumed (in order, same partition) without a second event
        String marker = "pi_" + UUID.randomUUID();
        publishCaptured(merchant, marker);
        await().atMost(WAIT).until(() -> receiver.received(path).size() == 2);
        assertThat(JSON.readTree(receiver.received(path).get(1).body())
                        .path("data")
                        .path("paymentId")
                        .asText())
                .isEqualTo(marker);
        given().auth()
                .oauth2(token(merchant))
                .get("/v1/events")
                .then()
                .statusCode(200)
                .body("data", hasSize(2))
                .body("data[1].id", equalTo(body.path("id").asText()));
        given().auth()
                .oauth2(token(merchant))
                .get("/v1/events/" + body.path("id").asText())
                .then()
                .statusCode(200)
                .body("data.paymentId", equalTo(paymentId));
        given().auth()
                .oauth2(token(merchant))
                .get("/v1/webhook_endpoints/" + endpoint[0] + "/deliveries")
                .then()
                .statusCode(200)
                .body("data", hasSize(2))
                .body("data[1].status", equalTo("delivered"))
                .body("data[1].log", hasSize(1))
                .body("data[1].log[0].outcome", equalTo("delivered"))
                .body("data[1].log[0].statusCode", equalTo(200))
                .body("data[1].log[0].responseExcerpt", equalTo("ok"));
    }

    @Test
    void aReceiverFailingThreeTimesGetsTheEventOnTheFourthAttempt() {
        String merchant = merchant();
        String path = "/flaky/3/" + merchant;
        String[] endpoint = endpoint(merchant, receiver.url(path), List.of("*"));
        publishCaptured(merchant, "pi_" + UUID.randomUUID());

        await().atMost(WAIT).until(() -> receiver.received(path).size() == 4);
        var log = given().auth()
                .oauth2(token(merchant))
                .get("/v1/webhook_endpoints/" + endpoint[0] + "/deliveries")
                .then()
                .statusCode(200)
                .body("data", hasSize(1))
                .body("data[0].status", equalTo("delivered"))
                .body("data[0].attempts", equalTo(4))
                .body("data[0].log", hasSize(4))
                .extract()
                .jsonPath();
        assertThat(log.getList("data[0].log.outcome")).containsExactly("failed", "failed", "failed", "delivered");
        assertThat(log.getList("data[0].log.statusCode")).containsExactly(500, 500, 500, 200);
        assertThat(log.getList("data[0].log.failure"))
                .containsExactly("http_status", "http_status", "http_status", null);
        assertThat(log.getList("data[0].log.responseExcerpt", String.class).get(0))
                .hasSizeLessThanOrEqualTo(200);
        // every attempt carried the same event id, so the receiver can de-duplicate
        assertThat(receiver.received(path).stream()
                        .map(r -> r.headers().get("webhook-id"))
                        .distinct())
                .hasSize(1);
    }

    @Test
    void duringARotationsOverlapBothSecretsVerifyAndAfterItOnlyTheNew() throws Exception {
        String merchant = merchant();
        String path = "/ok/" + merchant;
        String[] endpoint = endpoint(merchant, receiver.url(path), List.of("payment_intent.succeeded"));
        String oldSecret = endpoint[1];
        String newSecret = given().auth()
                .oauth2(token(merchant))
                .contentType(ContentType.JSON)
                .body(Map.of("overlapSeconds", 3600))
                .post("/v1/webhook_endpoints/" + endpoint[0] + "/rotate_secret")
                .then()
                .statusCode(200)
                .header("Cache-Control", "no-store")
                .body("previousSecretExpiresAt", not(nullValue()))
                .extract()
                .path("secret");
        assertThat(newSecret).startsWith("whsec_").isNotEqualTo(oldSecret);

        publishCaptured(merchant, "pi_" + UUID.randomUUID());
        await().atMost(WAIT).until(() -> receiver.received(path).size() == 1);
        var during = receiver.received(path).get(0);
        verify(during, oldSecret);
        verify(during, newSecret);

        // the overlap ends: a rotation with no overlap leaves only the newest secret signing
        String newest = given().auth()
                .oauth2(token(merchant))
                .contentType(ContentType.JSON)
                .body(Map.of("overlapSeconds", 0))
                .post("/v1/webhook_endpoints/" + endpoint[0] + "/rotate_secret")
                .then()
                .statusCode(200)
                .body("previousSecretExpiresAt", nullValue())
                .extract()
                .path("secret");
        publishCaptured(merchant, "pi_" + UUID.randomUUID());
        await().atMost(WAIT).until(() -> receiver.received(path).size() == 2);
        var after = receiver.received(path).get(1);
        verify(after, newest);
        assertThatThrownBy(() -> verify(after, newSecret)).isInstanceOf(WebhookVerificationException.class);
        assertThatThrownBy(() -> verify(after, oldSecret)).isInstanceOf(WebhookVerificationException.class);
        assertThat(after.headers().get("webhook-signature")).doesNotContain(" ");
    }

    @Test
    void aDeliveryCanBeRedeliveredOnRequest() {
        String merchant = merchant();
        String path = "/ok/" + merchant;
        String[] endpoint = endpoint(merchant, receiver.url(path), List.of("*"));
        publishCaptured(merchant, "pi_" + UUID.randomUUID());
        await().atMost(WAIT).until(() -> receiver.received(path).size() == 1);
        String delivery = given().auth()
                .oauth2(token(merchant))
                .get("/v1/webhook_endpoints/" + endpoint[0] + "/deliveries")
                .then()
                .extract()
                .path("data[0].id");
        await().atMost(WAIT)
                .until(() -> given().auth()
                                .oauth2(token(merchant))
                                .post("/v1/webhook_endpoints/" + endpoint[0] + "/deliveries/" + delivery + "/redeliver")
                                .then()
                                .extract()
                                .statusCode()
                        == 200);
        await().atMost(WAIT).until(() -> receiver.received(path).size() == 2);
        assertThat(receiver.received(path).get(1).headers().get("webhook-id"))
                .isEqualTo(receiver.received(path).get(0).headers().get("webhook-id"));
        await().atMost(WAIT)
                .untilAsserted(() -> given().auth()
                        .oauth2(token(merchant))
                        .get("/v1/webhook_endpoints/" + endpoint[0] + "/deliveries")
                        .then()
                        .body("data[0].status", equalTo("delivered"))
                        .body("data[0].log", hasSize(2)));
        given().auth()
                .oauth2(token(merchant))
                .post("/v1/webhook_endpoints/" + endpoint[0] + "/deliveries/wd_" + "0".repeat(24) + "/redeliver")
                .then()
                .statusCode(404);
    }

    @Test
    void apiKeyLifecycleFactsReachTheMerchantsEndpoint() {
        String merchant = merchant();
        String path = "/ok/" + merchant;
        endpoint(merchant, receiver.url(path), List.of("api_key.created"));
        String keyId = given().auth()
                .oauth2(token(merchant))
                .contentType(ContentType.JSON)
                .body(Map.of("kind", "secret", "mode", "test"))
                .post("/v1/api-keys")
                .then()
                .statusCode(201)
                .extract()
                .path("key.id");
        await().atMost(WAIT).until(() -> receiver.received(path).size() == 1);
        String body = receiver.received(path).get(0).text();
        assertThat(body).contains("\"type\":\"api_key.created\"", keyId, "\"mode\":\"test\"");
        assertThat(body).doesNotContain("secretHash", "\"actor\"");
    }
}

package io.payguard.auth.webhook;

import static io.payguard.auth.webhook.WebhookFixtures.JSON;
import static io.payguard.auth.webhook.WebhookFixtures.endpoint;
import static io.payguard.auth.webhook.WebhookFixtures.merchant;
import static io.payguard.auth.webhook.WebhookFixtures.publishCaptured;
import static io.payguard.auth.webhook.WebhookFixtures.token;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.payguard.auth.KafkaRecords;
import io.payguard.platform.messaging.CloudEvent;
import io.payguard.platform.testing.PayGuardTestInfrastructure;
import io.payguard.platform.testing.contracts.EventContracts;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * An endpoint whose every attempt fails for {@code disable-after} (3 s here, 5 days by default) is disabled, the
 * merchant gets {@code webhook_endpoint.disabled} in its events and the audit trail a security event.
 */
@QuarkusTest
@TestProfile(WebhookEndpointDisableTest.ShortDisableAfter.class)
@QuarkusTestResource(value = PayGuardTestInfrastructure.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class WebhookEndpointDisableTest {

    public static class ShortDisableAfter implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "payguard.webhooks.disable-after", "PT3S",
                    "payguard.webhooks.retry.initial-delay", "PT0.2S",
                    "payguard.webhooks.retry.max-delay", "PT0.5S");
        }
    }

    private static TestReceiver receiver;

    @BeforeAll
    static void startReceiver() throws Exception {
        receiver = new TestReceiver();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @Test
    void anEndpointFailingForDisableAfterIsDisabledAndTheMerchantAndTheAuditTrailAreTold() throws Exception {
        String merchant = merchant();
        String path = "/fail/" + merchant;
        String id = endpoint(merchant, receiver.url(path), List.of("*"))[0];
        publishCaptured(merchant, "pi_" + UUID.randomUUID());

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().auth()
                        .oauth2(token(merchant))
                        .get("/v1/webhook_endpoints/" + id)
                        .then()
                        .body("status", equalTo("disabled"))
                        .body("disabledReason", equalTo("failing")));
        int attempts = receiver.received(path).size();
        assertThat(attempts).isGreaterThan(1);

        given().auth()
                .oauth2(token(merchant))
                .get("/v1/events?type=webhook_endpoint.disabled")
                .then()
                .statusCode(200)
                .body("data", hasSize(1))
                .body("data[0].data.objectId", equalTo(id))
                .body("data[0].data.disabledReason", equalTo("failing"));

        String record = KafkaRecords.await(
                "security.events",
                v -> v.contains("endpoint_disabled") && v.contains(id),
                "the endpoint_disabled security event");
        var event = JSON.readValue(record, CloudEvent.class);
        assertThat(event.type()).isEqualTo("io.payguard.security.webhook.endpoint_disabled.v1");
        EventContracts.assertConforms(event);
        assertThat(record).doesNotContain(receiver.url(path));

        // a disabled endpoint is not given new events: the next one is recorded, with no delivery to it
        publishCaptured(merchant, "pi_" + UUID.randomUUID());
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().auth()
                        .oauth2(token(merchant))
                        .get("/v1/events?type=payment_intent.succeeded")
                        .then()
                        .body("data", hasSize(2)));
        given().auth()
                .oauth2(token(merchant))
                .get("/v1/webhook_endpoints/" + id + "/deliveries")
                .then()
                .statusCode(200)
                .body("data", hasSize(1));
        assertThat(receiver.received(path)).hasSize(attempts);
    }
}

package io.payguard.auth.privacy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.payguard.auth.KeycloakAdminStubs;
import io.payguard.platform.testing.PayGuardTestInfrastructure;
import io.payguard.platform.testing.TestTokens;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWireMock;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Marketing messages: refused 403 consent_required without consent (or after withdrawal), e-mailed with it. */
@QuarkusTest
@QuarkusTestResource(value = PayGuardTestInfrastructure.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class MarketingMessageTest {

    @OidcWireMock
    WireMockServer keycloak;

    @Inject
    MockMailbox mailbox;

    @BeforeEach
    void stubs() {
        KeycloakAdminStubs.serviceAccountToken(keycloak);
        mailbox.clear();
    }

    private static RequestSpecification as(String subject, String role) {
        String audience = ConfigProvider.getConfig().getValue("quarkus.oidc.token.audience", String.class);
        return given().auth().oauth2(TestTokens.token(subject, audience, role)).contentType(ContentType.JSON);
    }

    /** Every service's consent view learns a change from privacy.consents (outbox, relay, topic): within seconds. */
    private static void awaitAnswer(Map<String, String> message, int status) {
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .until(() -> as("op-1", "operator")
                                .body(message)
                                .post("/v1/marketing/messages")
                                .statusCode()
                        == status);
    }

    @Test
    void onlyCustomersWhoConsentedGetMarketing() {
        String grace = UUID.randomUUID().toString();
        keycloak.stubFor(get(urlMatching("(/auth)?/admin/realms/quarkus/users/" + grace))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"id\":\"" + grace + "\",\"email\":\"grace@demo.payguard.invalid\"}")));
        var message = Map.of("customer", grace, "subject", "Winter offers", "body", "Hello!");
        as("op-1", "operator")
                .body(message)
                .post("/v1/marketing/messages")
                .then()
                .statusCode(403)
                .body("code", equalTo("consent_required"))
                .body("detail", org.hamcrest.Matchers.containsString("'marketing'"));

        as(grace, "customer")
                .body(Map.of("purpose", "marketing", "version", 1, "channel", "web"))
                .post("/v1/consents")
                .then()
                .statusCode(201);
        awaitAnswer(message, 202);
        assertThat(mailbox.getMailsSentTo("grace@demo.payguard.invalid")).hasSize(1);
        assertThat(mailbox.getMailsSentTo("grace@demo.payguard.invalid").get(0).getSubject())
                .isEqualTo("Winter offers");

        as(grace, "customer")
                .body(Map.of("channel", "api"))
                .post("/v1/consents/marketing/withdraw")
                .then()
                .statusCode(200);
        awaitAnswer(message, 403);
        assertThat(mailbox.getMailsSentTo("grace@demo.payguard.invalid")).hasSize(1);
        as("op-1", "operator")
                .body(Map.of("customer", "a/b", "subject", "x", "body", "y"))
                .post("/v1/marketing/messages")
                .then()
                .statusCode(400);
        as(grace, "customer")
                .body(message)
                .post("/v1/marketing/messages")
                .then()
                .statusCode(403);
    }
}

package io.payguard.auth.privacy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.payguard.auth.KafkaRecords;
import io.payguard.platform.testing.PayGuardTestInfrastructure;
import io.payguard.platform.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** The consent registry: grants, withdrawals, history with evidence, the refusals, and the events of each change. */
@QuarkusTest
@QuarkusTestResource(value = PayGuardTestInfrastructure.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class ConsentRegistryTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static RequestSpecification as(String subject, String role) {
        String audience = ConfigProvider.getConfig().getValue("quarkus.oidc.token.audience", String.class);
        return given().auth().oauth2(TestTokens.token(subject, audience, role)).contentType(ContentType.JSON);
    }

    @Test
    void purposesAreListedWithTheirLegalBasis() {
        as("op-" + UUID.randomUUID(), "operator")
                .get("/v1/consent_purposes")
                .then()
                .statusCode(200)
                .body("data", hasSize(5))
                .body("data.find { it.id == 'marketing' }.legalBasis", equalTo("consent"))
                .body("data.find { it.id == 'aml_compliance' }.legalBasis", equalTo("legal_obligation"))
                .body(
                        "data.find { it.id == 'share_with_partner_insurer' }.thirdParty",
                        equalTo("Example Insurance Co. (demo)"));
    }

    @Test
    void aCustomerGrantsAndWithdrawsAndTheHistoryKeepsTheEvidence() throws Exception {
        String alice = UUID.randomUUID().toString();
        as(alice, "customer")
                .get("/v1/consents")
                .then()
                .statusCode(200)
                .body("data.find { it.purpose == 'marketing' }.status", equalTo("not_given"))
                .body("data.purpose", hasItem("cross_border_transfer"));

        as(alice, "customer")
                .header("User-Agent", "PayGuardApp/1.0")
                .body(Map.of("purpose", "marketing", "version", 1, "channel", "mobile"))
                .post("/v1/consents")
                .then()
                .statusCode(201)
                .body("status", equalTo("granted"))
                .body("channel", equalTo("mobile"));
        String state = KafkaRecords.await(
                "privacy.consents", r -> r.contains(alice) && r.contains("\"granted\""), "the granted state");
        JsonNode stateEvent = JSON.readTree(state);
        assertThat(stateEvent.path("type").asText()).isEqualTo("io.payguard.privacy.consent.v1");
        assertThat(stateEvent.path("data").path("purpose").asText()).isEqualTo("marketing");

        as(alice, "customer")
                .body(Map.of("channel", "web"))
                .post("/v1/consents/marketing/withdraw")
                .then()
                .statusCode(200)
                .body("status", equalTo("withdrawn"));
        as(alice, "customer")
                .get("/v1/consents")
                .then()
                .body("data.find { it.purpose == 'marketing' }.status", equalTo("withdrawn"));
        as(alice, "customer")
                .get("/v1/consents/history")
                .then()
                .statusCode(200)
                .body("data", hasSize(2))
                .body("data[0].status", equalTo("granted"))
                .body("data[0].textSha256", org.hamcrest.Matchers.matchesPattern("[0-9a-f]{64}"))
                .body("data[0].userAgentSha256", org.hamcrest.Matchers.matchesPattern("[0-9a-f]{64}"))
                .body("data[1].status", equalTo("withdrawn"))
                .body("data[1].channel", equalTo("web"));

        String audit = KafkaRecords.await(
                "security.events",
                r -> r.contains(alice) && r.contains("io.payguard.security.consent.withdrawn.v1"),
                "the withdrawal's audit record");
        JsonNode data = JSON.readTree(audit).path("data");
        assertThat(data.path("purpose").asText()).isEqualTo("marketing");
        assertThat(data.path("actor").path("subject").asText()).isEqualTo(alice);
        io.payguard.platform.testing.contracts.EventContracts.assertConforms(
                "io.payguard.security.consent.withdrawn.v1", data);
    }

    @Test
    void refusalsNameThePurpose() {
        String bob = UUID.randomUUID().toString();
        as(bob, "customer")
                .body(Map.of("purpose", "astrology", "version", 1, "channel", "web"))
                .post("/v1/consents")
                .then()
                .statusCode(400)
                .body("code", equalTo("unknown_purpose"));
        as(bob, "customer")
                .body(Map.of("purpose", "aml_compliance", "version", 1, "channel", "web"))
                .post("/v1/consents")
                .then()
                .statusCode(400)
                .body("code", equalTo("consent_not_applicable"))
                .body("detail", org.hamcrest.Matchers.containsString("aml_compliance"));
        as(bob, "customer")
                .body(Map.of("purpose", "marketing", "version", 7, "channel", "web"))
                .post("/v1/consents")
                .then()
                .statusCode(422)
                .body("code", equalTo("consent_version_outdated"));
        as(bob, "customer")
                .body(Map.of("purpose", "marketing", "version", 1, "channel", "fax"))
                .post("/v1/consents")
                .then()
                .statusCode(400)
                .body("code", equalTo("invalid_channel"));
        as(bob, "customer")
                .body("{\"purpose\": [1], \"version\": \"x\"}")
                .post("/v1/consents")
                .then()
                .statusCode(400);
        as(bob, "customer").body("").post("/v1/consents").then().statusCode(400);
        as(bob, "customer")
                .body(Map.of("channel", "web"))
                .post("/v1/consents/payment_processing/withdraw")
                .then()
                .statusCode(404)
                .body("code", equalTo("consent_not_found"));
        as(bob, "customer")
                .body("{}")
                .post("/v1/consents/" + "x".repeat(300) + "/withdraw")
                .then()
                .statusCode(404);
        as("op-1", "operator")
                .body(Map.of("purpose", "marketing", "version", 1, "channel", "web"))
                .post("/v1/consents")
                .then()
                .statusCode(403);
    }
}

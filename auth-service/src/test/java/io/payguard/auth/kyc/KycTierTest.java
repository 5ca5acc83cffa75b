package io.payguard.auth.kyc;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;

import io.payguard.auth.KafkaRecords;
import io.payguard.auth.KeycloakAdminStubs;
import io.payguard.platform.testing.PayGuardTestInfrastructure;
import io.payguard.platform.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWireMock;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * KYC tier assignment against stubs of Keycloak's admin REST API (contract test; KycTierIT in the e2e suite runs it
 * against the real Keycloak and wallet service). Checks what PayGuard sends to Keycloak (the whole user back, only
 * {@code kyc_tier} changed), the refusals, and the audit record on {@code security.events}.
 */
@QuarkusTest
@QuarkusTestResource(value = PayGuardTestInfrastructure.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class KycTierTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @OidcWireMock
    WireMockServer keycloak;

    @Inject
    io.vertx.mutiny.sqlclient.Pool pool;

    /** The admin API path, with or without the {@code /auth} prefix the OIDC stub server may use. */
    private static com.github.tomakehurst.wiremock.matching.UrlPattern admin(String path) {
        return urlMatching("(/auth)?/admin/realms/quarkus" + java.util.regex.Pattern.quote(path));
    }

    private static String token(String subject, String role) {
        String audience = ConfigProvider.getConfig().getValue("quarkus.oidc.token.audience", String.class);
        return TestTokens.token(subject, audience, role);
    }

    private static RequestSpecification as(String role) {
        return given().auth().oauth2(token(role + "-1", role)).contentType(ContentType.JSON);
    }

    private static Map<String, Object> body(Object tier, String evidenceRef, String reason) {
        var body = new HashMap<String, Object>();
        body.put("tier", tier);
        body.put("evidenceRef", evidenceRef);
        if (reason != null) {
            body.put("reason", reason);
        }
        return body;
    }

    @BeforeEach
    void stubServiceAccountToken() {
        KeycloakAdminStubs.serviceAccountToken(keycloak);
    }

    /** A Keycloak user of that id with the given tier attribute (null: none) and realm roles; its PUT answers 204. */
    private String user(String tier, String... roles) {
        String id = UUID.randomUUID().toString();
        String attributes = "{\"locale\":[\"en\"]" + (tier == null ? "" : ",\"kyc_tier\":[\"" + tier + "\"]") + "}";
        keycloak.stubFor(get(admin("/users/" + id))
                .withHeader("Authorization", WireMock.equalTo("Bearer " + KeycloakAdminStubs.ADMIN_TOKEN))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"id\":\"" + id
                                + "\",\"username\":\"kyc-" + id
                                + "\",\"firstName\":\"Bob\",\"lastName\":\"Customer\",\"email\":\"bob@demo.payguard.invalid\","
                                + "\"emailVerified\":true,\"enabled\":true,\"attributes\":" + attributes + "}")));
        var roleList = new StringBuilder("[{\"name\":\"default-roles-payguard\"},{\"name\":\"offline_access\"}");
        for (String role : roles) {
            roleList.append(",{\"name\":\"").append(role).append("\"}");
        }
        keycloak.stubFor(get(admin("/users/" + id + "/role-mappings/realm/composite"))
                .withHeader("Authorization", WireMock.equalTo("Bearer " + KeycloakAdminStubs.ADMIN_TOKEN))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody(roleList.append("]").toString())));
        keycloak.stubFor(put(admin("/users/" + id))
                .withHeader("Authorization", WireMock.equalTo("Bearer " + KeycloakAdminStubs.ADMIN_TOKEN))
                .willReturn(aResponse().withStatus(204)));
        return id;
    }

    @Test
    void anOperatorRaisesACustomerToTier3AndTheChangeIsAudited() {
        String bob = user("1", "customer");
        given().auth()
                .oauth2(token("otto-sub", "operator"))
                .contentType(ContentType.JSON)
                .body(body(3, "kyc-case-2026-0042", "passport and proof of address verified"))
                .put("/v1/customers/" + bob + "/kyc")
                .then()
                .log()
                .ifValidationFails()
                .statusCode(200)
                .body("subject", equalTo(bob))
                .body("tier", equalTo(3))
                .body("previousTier", equalTo(1))
                .body("changed", equalTo(true))
                .body("walletClass", equalTo("class_iii"));

        // the whole user goes back, only kyc_tier changed: Keycloak replaces the attributes a PUT carries
        keycloak.verify(
                1,
                putRequestedFor(admin("/users/" + bob))
                        .withHeader("Authorization", WireMock.equalTo("Bearer " + KeycloakAdminStubs.ADMIN_TOKEN))
                        .withRequestBody(matchingJsonPath("$.attributes.kyc_tier[0]", WireMock.equalTo("3")))
                        .withRequestBody(matchingJsonPath("$.attributes.kyc_tier.length()", WireMock.equalTo("1")))
                        .withRequestBody(matchingJsonPath("$.attributes.locale[0]", WireMock.equalTo("en")))
                        .withRequestBody(matchingJsonPath("$.firstName", WireMock.equalTo("Bob")))
                        .withRequestBody(matchingJsonPath("$.email", WireMock.equalTo("bob@demo.payguard.invalid")))
                        .withRequestBody(matchingJsonPath("$.enabled", WireMock.equalTo("true"))));

        JsonNode event = awaitSecurityEvent(bob);
        assertThat(event.path("type").asText()).isEqualTo("io.payguard.security.customer.kyc_tier_changed.v1");
        assertThat(event.path("subject").asText()).isEqualTo("customer/" + bob);
        JsonNode data = event.path("data");
        assertThat(data.path("actor").path("subject").asText()).isEqualTo("otto-sub");
        assertThat(data.path("actor").path("roles").toString()).contains("operator");
        assertThat(data.path("action").asText()).isEqualTo("customer.kyc_tier.change");
        assertThat(data.path("objectId").asText()).isEqualTo(bob);
        assertThat(data.path("previousTier").asInt()).isEqualTo(1);
        assertThat(data.path("tier").asInt()).isEqualTo(3);
        assertThat(data.path("changed").asBoolean()).isTrue();
        assertThat(data.path("evidenceRef").asText()).isEqualTo("kyc-case-2026-0042");
        assertThat(data.path("reason").asText()).isEqualTo("passport and proof of address verified");
    }

    @Test
    void aComplianceOfficerDowngradesAndAnAbsentAttributeIsTier1() {
        String alice = user("2", "customer");
        as("compliance-officer")
                .body(body(1, "kyc-review-77", "document expired"))
                .put("/v1/customers/" + alice + "/kyc")
                .then()
                .statusCode(200)
                .body("tier", equalTo(1))
                .body("previousTier", equalTo(2))
                .body("changed", equalTo(true))
                .body("walletClass", equalTo("class_i"));
        keycloak.verify(
                1,
                putRequestedFor(admin("/users/" + alice))
                        .withRequestBody(matchingJsonPath("$.attributes.kyc_tier[0]", WireMock.equalTo("1"))));

        String fresh = user(null, "customer");
        as("operator")
                .body(body(2, "kyc-case-9", null))
                .put("/v1/customers/" + fresh + "/kyc")
                .then()
                .statusCode(200)
                .body("previousTier", equalTo(1))
                .body("tier", equalTo(2));
        keycloak.verify(
                1,
                putRequestedFor(admin("/users/" + fresh))
                        .withRequestBody(matchingJsonPath("$.attributes.kyc_tier[0]", WireMock.equalTo("2")))
                        .withRequestBody(matchingJsonPath("$.attributes.locale[0]", WireMock.equalTo("en"))));
    }

    /** The same tier again changes nothing in Keycloak, answers changed=false, and is still recorded (the evidence asserted). */
    @Test
    void theSameTierAgainIsANoOpButAudited() {
        String carol = user("2", "customer");
        as("operator")
                .body(body(2, "kyc-recheck-1", null))
                .put("/v1/customers/" + carol + "/kyc")
                .then()
                .statusCode(200)
                .body("tier", equalTo(2))
                .body("previousTier", equalTo(2))
                .body("changed", equalTo(false));
        keycloak.verify(0, putRequestedFor(admin("/users/" + carol)));
        JsonNode event = awaitSecurityEvent(carol);
        assertThat(event.path("type").asText()).isEqualTo("io.payguard.security.customer.kyc_tier_confirmed.v1");
        assertThat(event.path("data").path("changed").asBoolean()).isFalse();
        assertThat(event.path("data").path("evidenceRef").asText()).isEqualTo("kyc-recheck-1");
    }

    @Test
    void unknownSubjectsAndNonCustomersAre404() {
        String missing = UUID.randomUUID().toString();
        keycloak.stubFor(get(admin("/users/" + missing))
                .willReturn(aResponse()
                        .withStatus(404)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"User not found\"}")));
        as("operator")
                .body(body(2, "kyc-case-1", null))
                .put("/v1/customers/" + missing + "/kyc")
                .then()
                .statusCode(404)
                .contentType(containsString("application/problem+json"))
                .body("code", equalTo("customer_not_found"));

        String staff = user(null, "operator");
        as("operator")
                .body(body(3, "kyc-case-1", null))
                .put("/v1/customers/" + staff + "/kyc")
                .then()
                .statusCode(404)
                .body("code", equalTo("customer_not_found"));
        keycloak.verify(0, putRequestedFor(admin("/users/" + staff)));

        // nothing that could steer the admin URL elsewhere reaches Keycloak
        as("operator")
                .body(body(3, "kyc-case-1", null))
                .put("/v1/customers/a.b/kyc")
                .then()
                .statusCode(404)
                .body("code", equalTo("customer_not_found"));
        as("operator")
                .body(body(3, "kyc-case-1", null))
                .put("/v1/customers/" + "x".repeat(129) + "/kyc")
                .then()
                .statusCode(404);
    }

    @Test
    void badInputIsA400NamingTheField() {
        String bob = user("1", "customer");
        String url = "/v1/customers/" + bob + "/kyc";
        as("operator")
                .body(body(4, "kyc-case-1", null))
                .put(url)
                .then()
                .statusCode(400)
                .body("code", equalTo("invalid_kyc_tier"))
                .body("detail", containsString("tier"));
        as("operator")
                .body(body(0, "kyc-case-1", null))
                .put(url)
                .then()
                .statusCode(400)
                .body("detail", containsString("tier"));
        as("operator")
                .body(body(null, "kyc-case-1", null))
                .put(url)
                .then()
                .statusCode(400)
                .body("detail", containsString("tier"));
        as("operator")
                .body(body(2, null, null))
                .put(url)
                .then()
                .statusCode(400)
                .body("code", equalTo("invalid_kyc_tier"))
                .body("detail", containsString("evidenceRef"));
        as("operator")
                .body(body(2, "   ", null))
                .put(url)
                .then()
                .statusCode(400)
                .body("detail", containsString("evidenceRef"));
        as("operator")
                .body(body(2, "e".repeat(129), null))
                .put(url)
                .then()
                .statusCode(400)
                .body("detail", containsString("evidenceRef"));
        as("operator")
                .body(body(2, "e".repeat(128), "r".repeat(501)))
                .put(url)
                .then()
                .statusCode(400)
                .body("detail", containsString("reason"));
        as("operator")
                .body(Map.of("tier", "three", "evidenceRef", "kyc-case-1"))
                .put(url)
                .then()
                .statusCode(400)
                .body("code", equalTo("malformed_json"))
                .body("detail", containsString("tier"));
        as("operator")
                .body(Map.of("tier", 2, "evidenceRef", "kyc-case-1", "walletClass", "class_iii"))
                .put(url)
                .then()
                .statusCode(400)
                .body("code", equalTo("unknown_field"));
        keycloak.verify(0, putRequestedFor(admin("/users/" + bob)));
    }

    @Test
    void customersAndMerchantsAreRefused() {
        String bob = user("1", "customer");
        String url = "/v1/customers/" + bob + "/kyc";
        // a customer may not lift their own tier, nor anyone else's
        given().auth()
                .oauth2(token(bob, "customer"))
                .contentType(ContentType.JSON)
                .body(body(3, "self", null))
                .put(url)
                .then()
                .statusCode(403);
        as("merchant").body(body(3, "kyc-case-1", null)).put(url).then().statusCode(403);
        as("auditor").body(body(3, "kyc-case-1", null)).put(url).then().statusCode(403);
        given().contentType(ContentType.JSON)
                .body(body(3, "kyc-case-1", null))
                .put(url)
                .then()
                .statusCode(401);
        keycloak.verify(0, putRequestedFor(admin("/users/" + bob)));
    }

    /** The audit record cannot be written after Keycloak took the change: the previous tier is restored and the failure answered. */
    @Test
    void aChangeThatCannotBeAuditedIsUndone() {
        String dave = user("1", "customer");
        String trigger = "refuse_kyc_" + dave.replace('-', '_');
        exec(
                "CREATE OR REPLACE FUNCTION refuse_outbox() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by test'; END $$");
        exec("CREATE TRIGGER " + trigger + " BEFORE INSERT ON outbox_event FOR EACH ROW WHEN (NEW.aggregate_id = '"
                + dave + "') EXECUTE FUNCTION refuse_outbox()");
        try {
            as("operator")
                    .body(body(3, "kyc-case-5", null))
                    .put("/v1/customers/" + dave + "/kyc")
                    .then()
                    .statusCode(500)
                    .contentType(containsString("application/problem+json"));
        } finally {
            exec("DROP TRIGGER " + trigger + " ON outbox_event");
        }
        var puts = keycloak.findAll(putRequestedFor(admin("/users/" + dave)));
        assertThat(puts).hasSize(2);
        assertThat(puts.get(0).getBodyAsString()).contains("\"kyc_tier\":[\"3\"]");
        assertThat(puts.get(1).getBodyAsString()).contains("\"kyc_tier\":[\"1\"]");
    }

    private void exec(String sql) {
        pool.query(sql).execute().await().atMost(Duration.ofSeconds(10));
    }

    private static JsonNode awaitSecurityEvent(String subject) {
        try {
            return JSON.readTree(KafkaRecords.await(
                    "security.events",
                    value -> value.contains("customer/" + subject),
                    "KYC security event for " + subject));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}

package io.payguard.auth.merchant;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.payguard.platform.testing.PayGuardTestInfrastructure;
import io.payguard.platform.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWireMock;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;

/**
 * Onboarding against stubs of Keycloak's admin REST API (contract test; the e2e suite onboards against the
 * real Keycloak). Checks the client PayGuard asks for: confidential, service account only, the merchant
 * role and the API audiences by mappers.
 */
@QuarkusTest
@QuarkusTestResource(value = PayGuardTestInfrastructure.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class MerchantOnboardingTest {

    @OidcWireMock
    WireMockServer keycloak;

    private static String token(String role) {
        String audience = ConfigProvider.getConfig().getValue("quarkus.oidc.token.audience", String.class);
        return TestTokens.token(role + "-1", audience, role);
    }

    @BeforeEach
    void stubKeycloakAdminApi() {
        io.payguard.auth.KeycloakAdminStubs.serviceAccountToken(keycloak);
        keycloak.stubFor(post(urlMatching("(/auth)?/admin/realms/quarkus/clients"))
                .atPriority(2)
                .withHeader(
                        "Authorization", com.github.tomakehurst.wiremock.client.WireMock.equalTo("Bearer admin-token"))
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Location", "http://kc/admin/realms/quarkus/clients/6f1c-uuid")));
        keycloak.stubFor(post(urlMatching("(/auth)?/admin/realms/quarkus/clients"))
                .atPriority(1)
                .withRequestBody(matchingJsonPath(
                        "$.clientId", com.github.tomakehurst.wiremock.client.WireMock.equalTo("taken-shop")))
                .willReturn(aResponse().withStatus(409)));
        keycloak.stubFor(get(urlMatching("(/auth)?/admin/realms/quarkus/clients\\?clientId=taken-shop"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("[{\"id\":\"foreign-uuid\",\"clientId\":\"taken-shop\",\"attributes\":{}}]")));
        keycloak.stubFor(get(urlMatching("(/auth)?/admin/realms/quarkus/clients/6f1c-uuid/client-secret"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"type\":\"secret\",\"value\":\"generated-by-keycloak\"}")));
    }

    @Test
    void anOperatorOnboardsAMerchantOnce() {
        given().auth()
                .oauth2(token("operator"))
                .contentType(ContentType.JSON)
                .body(Map.of("id", "acme-shop", "name", "ACME Shop", "currency", "CNY"))
                .post("/v1/merchants")
                .then()
                .log()
                .ifValidationFails()
                .statusCode(201)
                .header("Cache-Control", "no-store")
                .body("clientId", equalTo("acme-shop"))
                .body("clientSecret", equalTo("generated-by-keycloak"))
                .body("merchant.status", equalTo("active"))
                .body("merchant.perTransactionLimitMinor", equalTo(5000000));

        keycloak.verify(postRequestedFor(urlMatching("(/auth)?/admin/realms/quarkus/clients"))
                .withRequestBody(matchingJsonPath(
                        "$.clientId", com.github.tomakehurst.wiremock.client.WireMock.equalTo("acme-shop")))
                .withRequestBody(matchingJsonPath(
                        "$.publicClient", com.github.tomakehurst.wiremock.client.WireMock.equalTo("false")))
                .withRequestBody(matchingJsonPath(
                        "$.directAccessGrantsEnabled",
                        com.github.tomakehurst.wiremock.client.WireMock.equalTo("false")))
                .withRequestBody(matchingJsonPath(
                        "$.protocolMappers[?(@.protocolMapper == 'oidc-hardcoded-role-mapper')].config.role",
                        containing("merchant"))));

        given().auth()
                .oauth2(token("operator"))
                .contentType(ContentType.JSON)
                .body(Map.of("id", "acme-shop", "name", "again"))
                .post("/v1/merchants")
                .then()
                .statusCode(409)
                .body("code", equalTo("merchant_exists"));
        given().auth()
                .oauth2(token("operator"))
                .get("/v1/merchants")
                .then()
                .statusCode(200)
                .body("find { it.id == 'acme-shop' }.name", equalTo("ACME Shop"));
    }

    /**
     * Each change publishes the merchant's whole state (no name) on the compacted {@code auth.merchants} topic, keyed by
     * its id, and the operator's action on {@code security.events}; suspending twice is one change.
     */
    @Test
    void onboardingSuspensionAndReactivationPublishTheMerchantsStateAndAreAudited() {
        String id = "state-shop-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        keycloak.stubFor(get(urlMatching("(/auth)?/admin/realms/quarkus/clients/6f1c-uuid/client-secret"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"type\":\"secret\",\"value\":\"s\"}")));
        given().auth()
                .oauth2(token("operator"))
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "id",
                        id,
                        "name",
                        "State Shop",
                        "currency",
                        "CNY",
                        "perTransactionLimitMinor",
                        10_000,
                        "dailyLimitMinor",
                        9_999))
                .post("/v1/merchants")
                .then()
                .statusCode(400)
                .body("code", equalTo("invalid_merchant"));
        given().auth()
                .oauth2(token("operator"))
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "id",
                        id,
                        "name",
                        "State Shop",
                        "currency",
                        "CNY",
                        "perTransactionLimitMinor",
                        10_000,
                        "dailyLimitMinor",
                        25_000))
                .post("/v1/merchants")
                .then()
                .statusCode(201)
                .body("merchant.perTransactionLimitMinor", equalTo(10_000))
                .body("merchant.dailyLimitMinor", equalTo(25_000));
        String active = io.payguard.auth.KafkaRecords.await(
                "auth.merchants",
                v -> v.contains("\"merchantId\":\"" + id + "\"") && v.contains("ACTIVE"),
                "active state of " + id);
        org.assertj.core.api.Assertions.assertThat(active)
                .contains(
                        "io.payguard.auth.merchant.state.v1",
                        "\"currency\":\"CNY\"",
                        "\"perTransactionLimitMinor\":10000",
                        "\"dailyLimitMinor\":25000")
                .doesNotContain("State Shop");

        given().auth()
                .oauth2(token("merchant"))
                .post("/v1/merchants/" + id + "/suspension")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(token("operator"))
                .post("/v1/merchants/no-such-shop/suspension")
                .then()
                .statusCode(404)
                .body("code", equalTo("merchant_not_found"));
        for (int i = 0; i < 2; i++) {
            given().auth()
                    .oauth2(token("operator"))
                    .post("/v1/merchants/" + id + "/suspension")
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("suspended"));
        }
        io.payguard.auth.KafkaRecords.await(
                "auth.merchants",
                v -> v.contains("\"merchantId\":\"" + id + "\"") && v.contains("SUSPENDED"),
                "suspended state of " + id);
        io.payguard.auth.KafkaRecords.await(
                "security.events",
                v -> v.contains("io.payguard.security.merchant.suspended.v1") && v.contains(id),
                "suspension record of " + id);
        given().auth()
                .oauth2(token("operator"))
                .get("/v1/merchants/" + id)
                .then()
                .statusCode(200)
                .body("status", equalTo("suspended"));
        given().auth()
                .oauth2(token("operator"))
                .delete("/v1/merchants/" + id + "/suspension")
                .then()
                .statusCode(200)
                .body("status", equalTo("active"));
        io.payguard.auth.KafkaRecords.await(
                "security.events",
                v -> v.contains("io.payguard.security.merchant.reactivated.v1") && v.contains(id),
                "reactivation record of " + id);
        // in order on the merchant's partition: one suspension although suspended twice (the second call changed
        // nothing)
        org.assertj.core.api.Assertions.assertThat(statusesOf(id, 3)).containsExactly("ACTIVE", "SUSPENDED", "ACTIVE");
    }

    /**
     * A merchant on record from before the directory existed reaches it through the V5 back-fill: its state event, built in
     * SQL, is a CloudEvent the directory's reader accepts, with the merchant's values.
     */
    @Test
    void theBackfillMigrationPublishesExistingMerchantsInTheReadersFormat() throws Exception {
        String id = "legacy-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        exec(
                "INSERT INTO merchant (id, name, currency, per_transaction_limit_minor, daily_limit_minor, status, created_at, created_by) VALUES ('"
                        + id + "', 'Legacy', 'HKD', 1234, 5678, 'SUSPENDED', now(), 'test')");
        String migration;
        try (var in = getClass().getResourceAsStream("/db/migration/V5__merchant_states_backfill.sql")) {
            migration = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        // run again here for this merchant only (Flyway ran it on an empty table)
        exec(migration
                .replaceAll("(?m)^--.*$", "")
                .trim()
                .replaceFirst(";$", "")
                .replace("FROM merchant m ORDER BY", "FROM merchant m WHERE m.id = '" + id + "' ORDER BY"));
        String value = io.payguard.auth.KafkaRecords.await(
                "auth.merchants", v -> v.contains(id), "back-filled state of " + id);
        var event = new io.payguard.platform.messaging.CloudEventCodec(
                        new com.fasterxml.jackson.databind.ObjectMapper().findAndRegisterModules())
                .read(value);
        org.assertj.core.api.Assertions.assertThat(event.type())
                .isEqualTo(io.payguard.platform.web.merchant.MerchantStates.STATE_TYPE);
        var state = io.payguard.platform.web.merchant.MerchantState.fromData(event.data());
        org.assertj.core.api.Assertions.assertThat(state)
                .isEqualTo(new io.payguard.platform.web.merchant.MerchantState(
                        id,
                        io.payguard.platform.web.merchant.MerchantState.Status.SUSPENDED,
                        java.util.Currency.getInstance("HKD"),
                        1234,
                        5678));
    }

    /** The test profile seeds demo-merchant-a (as ./dev does): it is a merchant like any other, recorded once. */
    @Test
    void configuredDemoMerchantsAreRecordedAtStart() {
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .untilAsserted(() -> given().auth()
                        .oauth2(token("operator"))
                        .get("/v1/merchants/demo-merchant-a")
                        .then()
                        .statusCode(200)
                        .body("status", equalTo("active"))
                        .body("currency", equalTo("CNY")));
        io.payguard.auth.KafkaRecords.await(
                "auth.merchants", v -> v.contains("\"merchantId\":\"demo-merchant-a\""), "state of demo-merchant-a");
    }

    /**
     * The database write fails after Keycloak created the client: the client is removed again and the failure
     * answered. A retry whose Keycloak still holds the client (its removal failed too) takes it over with a new
     * secret instead of failing with 409 forever.
     */
    @Test
    void aFailedOnboardingLeavesNoUsableClientAndARetrySucceeds() {
        String id = "fails-once-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        String orphan = "[{\"id\":\"orphan-uuid\",\"clientId\":\"" + id
                + "\",\"attributes\":{\"payguard.merchant\":\"true\"}}]";
        keycloak.stubFor(get(urlMatching("(/auth)?/admin/realms/quarkus/clients\\?clientId=" + id))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody(orphan)));
        keycloak.stubFor(delete(urlMatching("(/auth)?/admin/realms/quarkus/clients/orphan-uuid"))
                .willReturn(aResponse().withStatus(204)));
        exec("CREATE OR REPLACE FUNCTION refuse_merchant() RETURNS trigger LANGUAGE plpgsql AS "
                + "$$ BEGIN RAISE EXCEPTION 'refused by test'; END $$");
        exec("CREATE TRIGGER refuse_" + id.replace('-', '_')
                + " BEFORE INSERT ON merchant FOR EACH ROW WHEN (NEW.id = '" + id
                + "') EXECUTE FUNCTION refuse_merchant()");
        try {
            given().auth()
                    .oauth2(token("operator"))
                    .contentType(ContentType.JSON)
                    .body(Map.of("id", id, "name", "Fails Once"))
                    .post("/v1/merchants")
                    .then()
                    .statusCode(500)
                    .contentType(containsStringMatcher("application/problem+json"));
            keycloak.verify(deleteRequestedFor(urlMatching("(/auth)?/admin/realms/quarkus/clients/orphan-uuid")));
        } finally {
            exec("DROP TRIGGER refuse_" + id.replace('-', '_') + " ON merchant");
        }

        // the removal did not reach Keycloak after all: the client is still there, made by PayGuard
        keycloak.stubFor(post(urlMatching("(/auth)?/admin/realms/quarkus/clients"))
                .atPriority(1)
                .withRequestBody(
                        matchingJsonPath("$.clientId", com.github.tomakehurst.wiremock.client.WireMock.equalTo(id)))
                .willReturn(aResponse().withStatus(409)));
        keycloak.stubFor(post(urlMatching("(/auth)?/admin/realms/quarkus/clients/orphan-uuid/client-secret"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"type\":\"secret\",\"value\":\"regenerated\"}")));
        given().auth()
                .oauth2(token("operator"))
                .contentType(ContentType.JSON)
                .body(Map.of("id", id, "name", "Fails Once"))
                .post("/v1/merchants")
                .then()
                .statusCode(201)
                .body("clientId", equalTo(id))
                .body("clientSecret", equalTo("regenerated"));
        given().auth()
                .oauth2(token("operator"))
                .get("/v1/merchants")
                .then()
                .statusCode(200)
                .body("find { it.id == '" + id + "' }.name", equalTo("Fails Once"));
    }

    /**
     * The statuses published for one merchant, in topic order, once {@code expected} of them have arrived and half a
     * second more has passed (anything more would follow on the same partition), or 30 s passed.
     */
    private static List<String> statusesOf(String id, int expected) {
        var records = io.payguard.platform.testing.LocalKafka.read(
                "auth.merchants",
                read -> statusesIn(read, id).size() >= expected,
                java.time.Duration.ofMillis(500),
                java.time.Duration.ofSeconds(30));
        return statusesIn(records, id);
    }

    private static List<String> statusesIn(
            List<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> records, String id) {
        return records.stream()
                .filter(r -> id.equals(r.key()))
                .map(r -> r.value().contains("SUSPENDED") ? "SUSPENDED" : "ACTIVE")
                .toList();
    }

    @Inject
    io.vertx.mutiny.sqlclient.Pool pool;

    private void exec(String sql) {
        pool.query(sql).execute().await().atMost(java.time.Duration.ofSeconds(10));
    }

    private static org.hamcrest.Matcher<String> containsStringMatcher(String s) {
        return org.hamcrest.Matchers.containsString(s);
    }

    @Test
    void onlyOperatorsOnboardAndInputIsChecked() {
        given().auth()
                .oauth2(token("merchant"))
                .contentType(ContentType.JSON)
                .body(Map.of("id", "x-shop", "name", "X"))
                .post("/v1/merchants")
                .then()
                .statusCode(403);
        given().auth().oauth2(token("customer")).get("/v1/merchants").then().statusCode(403);
        given().auth()
                .oauth2(token("operator"))
                .contentType(ContentType.JSON)
                .body(Map.of("id", "Bad Id!", "name", "X"))
                .post("/v1/merchants")
                .then()
                .statusCode(400)
                .body("code", equalTo("invalid_merchant"));
        for (String currency : List.of("XXX", "XAU", "XTS", "ABC")) {
            given().auth()
                    .oauth2(token("operator"))
                    .contentType(ContentType.JSON)
                    .body(Map.of("id", "coin-shop", "name", "Coins", "currency", currency))
                    .post("/v1/merchants")
                    .then()
                    .statusCode(400)
                    .body("code", equalTo("invalid_currency"));
        }
        given().auth()
                .oauth2(token("operator"))
                .contentType(ContentType.JSON)
                .body(Map.of("id", "taken-shop", "name", "Taken"))
                .post("/v1/merchants")
                .then()
                .statusCode(409)
                .body("code", equalTo("client_exists"));
    }
}

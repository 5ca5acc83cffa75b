package io.payguard.auth.apikey;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.payguard.platform.testing.PayGuardTestInfrastructure;
import io.payguard.platform.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;

/**
 * API keys end to end inside the auth service: issued through the REST API, announced on the compacted
 * topic, picked up by this instance's key registry (as by every other service), used, rotated and revoked.
 */
@QuarkusTest
@QuarkusTestResource(value = PayGuardTestInfrastructure.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class ApiKeyLifecycleTest {

    private static String audience() {
        return ConfigProvider.getConfig().getValue("quarkus.oidc.token.audience", String.class);
    }

    private static String merchantToken(String clientId) {
        return TestTokens.sign(TestTokens.claims("sa-" + clientId, audience(), List.of("merchant"))
                .claim("azp", clientId));
    }

    private static String create(String merchant, Map<String, Object> body) {
        return given().auth()
                .oauth2(merchantToken(merchant))
                .contentType(ContentType.JSON)
                .body(body)
                .post("/v1/api-keys")
                .then()
                .statusCode(201)
                .header("Cache-Control", "no-store")
                .extract()
                .path("secret");
    }

    private static int meWithKey(String secret) {
        return given().header("Authorization", "Bearer " + secret)
                .get("/v1/me")
                .then()
                .extract()
                .statusCode();
    }

    @Test
    void aSecretKeyWorksEverywhereOnceAnnouncedAndStopsWithinSecondsOfRevocation() {
        var created = given().auth()
                .oauth2(merchantToken("merchant-a"))
                .contentType(ContentType.JSON)
                .body(Map.of("name", "checkout server", "kind", "secret", "mode", "test"))
                .post("/v1/api-keys")
                .then()
                .statusCode(201)
                .body("key.hint", containsString("sk_test_"))
                .body("key.scopes", hasItem("payments:write"))
                .body("key.scopes", not(hasItem("tokens:write")))
                .extract();
        String secret = created.path("secret");
        String id = created.path("key.id");
        assertThat(secret).matches("sk_test_[0-9A-Za-z]{43}");

        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> meWithKey(secret) == 200);
        given().header("Authorization", "Bearer " + secret)
                .get("/v1/me")
                .then()
                .statusCode(200)
                .body("authMethod", equalTo("api-key"))
                .body("apiKeyId", equalTo(id))
                .body("clientId", equalTo("merchant-a"))
                .body("roles", hasItem("merchant"));

        // Last use reaches the key record through the usage aggregates (flushed every 0.5 s in tests).
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> given().auth()
                                .oauth2(merchantToken("merchant-a"))
                                .get("/v1/api-keys/" + id)
                                .then()
                                .statusCode(200)
                                .extract()
                                .path("lastUsedAt")
                        != null);

        // The list shows hints, never secrets.
        String listing = given().auth()
                .oauth2(merchantToken("merchant-a"))
                .get("/v1/api-keys")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(listing).contains(id).doesNotContain(secret);

        long revokedAt = System.nanoTime();
        given().auth()
                .oauth2(merchantToken("merchant-a"))
                .post("/v1/api-keys/" + id + "/revoke")
                .then()
                .statusCode(200)
                .body("status", equalTo("revoked"));
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> meWithKey(secret) == 401);
        System.out.printf("[api-keys] revocation effective after %d ms%n", (System.nanoTime() - revokedAt) / 1_000_000);
    }

    @Test
    void rotationKeepsTheOldKeyForTheOverlapAndIssuesANewOne() {
        String oldSecret = create("merchant-r", Map.of("kind", "restricted", "scopes", List.of("payments:read")));
        String oldId = given().auth()
                .oauth2(merchantToken("merchant-r"))
                .get("/v1/api-keys")
                .then()
                .extract()
                .path("[0].id");
        var rotated = given().auth()
                .oauth2(merchantToken("merchant-r"))
                .contentType(ContentType.JSON)
                .body(Map.of("overlapHours", 2))
                .post("/v1/api-keys/" + oldId + "/rotate")
                .then()
                .statusCode(201)
                .body("key.scopes", equalTo(List.of("payments:read")))
                .extract();
        String newSecret = rotated.path("secret");
        await().atMost(Duration.ofSeconds(5)).until(() -> meWithKey(newSecret) == 200);
        assertThat(meWithKey(oldSecret)).isEqualTo(200);
        given().auth()
                .oauth2(merchantToken("merchant-r"))
                .get("/v1/api-keys/" + oldId)
                .then()
                .statusCode(200)
                .body("replacedBy", equalTo(rotated.path("key.id")));
        given().auth()
                .oauth2(merchantToken("merchant-r"))
                .contentType(ContentType.JSON)
                .body(Map.of("overlapHours", 2))
                .post("/v1/api-keys/" + oldId + "/rotate")
                .then()
                .statusCode(409)
                .body("code", equalTo("already_rotated"));
    }

    @Test
    void anotherMerchantsKeyIsNotFoundAndKeysCannotManageKeys() {
        String secret = create("merchant-b", Map.of("kind", "secret"));
        String id = given().auth()
                .oauth2(merchantToken("merchant-b"))
                .get("/v1/api-keys")
                .then()
                .extract()
                .path("[0].id");
        given().auth()
                .oauth2(merchantToken("merchant-c"))
                .get("/v1/api-keys/" + id)
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(merchantToken("merchant-c"))
                .post("/v1/api-keys/" + id + "/revoke")
                .then()
                .statusCode(404);
        await().atMost(Duration.ofSeconds(5)).until(() -> meWithKey(secret) == 200);
        given().header("Authorization", "Bearer " + secret)
                .contentType(ContentType.JSON)
                .body(Map.of("kind", "secret"))
                .post("/v1/api-keys")
                .then()
                .statusCode(403)
                .body("code", equalTo("oauth_required"));
    }

    @Test
    void requestsAreValidatedStrictly() {
        String merchant = merchantToken("merchant-v");
        given().auth()
                .oauth2(merchant)
                .contentType(ContentType.JSON)
                .body(Map.of("kind", "restricted"))
                .post("/v1/api-keys")
                .then()
                .statusCode(422)
                .body("code", equalTo("scopes_required"));
        given().auth()
                .oauth2(merchant)
                .contentType(ContentType.JSON)
                .body(Map.of("kind", "restricted", "scopes", List.of("everything")))
                .post("/v1/api-keys")
                .then()
                .statusCode(400)
                .body("code", equalTo("unknown_scope"));
        given().auth()
                .oauth2(merchant)
                .contentType(ContentType.JSON)
                .body(Map.of("kind", "secret", "merchantId", "someone-else"))
                .post("/v1/api-keys")
                .then()
                .statusCode(400)
                .body("code", equalTo("unknown_field"));
        given().auth()
                .oauth2(merchant)
                .contentType(ContentType.JSON)
                .body(Map.of("kind", "root"))
                .post("/v1/api-keys")
                .then()
                .statusCode(400)
                .body("code", equalTo("invalid_kind"));
        given().auth()
                .oauth2(TestTokens.token("alice", audience(), "customer"))
                .contentType(ContentType.JSON)
                .body(Map.of("kind", "secret"))
                .post("/v1/api-keys")
                .then()
                .statusCode(403);
    }

    @Test
    void keysInUrlsAreRefusedAndUnknownKeysAre401() {
        given().queryParam("api_key", "sk_test_" + "A".repeat(43))
                .get("/v1/me")
                .then()
                .statusCode(400)
                .body("code", equalTo("api_key_in_url"));
        given().header("Authorization", "Bearer sk_live_" + "B".repeat(43))
                .get("/v1/me")
                .then()
                .statusCode(401);
    }
}

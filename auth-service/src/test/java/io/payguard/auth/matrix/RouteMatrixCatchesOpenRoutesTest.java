package io.payguard.auth.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.payguard.platform.testing.PayGuardTestInfrastructure;
import io.payguard.platform.testing.RouteMatrix;
import io.payguard.platform.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/** Proves the route matrix fails when a route is left open: this build adds one on purpose. */
@QuarkusTest
@TestProfile(RouteMatrixCatchesOpenRoutesTest.WithOpenCanary.class)
@QuarkusTestResource(value = PayGuardTestInfrastructure.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class RouteMatrixCatchesOpenRoutesTest {

    public static class WithOpenCanary implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("payguard.test.open-canary", "true");
        }
    }

    @Test
    void restrictedKeysNeedTheRouteScopeWhileOAuthMerchantsAndSecretKeysHaveThemAll() {
        String audience = "payguard-auth-api";
        String merchant = TestTokens.sign(
                TestTokens.claims("sa-scoped", audience, List.of("merchant")).claim("azp", "merchant-scoped"));
        String readOnly = io.restassured.RestAssured.given()
                .auth()
                .oauth2(merchant)
                .contentType("application/json")
                .body(Map.of("kind", "restricted", "scopes", List.of("payments:read")))
                .post("/v1/api-keys")
                .then()
                .statusCode(201)
                .extract()
                .path("secret");
        String writer = io.restassured.RestAssured.given()
                .auth()
                .oauth2(merchant)
                .contentType("application/json")
                .body(Map.of("kind", "restricted", "scopes", List.of("payments:write")))
                .post("/v1/api-keys")
                .then()
                .statusCode(201)
                .extract()
                .path("secret");
        String secret = io.restassured.RestAssured.given()
                .auth()
                .oauth2(merchant)
                .contentType("application/json")
                .body(Map.of("kind", "secret"))
                .post("/v1/api-keys")
                .then()
                .statusCode(201)
                .extract()
                .path("secret");
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(5))
                .until(() -> io.restassured.RestAssured.given()
                                .header("Authorization", "Bearer " + secret)
                                .get("/v1/test-only/scoped")
                                .statusCode()
                        == 200);

        io.restassured.RestAssured.given()
                .header("Authorization", "Bearer " + readOnly)
                .get("/v1/test-only/scoped")
                .then()
                .statusCode(403)
                .body("code", org.hamcrest.Matchers.equalTo("insufficient_scope"));
        io.restassured.RestAssured.given()
                .header("Authorization", "Bearer " + writer)
                .get("/v1/test-only/scoped")
                .then()
                .statusCode(200);
        io.restassured.RestAssured.given()
                .auth()
                .oauth2(merchant)
                .get("/v1/test-only/scoped")
                .then()
                .statusCode(200);
    }

    @Test
    void theOpenCanaryRouteIsReported() {
        var matrix = new RouteMatrix("http://localhost:" + io.restassured.RestAssured.port);
        assertThat(matrix.routes())
                .extracting(RouteMatrix.Route::path)
                .contains("/v1/test-only/open-canary", "/v1/api-keys", "/v1/merchants");
        var routesUnderTest = matrix.routes().stream()
                .filter(r -> !r.path().equals("/v1/test-only/scoped"))
                .toList();
        assertThat(routesUnderTest).hasSizeLessThan(matrix.routes().size());

        List<String> violations = matrix.violations(
                List.of(
                        new RouteMatrix.Probe("no credentials", Map.of(), Set.of()),
                        new RouteMatrix.Probe(
                                "customer token",
                                Map.of(
                                        "Authorization",
                                        "Bearer " + TestTokens.token("c", "payguard-auth-api", "customer")),
                                Set.of("customer"))),
                Set.of());

        // Without credentials the path policy (everything-else: authenticated) still answers 401: defence in
        // depth. The matrix catches the route by its missing role and by what a wrong role can reach.
        assertThat(violations)
                .containsExactlyInAnyOrder(
                        "GET /v1/test-only/open-canary: declares no required role (unprotected route)",
                        "GET /v1/test-only/open-canary with customer token (roles [customer]): expected 403/404, got 200");
    }
}

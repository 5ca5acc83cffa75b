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
    void theOpenCanaryRouteIsReported() {
        var matrix = new RouteMatrix("http://localhost:" + io.restassured.RestAssured.port);
        assertThat(matrix.routes()).extracting(RouteMatrix.Route::path).contains("/v1/test-only/open-canary", "/v1/api-keys", "/v1/merchants");

        List<String> violations = matrix.violations(List.of(
                new RouteMatrix.Probe("no credentials", Map.of(), Set.of()),
                new RouteMatrix.Probe("customer token", Map.of("Authorization", "Bearer " + TestTokens.token("c", "payguard-auth-api", "customer")),
                        Set.of("customer"))), Set.of());

        // Without credentials the path policy (everything-else: authenticated) still answers 401: defence in
        // depth. The matrix catches the route by its missing role and by what a wrong role can reach.
        assertThat(violations).containsExactlyInAnyOrder(
                "GET /v1/test-only/open-canary: declares no required role (unprotected route)",
                "GET /v1/test-only/open-canary with customer token (roles [customer]): expected 403/404, got 200");
    }
}

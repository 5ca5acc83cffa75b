package io.payguard.auth.apikey;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.payguard.platform.testing.PayGuardTestInfrastructure;
import io.payguard.platform.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.Response;

/** The per-caller token bucket of an endpoint group (5 requests, then 1 per second in the test profile). */
@QuarkusTest
@QuarkusTestResource(value = PayGuardTestInfrastructure.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class RateLimitTest {

    @Test
    void aCallerBeyondItsBucketGets429WithRetryAfterWhileOthersAreUnaffected() {
        String audience = ConfigProvider.getConfig().getValue("quarkus.oidc.token.audience", String.class);
        String flood = TestTokens.sign(
                TestTokens.claims("sa-flood", audience, List.of("merchant")).claim("azp", "merchant-flood"));
        List<Integer> statuses = new ArrayList<>();
        Response limited = null;
        for (int i = 0; i < 12; i++) {
            Response r = given().auth().oauth2(flood).get("/v1/api-keys/rl-" + i);
            statuses.add(r.statusCode());
            if (r.statusCode() == 429 && limited == null) {
                limited = r;
            }
        }
        assertThat(statuses.subList(0, 5)).as("the first five fit the bucket").containsOnly(404);
        assertThat(statuses).contains(429);
        assertThat(limited.header("Retry-After")).isNotNull();
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 5L);
        assertThat(limited.jsonPath().getString("code")).isEqualTo("rate_limited");
        // the bucket (5, refilled 1 a second) is empty: full again in 5 s
        assertThat(limited.header("RateLimit-Reset")).isEqualTo("5");

        String other = TestTokens.sign(
                TestTokens.claims("sa-calm", audience, List.of("merchant")).claim("azp", "merchant-calm"));
        Response calm = given().auth().oauth2(other).get("/v1/api-keys/rl-0");
        assertThat(calm.statusCode()).isEqualTo(404);
        assertThat(calm.header("RateLimit-Remaining")).isEqualTo("4");
        assertThat(calm.header("RateLimit-Reset")).isEqualTo("1");
    }
}

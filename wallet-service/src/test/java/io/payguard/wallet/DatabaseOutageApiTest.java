package io.payguard.wallet;

import static io.payguard.wallet.WalletApiTest.customer;
import static io.payguard.wallet.WalletApiTest.open;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.payguard.platform.testing.LocalPostgres;
import io.payguard.platform.testing.PayGuardTestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * While PostgreSQL is down, a call that needs it is a 503 problem with Retry-After (it was a 500 internal_error for
 * every request of the outage), and the same call works again once the database is back, without a restart.
 */
@QuarkusTest
@QuarkusTestResource(value = PayGuardTestInfrastructure.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class DatabaseOutageApiTest {

    @AfterEach
    void restart() {
        LocalPostgres.start(); // whatever happened, the next test finds its database
    }

    @Test
    void aDatabaseOutageIsA503WithRetryAfterAndTheServiceRecoversByItself() {
        String token = customer("outage-api-" + UUID.randomUUID(), "2");
        String wallet = open(token, null);
        given().auth().oauth2(token).get("/v1/wallets/" + wallet).then().statusCode(200);

        LocalPostgres.stop();
        for (int i = 0; i < 5; i++) {
            given().auth()
                    .oauth2(token)
                    .get("/v1/wallets/" + wallet)
                    .then()
                    .statusCode(503)
                    .header("Retry-After", "5")
                    .contentType(containsString("application/problem+json"))
                    .body("code", equalTo("service_unavailable"))
                    .body("detail", org.hamcrest.Matchers.not(containsString("Exception")));
        }
        LocalPostgres.start();
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> given().auth()
                                .oauth2(token)
                                .get("/v1/wallets/" + wallet)
                                .statusCode()
                        == 200);
        // readiness comes back by itself
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> given().get("/q/health/ready").statusCode() == 200);
    }
}

package io.payguard.auth.webhook;

import static io.payguard.auth.webhook.WebhookFixtures.create;
import static io.payguard.auth.webhook.WebhookFixtures.endpoint;
import static io.payguard.auth.webhook.WebhookFixtures.merchant;
import static io.payguard.auth.webhook.WebhookFixtures.publishCaptured;
import static io.payguard.auth.webhook.WebhookFixtures.token;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.payguard.platform.testing.PayGuardTestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;

/** The webhook endpoints and events APIs: ownership, URL refusals, limits, scopes, pagination and filters. */
@QuarkusTest
@QuarkusTestResource(value = PayGuardTestInfrastructure.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class WebhookEndpointApiTest {

    private static final String URL = "https://merchant.example.com/hooks";

    @Test
    void anotherMerchantsEndpointIsNotFoundForEveryOperation() {
        String owner = merchant();
        String other = merchant();
        String id = endpoint(owner, URL, List.of("*"))[0];
        given().auth()
                .oauth2(token(owner))
                .get("/v1/webhook_endpoints/" + id)
                .then()
                .statusCode(200)
                .body("secret", nullValue())
                .body("status", equalTo("enabled"));
        given().auth()
                .oauth2(token(other))
                .get("/v1/webhook_endpoints/" + id)
                .then()
                .statusCode(404)
                .body("code", equalTo("not_found"));
        given().auth()
                .oauth2(token(other))
                .contentType(ContentType.JSON)
                .body(Map.of("status", "disabled"))
                .patch("/v1/webhook_endpoints/" + id)
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(token(other))
                .contentType(ContentType.JSON)
                .body(Map.of())
                .post("/v1/webhook_endpoints/" + id + "/rotate_secret")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(token(other))
                .get("/v1/webhook_endpoints/" + id + "/deliveries")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(token(other))
                .delete("/v1/webhook_endpoints/" + id)
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(token(other))
                .get("/v1/webhook_endpoints")
                .then()
                .statusCode(200)
                .body("data", hasSize(0));
        given().auth()
                .oauth2(token(owner))
                .get("/v1/webhook_endpoints")
                .then()
                .statusCode(200)
                .body("data.id", hasItem(id));
        for (String malformed : List.of("x", "we_%2e%2e", "we_" + "g".repeat(24), "'%20or%201=1")) {
            given().auth()
                    .oauth2(token(owner))
                    .get("/v1/webhook_endpoints/" + malformed)
                    .then()
                    .statusCode(404);
        }
    }

    @Test
    void updateAndDelete() {
        String owner = merchant();
        String id = endpoint(owner, URL, List.of("*"))[0];
        given().auth()
                .oauth2(token(owner))
                .contentType(ContentType.JSON)
                .body(Map.of("status", "disabled", "description", "paused", "enabledEvents", List.of("refund.failed")))
                .patch("/v1/webhook_endpoints/" + id)
                .then()
                .statusCode(200)
                .body("status", equalTo("disabled"))
                .body("disabledReason", equalTo("merchant"))
                .body("description", equalTo("paused"))
                .body("enabledEvents", equalTo(List.of("refund.failed")));
        given().auth()
                .oauth2(token(owner))
                .contentType(ContentType.JSON)
                .body(Map.of("status", "deleted"))
                .patch("/v1/webhook_endpoints/" + id)
                .then()
                .statusCode(400)
                .body("code", equalTo("invalid_status"));
        given().auth()
                .oauth2(token(owner))
                .contentType(ContentType.JSON)
                .body(Map.of("secret", "whsec_x"))
                .patch("/v1/webhook_endpoints/" + id)
                .then()
                .statusCode(400);
        given().auth()
                .oauth2(token(owner))
                .delete("/v1/webhook_endpoints/" + id)
                .then()
                .statusCode(200)
                .body("deleted", equalTo(true));
        given().auth()
                .oauth2(token(owner))
                .get("/v1/webhook_endpoints/" + id)
                .then()
                .statusCode(404);
    }

    @Test
    void unsafeUrlsAreRefusedAtCreation() {
        String owner = merchant();
        for (String url : List.of(
                "http://169.254.169.254/latest/meta-data/",
                "https://169.254.169.254/",
                "https://10.0.0.1/",
                "https://192.168.1.10/hooks",
                "https://[::ffff:10.0.0.1]/",
                "https://[fd00::1]/",
                "http://merchant.example.com/hooks",
                "ftp://merchant.example.com/",
                "https://user:pw@merchant.example.com/",
                "not a url")) {
            create(owner, Map.of("url", url, "enabledEvents", List.of("*"), "mode", "live"), 400)
                    .response()
                    .then()
                    .body("code", equalTo("invalid_webhook_url"))
                    .body("detail", not(equalTo(null)));
        }
        // test mode allows http, but never private or metadata addresses
        create(owner, Map.of("url", "http://169.254.169.254/", "enabledEvents", List.of("*"), "mode", "test"), 400);
        create(owner, Map.of("url", "http://merchant.example.com/hooks", "enabledEvents", List.of("*")), 201)
                .response()
                .then()
                .body("mode", equalTo("test"))
                .body("secret", containsString("whsec_"));
        create(owner, Map.of("url", URL, "enabledEvents", List.of("nope")), 400)
                .response()
                .then()
                .body("code", equalTo("invalid_enabled_events"));
        create(owner, Map.of("url", URL, "enabledEvents", List.of("*"), "mode", "prod"), 400)
                .response()
                .then()
                .body("code", equalTo("invalid_mode"));
    }

    @Test
    void aMerchantHasAtMostSixteenEndpoints() {
        String owner = merchant();
        for (int i = 0; i < 16; i++) {
            endpoint(owner, URL + "/" + i, List.of("*"));
        }
        create(owner, Map.of("url", URL, "enabledEvents", List.of("*")), 422)
                .response()
                .then()
                .body("code", equalTo("too_many_webhook_endpoints"));
        var first = given().auth()
                .oauth2(token(owner))
                .get("/v1/webhook_endpoints?limit=10")
                .then()
                .statusCode(200)
                .body("data", hasSize(10))
                .body("has_more", equalTo(true))
                .extract();
        given().auth()
                .oauth2(token(owner))
                .get("/v1/webhook_endpoints?limit=10&starting_after=" + first.path("next_cursor"))
                .then()
                .statusCode(200)
                .body("data", hasSize(6))
                .body("has_more", equalTo(false));
    }

    @Test
    void anApiKeyNeedsTheWebhooksManageScope() {
        String owner = merchant();
        String restricted = apiKey(owner, List.of("payments:read"));
        String manager = apiKey(owner, List.of("webhooks:manage"));
        await().atMost(Duration.ofSeconds(10)).until(() -> status(manager) == 200);
        assertThat(status(restricted)).isEqualTo(403);
        given().header("Authorization", "Bearer " + manager)
                .contentType(ContentType.JSON)
                .body(Map.of("url", URL, "enabledEvents", List.of("*")))
                .post("/v1/webhook_endpoints")
                .then()
                .statusCode(201);
        given().header("Authorization", "Bearer " + restricted)
                .get("/v1/events")
                .then()
                .statusCode(403)
                .body("code", equalTo("insufficient_scope"));
    }

    @Test
    void eventsArePagedNewestFirstAndFiltered() {
        String owner = merchant();
        List<String> payments = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            payments.add("pi_" + UUID.randomUUID());
            publishCaptured(owner, payments.get(i));
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> given().auth()
                                .oauth2(token(owner))
                                .get("/v1/events?limit=100")
                                .then()
                                .extract()
                                .jsonPath()
                                .getList("data")
                                .size()
                        == 5);
        var page1 = given().auth()
                .oauth2(token(owner))
                .get("/v1/events?limit=2")
                .then()
                .statusCode(200)
                .body("data", hasSize(2))
                .body("has_more", equalTo(true))
                .extract()
                .jsonPath();
        var page2 = given().auth()
                .oauth2(token(owner))
                .get("/v1/events?limit=2&starting_after=" + page1.getString("next_cursor"))
                .then()
                .statusCode(200)
                .body("data", hasSize(2))
                .extract()
                .jsonPath();
        var page3 = given().auth()
                .oauth2(token(owner))
                .get("/v1/events?limit=2&starting_after=" + page2.getString("next_cursor"))
                .then()
                .statusCode(200)
                .body("data", hasSize(1))
                .body("has_more", equalTo(false))
                .body("next_cursor", nullValue())
                .extract()
                .jsonPath();
        var seen = new ArrayList<String>();
        for (var page : List.of(page1, page2, page3)) {
            seen.addAll(page.getList("data.data.paymentId", String.class));
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(payments).doesNotHaveDuplicates();
        String future = Instant.now().plusSeconds(3600).toString();
        given().auth()
                .oauth2(token(owner))
                .get("/v1/events?createdFrom=" + future)
                .then()
                .statusCode(200)
                .body("data", hasSize(0));
        given().auth()
                .oauth2(token(owner))
                .get("/v1/events?createdTo=" + future + "&type=payment_intent.succeeded")
                .then()
                .statusCode(200)
                .body("data", hasSize(5));
        given().auth()
                .oauth2(token(owner))
                .get("/v1/events?type=refund.succeeded")
                .then()
                .statusCode(200)
                .body("data", hasSize(0));
        given().auth()
                .oauth2(token(merchant()))
                .get("/v1/events")
                .then()
                .statusCode(200)
                .body("data", hasSize(0));
        for (String bad : List.of(
                "limit=0",
                "limit=101",
                "limit=abc",
                "createdFrom=yesterday",
                "type=nope",
                "starting_after=evt_x",
                "createdFrom=" + future + "&createdTo=" + future)) {
            given().auth().oauth2(token(owner)).get("/v1/events?" + bad).then().statusCode(400);
        }
        given().auth()
                .oauth2(token(owner))
                .get("/v1/events/evt_" + "0".repeat(32))
                .then()
                .statusCode(404);
        given().auth().oauth2(token(owner)).get("/v1/events/nonsense").then().statusCode(404);
    }

    @Test
    void theApiDocumentDescribesTheOperationsWithExamplesAndTheWebhooks() {
        var doc = given().accept("application/json")
                .get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        Map<String, Object> webhooks = doc.getMap("webhooks");
        assertThat(webhooks)
                .containsKeys("payment_intent.succeeded", "refund.succeeded", "webhook_endpoint.disabled")
                .hasSize(14);
        assertThat(doc.getMap("paths.'/v1/webhook_endpoints'.post.responses.'201'.content.'application/json'.examples"))
                .containsKey("created");
        assertThat(doc.getMap("paths.'/v1/webhook_endpoints'.post.requestBody.content.'application/json'.examples"))
                .containsKey("create");
        assertThat(doc.getMap("paths.'/v1/events'.get.responses")).containsKeys("200", "400");
        assertThat(doc.getMap("paths.'/v1/webhook_endpoints/{id}/rotate_secret'.post.responses"))
                .containsKeys("200", "400", "404");
    }

    private static String apiKey(String merchant, List<String> scopes) {
        return given().auth()
                .oauth2(token(merchant))
                .contentType(ContentType.JSON)
                .body(Map.of("kind", "restricted", "mode", "test", "scopes", scopes))
                .post("/v1/api-keys")
                .then()
                .statusCode(201)
                .extract()
                .path("secret");
    }

    private static int status(String apiKey) {
        return given().header("Authorization", "Bearer " + apiKey)
                .get("/v1/webhook_endpoints")
                .then()
                .extract()
                .statusCode();
    }
}

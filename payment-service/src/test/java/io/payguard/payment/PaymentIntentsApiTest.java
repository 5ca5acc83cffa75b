package io.payguard.payment;

import static io.payguard.payment.Api.as;
import static io.payguard.payment.Api.create;
import static io.payguard.payment.Api.get;
import static io.payguard.payment.Api.merchant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;

import io.payguard.platform.testing.PayGuardTestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.Response;

/** Payment intents through the API: validation, ownership, listing, Stripe-style idempotency (also under concurrency). */
@QuarkusTest
@QuarkusTestResource(value = PayGuardTestInfrastructure.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class PaymentIntentsApiTest {

    final String merchant = merchant("merchant-" + UUID.randomUUID());
    final String otherMerchant = merchant("merchant-" + UUID.randomUUID());

    static final String BODY = """
            {"amount":2500,"currency":"EUR","customer":"cust-1","payment_method_type":"wallet","capture_method":"manual","metadata":{"order":"17"}}
            """;

    @Test
    void createShowsExactlyTheIntentAndAnotherMerchantSeesNothing() {
        String id = as(merchant)
                .body(BODY)
                .post("/v1/payment_intents")
                .then()
                .statusCode(201)
                .body("status", equalTo("requires_confirmation"))
                .body("amount", equalTo(2500))
                .body("currency", equalTo("EUR"))
                .body("capture_method", equalTo("manual"))
                .body("metadata.order", equalTo("17"))
                .body("amount_received", equalTo(0))
                .extract()
                .path("id");
        get(merchant, id).statusCode(200).body("id", equalTo(id));
        get(otherMerchant, id).statusCode(404).body("code", equalTo("payment_intent_not_found"));
        for (String action : List.of("capture", "cancel", "refunds")) {
            as(otherMerchant)
                    .body("{}")
                    .post("/v1/payment_intents/" + id + "/" + action)
                    .then()
                    .statusCode(404);
        }
        get(merchant, id).body("status", equalTo("requires_confirmation"));
    }

    @Test
    void requestsCarryExactlyTheWritableFieldsAndNoCardNumbers() {
        as(merchant)
                .body("{\"amount\":1,\"currency\":\"EUR\",\"status\":\"succeeded\"}")
                .post("/v1/payment_intents")
                .then()
                .statusCode(400);
        as(merchant)
                .body("{\"amount\":0,\"currency\":\"EUR\"}")
                .post("/v1/payment_intents")
                .then()
                .statusCode(400);
        as(merchant)
                .body("{\"amount\":10,\"currency\":\"eur\"}")
                .post("/v1/payment_intents")
                .then()
                .statusCode(400);
        as(merchant)
                .body("{\"amount\":10,\"currency\":\"XYZ\"}")
                .post("/v1/payment_intents")
                .then()
                .statusCode(400);
        // a wallet payment without its customer is an in-app payment: created, with its client secret (QrCodesApiTest)
        as(merchant)
                .body("{\"amount\":10,\"currency\":\"EUR\",\"description\":\"card 4111 1111 1111 1111\"}")
                .post("/v1/payment_intents")
                .then()
                .statusCode(400)
                .body("code", equalTo("card_data_in_free_text"))
                .body("detail", org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("4111")));
        as(merchant)
                .body("{\"amount\":10,\"currency\":\"EUR\"}")
                .post("/v1/payment_intents")
                .then()
                .statusCode(201)
                .body("status", equalTo("requires_payment_method"))
                .body("payment_method_type", nullValue());
    }

    @Test
    void listIsKeysetPaginatedNewestFirstAndFiltered() {
        String m = merchant("merchant-" + UUID.randomUUID());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(create(m, 100 + i, "cust-" + (i % 2), "wallet", "manual"));
        }
        as(m).body("{}")
                .post("/v1/payment_intents/" + ids.get(0) + "/cancel")
                .then()
                .statusCode(200);
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            var req = as(m).queryParam("limit", 2);
            if (cursor != null) {
                req = req.queryParam("cursor", cursor);
            }
            var page = req.get("/v1/payment_intents")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            seen.addAll(page.getList("data.id"));
            cursor = page.getString("next_cursor");
            assertThat(page.getList("data")).hasSizeLessThanOrEqualTo(2);
        } while (cursor != null);
        assertThat(seen).containsExactlyElementsOf(ids.reversed());
        assertThat(as(m).queryParam("status", "canceled")
                        .get("/v1/payment_intents")
                        .then()
                        .extract()
                        .jsonPath()
                        .<String>getList("data.id"))
                .containsExactly(ids.get(0));
        assertThat(as(m).queryParam("customer", "cust-1")
                        .get("/v1/payment_intents")
                        .then()
                        .extract()
                        .jsonPath()
                        .<String>getList("data.id"))
                .containsExactly(ids.get(3), ids.get(1));
        as(m).queryParam("cursor", "not-a-cursor")
                .get("/v1/payment_intents")
                .then()
                .statusCode(400);
    }

    @Test
    void sameKeyReplaysDifferentRequestIs422AndKeysAreScopedToTheCaller() {
        String key = "key-" + UUID.randomUUID();
        var first = as(merchant).header("Idempotency-Key", key).body(BODY).post("/v1/payment_intents");
        first.then().statusCode(201).header("Idempotent-Replayed", nullValue());
        var again = as(merchant).header("Idempotency-Key", key).body(BODY).post("/v1/payment_intents");
        again.then().statusCode(201).header("Idempotent-Replayed", equalTo("true"));
        assertThat(again.asString()).isEqualTo(first.asString());
        as(merchant)
                .header("Idempotency-Key", key)
                .body(BODY.replace("2500", "2600"))
                .post("/v1/payment_intents")
                .then()
                .statusCode(422)
                .body("code", equalTo("idempotency_key_reused"));
        String other = as(otherMerchant)
                .header("Idempotency-Key", key)
                .body(BODY)
                .post("/v1/payment_intents")
                .then()
                .statusCode(201)
                .header("Idempotent-Replayed", nullValue())
                .extract()
                .path("id");
        assertThat(other).isNotEqualTo(first.path("id"));
        // a refused request is replayed as refused; a 409 (state conflict) is not stored, it may succeed later
        String bad = "key-" + UUID.randomUUID();
        String id = first.path("id");
        as(otherMerchant)
                .header("Idempotency-Key", bad)
                .body("{}")
                .post("/v1/payment_intents/" + id + "/cancel")
                .then()
                .statusCode(404)
                .header("Idempotent-Replayed", nullValue());
        as(otherMerchant)
                .header("Idempotency-Key", bad)
                .body("{}")
                .post("/v1/payment_intents/" + id + "/cancel")
                .then()
                .statusCode(404)
                .header("Idempotent-Replayed", equalTo("true"))
                .body("code", equalTo("payment_intent_not_found"));
        String conflict = "key-" + UUID.randomUUID();
        as(merchant)
                .header("Idempotency-Key", conflict)
                .body("{}")
                .post("/v1/payment_intents/" + id + "/capture")
                .then()
                .statusCode(409);
        as(merchant)
                .header("Idempotency-Key", conflict)
                .body("{}")
                .post("/v1/payment_intents/" + id + "/capture")
                .then()
                .statusCode(409)
                .header("Idempotent-Replayed", nullValue());
        as(merchant)
                .header("Idempotency-Key", "short")
                .body(BODY)
                .post("/v1/payment_intents")
                .then()
                .statusCode(400);
    }

    @Test
    void concurrentDuplicatesCreateOneIntent() throws Exception {
        String key = "key-" + UUID.randomUUID();
        int n = 12;
        var pool = Executors.newFixedThreadPool(n);
        var start = new CountDownLatch(1);
        List<Callable<Response>> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            calls.add(() -> {
                start.await();
                return as(merchant).header("Idempotency-Key", key).body(BODY).post("/v1/payment_intents");
            });
        }
        var futures = calls.stream().map(pool::submit).toList();
        start.countDown();
        Set<String> ids = new HashSet<>();
        int fresh = 0;
        for (var f : futures) {
            var r = f.get();
            assertThat(r.statusCode()).as(r.asString()).isIn(201, 409);
            if (r.statusCode() == 409) {
                assertThat(r.jsonPath().getString("code")).isEqualTo("idempotency_key_in_use");
            } else {
                ids.add(r.path("id"));
                if (r.header("Idempotent-Replayed") == null) {
                    fresh++;
                }
            }
        }
        pool.shutdown();
        assertThat(fresh).as("exactly one request ran").isEqualTo(1);
        assertThat(ids).hasSize(1);
        var replay = as(merchant).header("Idempotency-Key", key).body(BODY).post("/v1/payment_intents");
        assertThat(replay.<String>path("id")).isEqualTo(ids.iterator().next());
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
    }
}

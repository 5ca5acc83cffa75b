package io.payguard.payment.idempotency;

import static io.payguard.payment.Api.as;
import static io.payguard.payment.Api.customer;
import static io.payguard.payment.Api.merchant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.payguard.payment.CrashingIdempotencyStore;
import io.payguard.payment.adapter.out.persistence.IdempotencyPurge;
import io.payguard.platform.testing.PayGuardTestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * Idempotency keys across a crash and over time: the process dying after a create committed (before the key was
 * completed the usual way) never makes the retry create again; keys older than the retention are purged in bounded
 * batches, younger ones stay.
 */
@QuarkusTest
@QuarkusTestResource(value = PayGuardTestInfrastructure.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class IdempotencyRecoveryTest {

    @Inject
    AgroalDataSource db;
    @Inject
    IdempotencyPurge purge;

    final String merchantId = "merchant-" + UUID.randomUUID();
    final String merchant = merchant(merchantId);

    static final String BODY = """
            {"amount":2500,"currency":"CNY","customer":"cust-1","payment_method_type":"wallet","description":"order 7"}
            """;

    long count(String sql, String param) throws Exception {
        try (var c = db.getConnection(); var st = c.prepareStatement(sql)) {
            st.setString(1, param);
            var rs = st.executeQuery();
            rs.next();
            return rs.getLong(1);
        }
    }

    /** What the lock would look like a minute later: the key's first request is presumed dead. */
    void lockRunsOut(String key) throws Exception {
        try (var c = db.getConnection(); var st = c.prepareStatement("UPDATE idempotency_key SET locked_until = now() - interval '1 minute' WHERE idem_key = ?")) {
            st.setString(1, key);
            assertThat(st.executeUpdate()).isEqualTo(1);
        }
    }

    @Test
    void aCreateWhoseProcessDiedAfterCommitIsReplayedNotRunAgain() throws Exception {
        String key = CrashingIdempotencyStore.CRASH_PREFIX + UUID.randomUUID();
        as(merchant).header("Idempotency-Key", key).body(BODY).post("/v1/payment_intents").then().statusCode(500);
        assertThat(count("SELECT count(*) FROM payment_intent WHERE merchant_id = ?", merchantId)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM idempotency_key WHERE idem_key = ? AND status = 201", key))
                .as("the key was completed with the intent's insert").isEqualTo(1);
        lockRunsOut(key);

        var retry = as(merchant).header("Idempotency-Key", key).body(BODY).post("/v1/payment_intents");
        retry.then().statusCode(201).header("Idempotent-Replayed", equalTo("true")).body("amount", equalTo(2500));
        assertThat(count("SELECT count(*) FROM payment_intent WHERE merchant_id = ?", merchantId)).as("no second intent").isEqualTo(1);
        assertThat(count("SELECT count(*) FROM payment_intent WHERE id = ?", retry.<String>path("id"))).isEqualTo(1);
    }

    @Test
    void aRefundWhoseProcessDiedAfterCommitIsReplayedNotMadeTwice() throws Exception {
        String payer = "cust-" + UUID.randomUUID();
        String token = as(customer(payer)).body(Map.of("number", "4242424242424242", "exp_month", 12, "exp_year", 2031)).post("/v1/tokens").then()
                .statusCode(201).extract().path("id");
        String id = as(merchant).body(Map.of("amount", 9000, "currency", "USD", "customer", payer, "payment_method_type", "card"))
                .post("/v1/payment_intents").then().statusCode(201).extract().path("id");
        as(merchant).body(Map.of("payment_method", token, "cvc", "123")).post("/v1/payment_intents/" + id + "/confirm").then().statusCode(200)
                .body("status", equalTo("succeeded"));
        String key = CrashingIdempotencyStore.CRASH_PREFIX + UUID.randomUUID();
        as(merchant).header("Idempotency-Key", key).body(Map.of("amount", 1000)).post("/v1/payment_intents/" + id + "/refunds").then().statusCode(500);
        lockRunsOut(key);
        String refund = as(merchant).header("Idempotency-Key", key).body(Map.of("amount", 1000)).post("/v1/payment_intents/" + id + "/refunds").then()
                .statusCode(201).header("Idempotent-Replayed", equalTo("true")).extract().path("id");
        assertThat(count("SELECT count(*) FROM refund WHERE payment_id = ?", id)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM refund WHERE id = ?", refund)).isEqualTo(1);
        as(merchant).get("/v1/payment_intents/" + id).then().body("amount_refunded", equalTo(1000));
    }

    @Test
    void keysOlderThanTheRetentionArePurgedInBoundedBatchesYoungerOnesStay() throws Exception {
        String scope = "purge-test:" + UUID.randomUUID();
        try (var c = db.getConnection(); var st = c.prepareStatement("INSERT INTO idempotency_key (scope, idem_key, request_hash, status, body, "
                + "created_at, locked_until) SELECT ?, 'k' || g || '-' || ?, repeat('a', 64), 201, '{}', now() - make_interval(hours => ?), now() "
                + "FROM generate_series(1, ?) g")) {
            for (var batch : new int[][] { { 25, 250 }, { 23, 5 } }) {
                st.setString(1, scope);
                st.setString(2, "h" + batch[0]);
                st.setInt(3, batch[0]);
                st.setInt(4, batch[1]);
                st.executeUpdate();
            }
        }
        // test profile: 100 rows per statement, at most 2 statements per round
        assertThat(purge.purge().await().indefinitely()).as("the first round stops at its bound").isEqualTo(200);
        assertThat(count("SELECT count(*) FROM idempotency_key WHERE scope = ?", scope)).isEqualTo(55);
        assertThat(purge.purge().await().indefinitely()).isEqualTo(50);
        assertThat(count("SELECT count(*) FROM idempotency_key WHERE scope = ?", scope)).as("the 23-hour-old keys stay").isEqualTo(5);
        assertThat(purge.purge().await().indefinitely()).isZero();
    }
}

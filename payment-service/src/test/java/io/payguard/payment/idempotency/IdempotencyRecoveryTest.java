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
 * Idempotency keys across a crash and over time: the process dying after a create, refund or confirm committed never
 * makes the retry run it again (the answer committed with the change is replayed; a confirm's only once its lock ran
 * out); keys older than the retention are purged in bounded batches, younger ones stay; so are old daily totals.
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
        try (var c = db.getConnection();
                var st = c.prepareStatement(sql)) {
            st.setString(1, param);
            var rs = st.executeQuery();
            rs.next();
            return rs.getLong(1);
        }
    }

    /** What the lock would look like a minute later: the key's first request is presumed dead. */
    void lockRunsOut(String key) throws Exception {
        try (var c = db.getConnection();
                var st = c.prepareStatement(
                        "UPDATE idempotency_key SET locked_until = now() - interval '1 minute' WHERE idem_key = ?")) {
            st.setString(1, key);
            assertThat(st.executeUpdate()).isEqualTo(1);
        }
    }

    @Test
    void aCreateWhoseProcessDiedAfterCommitIsReplayedNotRunAgain() throws Exception {
        String key = CrashingIdempotencyStore.CRASH_PREFIX + UUID.randomUUID();
        as(merchant)
                .header("Idempotency-Key", key)
                .body(BODY)
                .post("/v1/payment_intents")
                .then()
                .statusCode(500);
        assertThat(count("SELECT count(*) FROM payment_intent WHERE merchant_id = ?", merchantId))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM idempotency_key WHERE idem_key = ? AND status = 201", key))
                .as("the key was completed with the intent's insert")
                .isEqualTo(1);
        lockRunsOut(key);

        var retry = as(merchant)
                .header("Idempotency-Key", key)
                .header("X-Test-Retry", "1")
                .body(BODY)
                .post("/v1/payment_intents");
        retry.then()
                .statusCode(201)
                .header("Idempotent-Replayed", equalTo("true"))
                .body("amount", equalTo(2500));
        assertThat(count("SELECT count(*) FROM payment_intent WHERE merchant_id = ?", merchantId))
                .as("no second intent")
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM payment_intent WHERE id = ?", retry.<String>path("id")))
                .isEqualTo(1);
    }

    /** A new customer's card token and a card payment intent of {@code amount} for them: {token, intent id}. */
    String[] cardIntent(long amount) {
        String payer = "cust-" + UUID.randomUUID();
        String token = as(customer(payer))
                .body(Map.of("number", "4242424242424242", "exp_month", 12, "exp_year", 2031))
                .post("/v1/tokens")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String id = as(merchant)
                .body(Map.of("amount", amount, "currency", "USD", "customer", payer, "payment_method_type", "card"))
                .post("/v1/payment_intents")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        return new String[] {token, id};
    }

    @Test
    void aRefundWhoseProcessDiedAfterCommitIsReplayedNotMadeTwice() throws Exception {
        String[] card = cardIntent(9000);
        String token = card[0];
        String id = card[1];
        as(merchant)
                .body(Map.of("payment_method", token, "cvc", "123"))
                .post("/v1/payment_intents/" + id + "/confirm")
                .then()
                .statusCode(200)
                .body("status", equalTo("succeeded"));
        String key = CrashingIdempotencyStore.CRASH_PREFIX + UUID.randomUUID();
        as(merchant)
                .header("Idempotency-Key", key)
                .body(Map.of("amount", 1000))
                .post("/v1/payment_intents/" + id + "/refunds")
                .then()
                .statusCode(500);
        lockRunsOut(key);
        String refund = as(merchant)
                .header("Idempotency-Key", key)
                .header("X-Test-Retry", "1")
                .body(Map.of("amount", 1000))
                .post("/v1/payment_intents/" + id + "/refunds")
                .then()
                .statusCode(201)
                .header("Idempotent-Replayed", equalTo("true"))
                .extract()
                .path("id");
        assertThat(count("SELECT count(*) FROM refund WHERE payment_id = ?", id))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM refund WHERE id = ?", refund)).isEqualTo(1);
        as(merchant).get("/v1/payment_intents/" + id).then().body("amount_refunded", equalTo(1000));
    }

    @Test
    void keysOlderThanTheRetentionArePurgedInBoundedBatchesYoungerOnesStay() throws Exception {
        String scope = "purge-test:" + UUID.randomUUID();
        try (var c = db.getConnection();
                var st = c.prepareStatement("INSERT INTO idempotency_key (scope, idem_key, request_hash, status, body, "
                        + "created_at, locked_until) SELECT ?, 'k' || g || '-' || ?, repeat('a', 64), 201, '{}', now() - make_interval(hours => ?), now() "
                        + "FROM generate_series(1, ?) g")) {
            for (var batch : new int[][] {{25, 250}, {23, 5}}) {
                st.setString(1, scope);
                st.setString(2, "h" + batch[0]);
                st.setInt(3, batch[0]);
                st.setInt(4, batch[1]);
                st.executeUpdate();
            }
        }
        // test profile: 100 rows per statement, at most 2 statements per round
        assertThat(purge.purge().await().indefinitely())
                .as("the first round stops at its bound")
                .isEqualTo(200);
        assertThat(count("SELECT count(*) FROM idempotency_key WHERE scope = ?", scope))
                .isEqualTo(55);
        assertThat(purge.purge().await().indefinitely()).isEqualTo(50);
        assertThat(count("SELECT count(*) FROM idempotency_key WHERE scope = ?", scope))
                .as("the 23-hour-old keys stay")
                .isEqualTo(5);
        assertThat(purge.purge().await().indefinitely()).isZero();
    }

    @Test
    void aConfirmWhoseProcessDiedAfterCommitIsInFlightUntilItsLockRunsOutThenReplaysWhatItCommitted() throws Exception {
        String[] card = cardIntent(4200);
        String token = card[0];
        String id = card[1];
        String key = CrashingIdempotencyStore.CRASH_PREFIX + UUID.randomUUID();
        var confirm = Map.of("payment_method", token, "cvc", "123");
        // the confirm's transaction commits (processing, with its provisional answer), the card is authorised and
        // captured, then the process dies before the final answer is stored
        as(merchant)
                .header("Idempotency-Key", key)
                .body(confirm)
                .post("/v1/payment_intents/" + id + "/confirm")
                .then()
                .statusCode(500);
        assertThat(count("SELECT count(*) FROM idempotency_key WHERE idem_key = ? AND status = -200", key))
                .isEqualTo(1);
        as(merchant)
                .header("Idempotency-Key", key)
                .header("X-Test-Retry", "1")
                .body(confirm)
                .post("/v1/payment_intents/" + id + "/confirm")
                .then()
                .statusCode(409)
                .body("code", equalTo("idempotency_key_in_use"));
        lockRunsOut(key);
        as(merchant)
                .header("Idempotency-Key", key)
                .header("X-Test-Retry", "1")
                .body(confirm)
                .post("/v1/payment_intents/" + id + "/confirm")
                .then()
                .statusCode(200)
                .header("Idempotent-Replayed", equalTo("true"))
                .body("status", equalTo("processing"));
        as(merchant).get("/v1/payment_intents/" + id).then().body("status", equalTo("succeeded"));
    }

    @Test
    void dailyTotalsOfDaysBeforeYesterdayArePurgedTodayAndYesterdayStay() throws Exception {
        String customer = "purge-cust-" + UUID.randomUUID();
        try (var c = db.getConnection();
                var st = c.prepareStatement("INSERT INTO customer_daily_total (customer_id, day, total_minor) "
                        + "SELECT ?, (now() AT TIME ZONE 'UTC')::date - g, 100 FROM generate_series(0, 4) g")) {
            st.setString(1, customer);
            assertThat(st.executeUpdate()).isEqualTo(5);
        }
        purge.purgeDailyTotals().await().indefinitely();
        assertThat(count("SELECT count(*) FROM customer_daily_total WHERE customer_id = ?", customer))
                .isEqualTo(2);
        assertThat(count(
                        "SELECT count(*) FROM customer_daily_total WHERE customer_id = ? AND day >= (now() AT TIME ZONE 'UTC')::date - 1",
                        customer))
                .isEqualTo(2);
    }
}

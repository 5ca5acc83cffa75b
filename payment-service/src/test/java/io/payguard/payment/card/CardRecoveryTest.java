package io.payguard.payment.card;

import static io.payguard.payment.Api.as;
import static io.payguard.payment.Api.customer;
import static io.payguard.payment.Api.merchant;
import static io.payguard.payment.PaymentFacts.facts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.payguard.kernel.Money;
import io.payguard.payment.adapter.out.acquirer.SimulatedAcquirer;
import io.payguard.payment.application.port.Acquirer;
import io.payguard.platform.testing.PayGuardTestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * The replica died between the acquirer call and recording its answer: the payment is left in processing (set here
 * in the database, with the acquirer's side made as it would be). The recovery job (every second, after 4 s in the
 * test profile) asks the acquirer and records what it says, skipping payments another transaction holds. A capture
 * the acquirer cannot tell about is parked after {@code max-attempts} (3 in the test profile) rounds. Card refunds
 * left pending (the replica died between the acquirer's refund and recording it) are resolved after 4 s too, and
 * parked after {@code max-attempts} rounds when the acquirer cannot resolve them.
 */
@QuarkusTest
@QuarkusTestResource(value = PayGuardTestInfrastructure.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class CardRecoveryTest {

    @Inject
    SimulatedAcquirer acquirer;

    @Inject
    AgroalDataSource db;

    @Inject
    MeterRegistry registry;

    final String payer = "cust-" + UUID.randomUUID();
    final String merchant = merchant("merchant-" + UUID.randomUUID());

    String cardPayment(String capture, long amount) {
        // the token is only made so the payment is a real card payment of this customer
        as(customer(payer))
                .body(Map.of("number", "4242424242424242", "exp_month", 12, "exp_year", 2031))
                .post("/v1/tokens")
                .then()
                .statusCode(201);
        return as(merchant)
                .body(Map.of(
                        "amount",
                        amount,
                        "currency",
                        "USD",
                        "customer",
                        payer,
                        "payment_method_type",
                        "card",
                        "capture_method",
                        capture))
                .post("/v1/payment_intents")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    /** As the crashed replica left it: processing since {@code minutesAgo}. */
    void leftInProcessing(String id, String step, String authorization, long amount, int minutesAgo) throws Exception {
        try (var c = db.getConnection();
                var st = c.prepareStatement(
                        "UPDATE payment_intent SET status = 'processing', step = ?, authorization_ref = ?, "
                                + "state_amount = ?, updated_at = now() - make_interval(mins => ?) WHERE id = ?")) {
            st.setString(1, step);
            st.setString(2, authorization);
            st.setLong(3, amount);
            st.setInt(4, minutesAgo);
            st.setString(5, id);
            assertThat(st.executeUpdate()).isEqualTo(1);
        }
    }

    Acquirer.Result authoriseAtTheAcquirer(String id, String pan, long amount) {
        return acquirer.authorise(
                        new Acquirer.AuthorisationRequest(id, "m", pan, 12, 2031, "123", Money.of(amount, "USD"), null))
                .await()
                .indefinitely();
    }

    String status(String id) {
        return as(merchant)
                .get("/v1/payment_intents/" + id)
                .then()
                .statusCode(200)
                .extract()
                .path("status");
    }

    io.restassured.response.ValidatableResponse awaitLeaving(String id) {
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> !"processing".equals(status(id)));
        return as(merchant).get("/v1/payment_intents/" + id).then().statusCode(200);
    }

    /** The outcome counter moves after the state it counts is committed: await it, never assert it right after. */
    void awaitCounterAbove(String outcome, double before) {
        await().atMost(Duration.ofSeconds(10)).until(() -> recovered(outcome) > before);
    }

    double recovered(String outcome) {
        var c = registry.find("payguard.payment.card.recovered")
                .tag("outcome", outcome)
                .counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void anApprovedAuthorisationThatWasNeverRecordedIsRecordedAndCapturedAsOnTheNormalPath() throws Exception {
        double before = recovered("authorised");
        String id = cardPayment("automatic", 4200);
        assertThat(authoriseAtTheAcquirer(id, "4242424242424242", 4200)).isInstanceOf(Acquirer.Result.Approved.class);
        leftInProcessing(id, "AUTHORISING", null, 4200, 10);
        awaitLeaving(id)
                .body("status", org.hamcrest.Matchers.equalTo("succeeded"))
                .body("amount_received", org.hamcrest.Matchers.equalTo(4200));
        assertThat(acquirer.captured(id)).isEqualTo(4200);
        assertThat(acquirer.authorisations(id)).isEqualTo(1);
        awaitCounterAbove("authorised", before);

        String manual = cardPayment("manual", 3000);
        authoriseAtTheAcquirer(manual, "4242424242424242", 3000);
        leftInProcessing(manual, "AUTHORISING", null, 3000, 10);
        awaitLeaving(manual)
                .body("status", org.hamcrest.Matchers.equalTo("requires_capture"))
                .body("amount_capturable", org.hamcrest.Matchers.equalTo(3000));
        assertThat(acquirer.captured(manual)).isZero();
    }

    @Test
    void anUnknownOutcomeIsReversedAndANeverSentOneIsFailedWithTheAcquirersReason() throws Exception {
        double reversed = recovered("reversed");
        String unknown = cardPayment("automatic", 4200);
        assertThat(authoriseAtTheAcquirer(unknown, "4000000000000101", 4200))
                .isInstanceOf(Acquirer.Result.Timeout.class);
        leftInProcessing(unknown, "AUTHORISING", null, 4200, 10);
        String neverSent = cardPayment("automatic", 4200);
        leftInProcessing(neverSent, "AUTHORISING", null, 4200, 10);

        awaitLeaving(unknown)
                .body("status", org.hamcrest.Matchers.equalTo("failed"))
                .body("failure_code", org.hamcrest.Matchers.equalTo("acquirer_timeout"));
        assertThat(acquirer.unresolved(unknown))
                .as("reversed at the acquirer, not guessed")
                .isFalse();
        awaitCounterAbove("reversed", reversed);
        awaitLeaving(neverSent)
                .body("status", org.hamcrest.Matchers.equalTo("failed"))
                .body("failure_code", org.hamcrest.Matchers.equalTo("no_such_authorisation"));
    }

    @Test
    void aCaptureMadeButNotRecordedIsRecorded() throws Exception {
        String id = cardPayment("automatic", 5000);
        var approved = (Acquirer.Result.Approved) authoriseAtTheAcquirer(id, "4242424242424242", 5000);
        assertThat(acquirer.capture(approved.authorization(), Money.of(5000, "USD"))
                        .await()
                        .indefinitely())
                .isTrue();
        leftInProcessing(id, "CAPTURING", approved.authorization(), 5000, 10);
        awaitLeaving(id)
                .body("status", org.hamcrest.Matchers.equalTo("succeeded"))
                .body("amount_received", org.hamcrest.Matchers.equalTo(5000));
        assertThat(acquirer.captured(id)).as("captured once, not twice").isEqualTo(5000);
    }

    @Test
    void aPaymentHeldByAnotherTransactionIsSkippedNotWaitedForAndAFreshOneIsLeftAlone() throws Exception {
        String held = cardPayment("automatic", 1000);
        authoriseAtTheAcquirer(held, "4242424242424242", 1000);
        String other = cardPayment("automatic", 1000);
        authoriseAtTheAcquirer(other, "4242424242424242", 1000);
        String fresh = cardPayment("automatic", 1000);
        authoriseAtTheAcquirer(fresh, "4242424242424242", 1000);

        // "held" is left in processing right before it is locked (the job runs every second: on a slow machine it
        // would otherwise recover it first), the others only once it is locked
        leftInProcessing(held, "AUTHORISING", null, 1000, 30);
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (var st = c.prepareStatement("SELECT id FROM payment_intent WHERE id = ? FOR UPDATE")) {
                st.setString(1, held);
                assertThat(st.executeQuery().next()).isTrue();
            }
            leftInProcessing(other, "AUTHORISING", null, 1000, 20);
            // "fresh" for the whole check, however slow the machine: last changed in the future (recovery.after is 4 s
            // here)
            leftInProcessing(fresh, "AUTHORISING", null, 1000, -10);
            // the older, held payment comes first; the job must skip it, not queue behind it
            awaitLeaving(other).body("status", org.hamcrest.Matchers.equalTo("succeeded"));
            assertThat(status(held)).isEqualTo("processing");
            assertThat(status(fresh)).as("younger than recovery.after").isEqualTo("processing");
            c.commit();
        }
        awaitLeaving(held).body("status", org.hamcrest.Matchers.equalTo("succeeded"));
        leftInProcessing(fresh, "AUTHORISING", null, 1000, 10); // now it has aged past recovery.after
        awaitLeaving(fresh).body("status", org.hamcrest.Matchers.equalTo("succeeded"));
    }

    // ---- card refunds left pending by a crash ----

    String paidCardPayment(long amount) {
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
        as(merchant)
                .body(Map.of("payment_method", token, "cvc", "123"))
                .post("/v1/payment_intents/" + id + "/confirm")
                .then()
                .statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("succeeded"));
        return id;
    }

    String text(String sql, String param) throws Exception {
        try (var c = db.getConnection();
                var st = c.prepareStatement(sql)) {
            st.setString(1, param);
            var rs = st.executeQuery();
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /**
     * As the crashed replica left it: the refund's transaction committed (the refund pending, counted in the
     * payment's refunded amount), its answer never recorded. Returns the refund id.
     */
    String leftPendingRefund(String paymentId, long amount, int minutesAgo) throws Exception {
        String refundId = "re_" + UUID.randomUUID().toString().replace("-", "");
        try (var c = db.getConnection()) {
            try (var st = c.prepareStatement(
                    "INSERT INTO refund (id, payment_id, amount_minor, currency, status, created_at) "
                            + "VALUES (?, ?, ?, 'USD', 'pending', now() - make_interval(mins => ?))")) {
                st.setString(1, refundId);
                st.setString(2, paymentId);
                st.setLong(3, amount);
                st.setInt(4, minutesAgo);
                assertThat(st.executeUpdate()).isEqualTo(1);
            }
            try (var st =
                    c.prepareStatement("UPDATE payment_intent SET refunded_minor = refunded_minor + ? WHERE id = ?")) {
                st.setLong(1, amount);
                st.setString(2, paymentId);
                assertThat(st.executeUpdate()).isEqualTo(1);
            }
        }
        return refundId;
    }

    String refundStatus(String refundId) throws Exception {
        return text("SELECT status FROM refund WHERE id = ?", refundId);
    }

    void awaitRefund(String refundId, String status) {
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> status.equals(refundStatus(refundId)));
    }

    @Test
    void aRefundTheAcquirerMadeButThatWasNeverRecordedIsRecordedSucceededOnce() throws Exception {
        double before = recovered("refunded");
        String id = paidCardPayment(5000);
        String refundId = leftPendingRefund(id, 1500, 10);
        // the acquirer made it; the replica died before recording the answer
        String authorization = text("SELECT authorization_ref FROM payment_intent WHERE id = ?", id);
        assertThat(acquirer.refund(authorization, refundId, Money.of(1500, "USD"))
                        .await()
                        .indefinitely())
                .isTrue();

        awaitRefund(refundId, "succeeded");
        assertThat(acquirer.refunded(id)).as("asked, not sent again").isEqualTo(1500);
        as(merchant)
                .get("/v1/payment_intents/" + id)
                .then()
                .body("status", org.hamcrest.Matchers.equalTo("succeeded"))
                .body("amount_refunded", org.hamcrest.Matchers.equalTo(1500));
        awaitCounterAbove("refunded", before);
        assertThat(facts(id, "refunded"))
                .as("one refunded fact, no refund_failed")
                .containsOnlyOnce("refunded")
                .doesNotContain("refund_failed");
        // the rest can still be refunded, and no more
        as(merchant)
                .body(Map.of("amount", 3501))
                .post("/v1/payment_intents/" + id + "/refunds")
                .then()
                .statusCode(400);
        as(merchant)
                .body(Map.of("amount", 3500))
                .post("/v1/payment_intents/" + id + "/refunds")
                .then()
                .statusCode(201)
                .body("status", org.hamcrest.Matchers.equalTo("succeeded"));
        assertThat(acquirer.refunded(id)).isEqualTo(5000);
    }

    @Test
    void aRefundTheAcquirerNeverSawIsSentAgainWithTheSameIdAndMadeOnce() throws Exception {
        double before = recovered("refund_resent");
        String id = paidCardPayment(4000);
        String refundId = leftPendingRefund(id, 4000, 10);

        awaitRefund(refundId, "succeeded");
        assertThat(acquirer.refunded(id)).isEqualTo(4000);
        awaitCounterAbove("refund_resent", before);
        as(merchant)
                .get("/v1/payment_intents/" + id)
                .then()
                .body("amount_refunded", org.hamcrest.Matchers.equalTo(4000));
        assertThat(facts(id, "refunded")).containsOnlyOnce("refunded");

        // the acquirer refunds once per refund id, however often the request arrives
        String authorization = text("SELECT authorization_ref FROM payment_intent WHERE id = ?", id);
        assertThat(acquirer.refund(authorization, refundId, Money.of(4000, "USD"))
                        .await()
                        .indefinitely())
                .isTrue();
        assertThat(acquirer.refunded(id)).as("refunded once").isEqualTo(4000);
        assertThat(acquirer.refundStatus(refundId).await().indefinitely())
                .isEqualTo(new Acquirer.RefundStatus.Refunded(4000));
    }

    @Test
    void aRefundWhoseOutcomeTheAcquirerCannotTellStaysPendingUntilItCanAndWalletRefundsAreLeftAlone() throws Exception {
        String id = paidCardPayment(3000);
        String refundId = leftPendingRefund(id, 1000, 10);
        acquirer.refundOutcomeUnknown(refundId, true);
        // a wallet refund, as old: answered over Kafka and resent by the wallet command resender, not by this job
        String wallet = cardPayment("automatic", 2000);
        try (var c = db.getConnection();
                var st = c.prepareStatement("UPDATE payment_intent SET method = 'wallet', status = 'succeeded', "
                        + "authorization_ref = 'hold_x', state_amount = 2000 WHERE id = ?")) {
            st.setString(1, wallet);
            assertThat(st.executeUpdate()).isEqualTo(1);
        }
        String walletRefund = leftPendingRefund(wallet, 2000, 10);

        double unresolved = recovered("refund_unresolved");
        // asked and left for the next round (fewer rounds than max-attempts: parking is tested below)
        // the attempt count is written before the metric moves: wait for both, never for one and then assert the other
        await().atMost(Duration.ofSeconds(20))
                .until(() -> refundAttempts(refundId) >= 1 && recovered("refund_unresolved") > unresolved);
        assertThat(refundStatus(refundId)).as("never guessed").isEqualTo("pending");
        assertThat(acquirer.refunded(id))
                .as("not sent while the acquirer cannot tell")
                .isZero();

        acquirer.refundOutcomeUnknown(refundId, false);
        awaitRefund(refundId, "succeeded");
        assertThat(acquirer.refunded(id)).isEqualTo(1000);
        assertThat(refundStatus(walletRefund)).isEqualTo("pending");
    }

    // ---- captures the acquirer cannot tell about are parked ----

    static final List<LogRecord> WARNINGS = new CopyOnWriteArrayList<>();
    static final Handler WARNED = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()
                    && record.getLoggerName() != null
                    && record.getLoggerName().endsWith("CardRecovery")) {
                WARNINGS.add(record);
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    long warningsNaming(String id) {
        // ids here share prefixes (…_1, …_10): match whole ids
        var whole = java.util.regex.Pattern.compile("(?<!\\w)" + java.util.regex.Pattern.quote(id) + "(?!\\w)");
        return WARNINGS.stream()
                .filter(r -> whole.matcher(r.getMessage()
                                + (r.getParameters() == null ? "" : java.util.Arrays.toString(r.getParameters())))
                        .find())
                .count();
    }

    int attempts(String id) throws Exception {
        return Integer.parseInt(text("SELECT recovery_attempts::text FROM payment_intent WHERE id = ?", id));
    }

    double gauge(String name) {
        var g = registry.find(name).gauge();
        return g == null ? -1 : g.value();
    }

    double parkedGauge() {
        return gauge("payguard.payment.card.recovery.parked");
    }

    @Test
    void capturesTheAcquirerCannotTellAboutAreParkedAfterMaxAttemptsAndNoLongerCrowdOutOthers() throws Exception {
        double parkedBefore = recovered("parked");
        double gaugeBefore = parkedGauge();
        assertThat(gaugeBefore).as("the gauge is registered").isGreaterThanOrEqualTo(0);
        // a full batch (50) of captures stuck longer than anything else: the acquirer knows nothing of them
        String prefix =
                "pi_stuck" + UUID.randomUUID().toString().replace("-", "").substring(0, 12) + "_";
        var stuck = new ArrayList<String>();
        try (var c = db.getConnection();
                var st = c.prepareStatement(
                        "INSERT INTO payment_intent (id, merchant_id, amount_minor, currency, method, "
                                + "capture_method, status, step, authorization_ref, state_amount, created_at, updated_at) VALUES (?, 'merchant-stuck', 700, 'USD', "
                                + "'card', 'automatic', 'processing', 'CAPTURING', ?, 700, now() - interval '1 hour', now() - make_interval(mins => 50 + ?))")) {
            for (int i = 0; i < 50; i++) {
                String id = prefix + i;
                st.setString(1, id);
                st.setString(2, "auth_unknown_" + id);
                st.setInt(3, i);
                st.addBatch();
                stuck.add(id);
            }
            st.executeBatch();
        }
        // a capture made but not recorded, younger than all of them: behind the full batch until they are parked
        String behind = cardPayment("automatic", 5000);
        var approved = (Acquirer.Result.Approved) authoriseAtTheAcquirer(behind, "4242424242424242", 5000);
        assertThat(acquirer.capture(approved.authorization(), Money.of(5000, "USD"))
                        .await()
                        .indefinitely())
                .isTrue();
        leftInProcessing(behind, "CAPTURING", approved.authorization(), 5000, 10);

        java.util.logging.Logger.getLogger("").addHandler(WARNED);
        try {
            awaitLeaving(behind).body("status", org.hamcrest.Matchers.equalTo("succeeded"));
            for (String id : stuck) {
                assertThat(attempts(id)).as("asked max-attempts times").isEqualTo(3);
                assertThat(text("SELECT recovery_parked_at::text FROM payment_intent WHERE id = ?", id))
                        .isNotNull();
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> parkedGauge() >= gaugeBefore + 50);
            // further rounds (every second in tests) leave them alone: no more attempts, no second warning
            await().during(Duration.ofMillis(2500))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> {
                        for (String id : stuck) {
                            if (attempts(id) != 3) {
                                return false;
                            }
                        }
                        return true;
                    });
            for (String id : stuck) {
                assertThat(attempts(id)).as("no longer picked").isEqualTo(3);
                assertThat(text("SELECT status FROM payment_intent WHERE id = ?", id))
                        .as("never guessed")
                        .isEqualTo("processing");
                assertThat(warningsNaming(id)).as("warned once").isEqualTo(1);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> recovered("parked") - parkedBefore >= 50);
            assertThat(recovered("parked") - parkedBefore).isEqualTo(50);
        } finally {
            java.util.logging.Logger.getLogger("").removeHandler(WARNED);
        }

        // an operator hands one back to the job: it is asked again
        String handedBack = stuck.get(0);
        try (var c = db.getConnection();
                var st =
                        c.prepareStatement("UPDATE payment_intent SET recovery_parked_at = NULL, recovery_attempts = 0 "
                                + "WHERE id = ?")) {
            st.setString(1, handedBack);
            st.executeUpdate();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> attempts(handedBack) >= 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> parkedGauge() >= gaugeBefore + 50);
    }

    // ---- refunds the acquirer cannot resolve are parked ----

    int refundAttempts(String refundId) throws Exception {
        return Integer.parseInt(text("SELECT recovery_attempts::text FROM refund WHERE id = ?", refundId));
    }

    String refundParkedAt(String refundId) throws Exception {
        return text("SELECT recovery_parked_at::text FROM refund WHERE id = ?", refundId);
    }

    long parkedRefundsInTheDatabase() throws Exception {
        return Long.parseLong(text(
                "SELECT count(*)::text FROM refund WHERE status = ? AND recovery_parked_at IS NOT NULL", "pending"));
    }

    double parkedRefundsGauge() {
        return gauge("payguard.payment.card.recovery.parked-refunds");
    }

    @Test
    void aRefundWhoseOutcomeStaysUnknownIsParkedAfterMaxAttemptsNoLongerAskedAboutAndResolvedOnceHandedBack()
            throws Exception {
        double parkedBefore = recovered("refund_parked");
        assertThat(parkedRefundsGauge()).as("the refunds' gauge is registered").isGreaterThanOrEqualTo(0);
        assertThat(parkedGauge()).as("the payments' gauge keeps its name").isGreaterThanOrEqualTo(0);
        String id = paidCardPayment(3000);
        String refundId = leftPendingRefund(id, 1000, 10);
        acquirer.refundOutcomeUnknown(refundId, true);

        java.util.logging.Logger.getLogger("").addHandler(WARNED);
        long parked;
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> refundParkedAt(refundId) != null);
            assertThat(refundAttempts(refundId)).as("asked max-attempts times").isEqualTo(3);
            assertThat(acquirer.refundStatusQueries(refundId)).isEqualTo(3);
            // further rounds (every second in tests) leave it alone: the acquirer is not asked about it again
            await().during(Duration.ofMillis(2500))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> acquirer.refundStatusQueries(refundId) == 3);
            assertThat(refundAttempts(refundId)).as("no longer picked").isEqualTo(3);
            assertThat(refundStatus(refundId)).as("never guessed").isEqualTo("pending");
            assertThat(acquirer.refunded(id))
                    .as("not sent while the acquirer cannot tell")
                    .isZero();
            assertThat(warningsNaming(refundId)).as("warned once").isEqualTo(1);
            assertThat(warningsNaming(id))
                    .as("the warning names the payment too")
                    .isEqualTo(1);
            await().atMost(Duration.ofSeconds(10)).until(() -> recovered("refund_parked") - parkedBefore >= 1);
            assertThat(recovered("refund_parked") - parkedBefore).isEqualTo(1);
            // the gauge is the whole database's count, read each round after the refund was parked
            parked = parkedRefundsInTheDatabase();
            assertThat(parked).isPositive();
            await().atMost(Duration.ofSeconds(10)).until(() -> parkedRefundsGauge() == parked);
        } finally {
            java.util.logging.Logger.getLogger("").removeHandler(WARNED);
        }

        // the acquirer can tell again (it never saw the refund); an operator hands the refund back to the job
        acquirer.refundOutcomeUnknown(refundId, false);
        try (var c = db.getConnection();
                var st = c.prepareStatement(
                        "UPDATE refund SET recovery_parked_at = NULL, recovery_attempts = 0 WHERE id = ?")) {
            st.setString(1, refundId);
            assertThat(st.executeUpdate()).isEqualTo(1);
        }
        awaitRefund(refundId, "succeeded");
        assertThat(acquirer.refunded(id))
                .as("sent again with the same id, refunded once")
                .isEqualTo(1000);
        as(merchant)
                .get("/v1/payment_intents/" + id)
                .then()
                .body("amount_refunded", org.hamcrest.Matchers.equalTo(1000));
        assertThat(parkedRefundsInTheDatabase()).isEqualTo(parked - 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> parkedRefundsGauge() == parked - 1);
    }

    @Test
    void aRefundTheAcquirerMadeWithAnotherAmountIsParkedTooNeverGuessed() throws Exception {
        String id = paidCardPayment(3000);
        // fresh: not stale before the acquirer has made it with another amount
        String refundId = leftPendingRefund(id, 1000, 0);
        String authorization = text("SELECT authorization_ref FROM payment_intent WHERE id = ?", id);
        assertThat(acquirer.refund(authorization, refundId, Money.of(1200, "USD"))
                        .await()
                        .indefinitely())
                .isTrue();

        await().atMost(Duration.ofSeconds(20)).until(() -> refundParkedAt(refundId) != null);
        assertThat(refundAttempts(refundId)).isEqualTo(3);
        assertThat(refundStatus(refundId)).as("never guessed").isEqualTo("pending");
        assertThat(acquirer.refunded(id)).as("not sent again").isEqualTo(1200);
    }

    @Test
    void refundsParkedAfterMaxAttemptsNoLongerCrowdOutAYoungerStaleRefund() throws Exception {
        double parkedBefore = recovered("refund_parked");
        // a full batch (50) of pending refunds older than anything else: the acquirer cannot tell about any of them
        String id = paidCardPayment(5000);
        String prefix =
                "re_stuck" + UUID.randomUUID().toString().replace("-", "").substring(0, 12) + "_";
        var stuck = new ArrayList<String>();
        try (var c = db.getConnection();
                var st = c.prepareStatement(
                        "INSERT INTO refund (id, payment_id, amount_minor, currency, status, created_at) "
                                + "VALUES (?, ?, 100, 'USD', 'pending', now() - make_interval(mins => 50 + ?))")) {
            for (int i = 0; i < 50; i++) {
                String refundId = prefix + i;
                acquirer.refundOutcomeUnknown(refundId, true);
                st.setString(1, refundId);
                st.setString(2, id);
                st.setInt(3, i);
                st.addBatch();
                stuck.add(refundId);
            }
            st.executeBatch();
        }
        // a refund the acquirer never saw, younger than all of them: behind the full batch until they are parked
        String other = paidCardPayment(2000);
        String behind = leftPendingRefund(other, 2000, 10);

        awaitRefund(behind, "succeeded");
        assertThat(acquirer.refunded(other)).isEqualTo(2000);
        for (String refundId : stuck) {
            assertThat(refundAttempts(refundId)).as("asked max-attempts times").isEqualTo(3);
            assertThat(acquirer.refundStatusQueries(refundId)).isEqualTo(3);
            assertThat(refundParkedAt(refundId)).isNotNull();
            assertThat(refundStatus(refundId)).as("never guessed").isEqualTo("pending");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> recovered("refund_parked") - parkedBefore >= 50);
        assertThat(recovered("refund_parked") - parkedBefore).isEqualTo(50);
    }
}

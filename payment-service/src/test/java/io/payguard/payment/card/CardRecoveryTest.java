package io.payguard.payment.card;

import static io.payguard.payment.Api.as;
import static io.payguard.payment.Api.customer;
import static io.payguard.payment.Api.merchant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.payguard.payment.adapter.out.acquirer.SimulatedAcquirer;
import io.payguard.payment.application.Acquirer;
import io.payguard.payment.domain.Money;
import io.payguard.platform.testing.PayGuardTestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * The replica died between the acquirer call and recording its answer: the payment is left in processing (set here
 * in the database, with the acquirer's side made as it would be). The recovery job (every second, after 4 s in the
 * test profile) asks the acquirer and records what it says, skipping payments another transaction holds.
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
        as(customer(payer)).body(Map.of("number", "4242424242424242", "exp_month", 12, "exp_year", 2031)).post("/v1/tokens").then().statusCode(201);
        return as(merchant).body(Map.of("amount", amount, "currency", "USD", "customer", payer, "payment_method_type", "card", "capture_method", capture))
                .post("/v1/payment_intents").then().statusCode(201).extract().path("id");
    }

    /** As the crashed replica left it: processing since {@code minutesAgo}. */
    void leftInProcessing(String id, String step, String authorization, long amount, int minutesAgo) throws Exception {
        try (var c = db.getConnection(); var st = c.prepareStatement("UPDATE payment_intent SET status = 'processing', step = ?, authorization_ref = ?, "
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
        return acquirer.authorise(new Acquirer.AuthorisationRequest(id, "m", pan, 12, 2031, "123", Money.of(amount, "USD"), null)).await().indefinitely();
    }

    String status(String id) {
        return as(merchant).get("/v1/payment_intents/" + id).then().statusCode(200).extract().path("status");
    }

    io.restassured.response.ValidatableResponse awaitLeaving(String id) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).until(() -> !"processing".equals(status(id)));
        return as(merchant).get("/v1/payment_intents/" + id).then().statusCode(200);
    }

    double recovered(String outcome) {
        var c = registry.find("payguard.payment.card.recovered").tag("outcome", outcome).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void anApprovedAuthorisationThatWasNeverRecordedIsRecordedAndCapturedAsOnTheNormalPath() throws Exception {
        double before = recovered("authorised");
        String id = cardPayment("automatic", 4200);
        assertThat(authoriseAtTheAcquirer(id, "4242424242424242", 4200)).isInstanceOf(Acquirer.Result.Approved.class);
        leftInProcessing(id, "AUTHORISING", null, 4200, 10);
        awaitLeaving(id).body("status", org.hamcrest.Matchers.equalTo("succeeded")).body("amount_received", org.hamcrest.Matchers.equalTo(4200));
        assertThat(acquirer.captured(id)).isEqualTo(4200);
        assertThat(acquirer.authorisations(id)).isEqualTo(1);
        assertThat(recovered("authorised")).isGreaterThan(before);

        String manual = cardPayment("manual", 3000);
        authoriseAtTheAcquirer(manual, "4242424242424242", 3000);
        leftInProcessing(manual, "AUTHORISING", null, 3000, 10);
        awaitLeaving(manual).body("status", org.hamcrest.Matchers.equalTo("requires_capture")).body("amount_capturable", org.hamcrest.Matchers.equalTo(3000));
        assertThat(acquirer.captured(manual)).isZero();
    }

    @Test
    void anUnknownOutcomeIsReversedAndANeverSentOneIsFailedWithTheAcquirersReason() throws Exception {
        double reversed = recovered("reversed");
        String unknown = cardPayment("automatic", 4200);
        assertThat(authoriseAtTheAcquirer(unknown, "4000000000000101", 4200)).isInstanceOf(Acquirer.Result.Timeout.class);
        leftInProcessing(unknown, "AUTHORISING", null, 4200, 10);
        String neverSent = cardPayment("automatic", 4200);
        leftInProcessing(neverSent, "AUTHORISING", null, 4200, 10);

        awaitLeaving(unknown).body("status", org.hamcrest.Matchers.equalTo("failed")).body("failure_code", org.hamcrest.Matchers.equalTo("acquirer_timeout"));
        assertThat(acquirer.unresolved(unknown)).as("reversed at the acquirer, not guessed").isFalse();
        assertThat(recovered("reversed")).isGreaterThan(reversed);
        awaitLeaving(neverSent).body("status", org.hamcrest.Matchers.equalTo("failed"))
                .body("failure_code", org.hamcrest.Matchers.equalTo("no_such_authorisation"));
    }

    @Test
    void aCaptureMadeButNotRecordedIsRecorded() throws Exception {
        String id = cardPayment("automatic", 5000);
        var approved = (Acquirer.Result.Approved) authoriseAtTheAcquirer(id, "4242424242424242", 5000);
        assertThat(acquirer.capture(approved.authorization(), Money.of(5000, "USD")).await().indefinitely()).isTrue();
        leftInProcessing(id, "CAPTURING", approved.authorization(), 5000, 10);
        awaitLeaving(id).body("status", org.hamcrest.Matchers.equalTo("succeeded")).body("amount_received", org.hamcrest.Matchers.equalTo(5000));
        assertThat(acquirer.captured(id)).as("captured once, not twice").isEqualTo(5000);
    }

    @Test
    void aPaymentHeldByAnotherTransactionIsSkippedNotWaitedForAndAFreshOneIsLeftAlone() throws Exception {
        String held = cardPayment("automatic", 1000);
        authoriseAtTheAcquirer(held, "4242424242424242", 1000);
        leftInProcessing(held, "AUTHORISING", null, 1000, 30);
        String other = cardPayment("automatic", 1000);
        authoriseAtTheAcquirer(other, "4242424242424242", 1000);
        leftInProcessing(other, "AUTHORISING", null, 1000, 20);
        String fresh = cardPayment("automatic", 1000);
        authoriseAtTheAcquirer(fresh, "4242424242424242", 1000);
        leftInProcessing(fresh, "AUTHORISING", null, 1000, 0);

        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (var st = c.prepareStatement("SELECT id FROM payment_intent WHERE id = ? FOR UPDATE")) {
                st.setString(1, held);
                assertThat(st.executeQuery().next()).isTrue();
            }
            // the older, held payment comes first; the job must skip it, not queue behind it
            awaitLeaving(other).body("status", org.hamcrest.Matchers.equalTo("succeeded"));
            assertThat(status(held)).isEqualTo("processing");
            assertThat(status(fresh)).as("younger than recovery.after").isEqualTo("processing");
            c.commit();
        }
        awaitLeaving(held).body("status", org.hamcrest.Matchers.equalTo("succeeded"));
        awaitLeaving(fresh).body("status", org.hamcrest.Matchers.equalTo("succeeded"));
    }
}

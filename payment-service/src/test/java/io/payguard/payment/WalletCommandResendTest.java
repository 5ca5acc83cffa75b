package io.payguard.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.payguard.payment.adapter.out.persistence.WalletCommandResender;
import io.payguard.payment.config.PaymentConfig;
import io.payguard.platform.testing.PayGuardTestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A wallet command without an answer is re-sent with a wait that doubles each time (wallet-resend-after x 2^n, 3 s in
 * the test profile) and never exceeds wallet-resend-max-interval (10 min): a command whose answer stays away costs a
 * re-send every few minutes, not a re-send storm.
 */
@QuarkusTest
@QuarkusTestResource(value = PayGuardTestInfrastructure.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class WalletCommandResendTest {

    @Inject
    WalletCommandResender resender;

    @Inject
    PaymentConfig config;

    @Inject
    Pool pool;

    Row row(UUID id) {
        return pool.preparedQuery("SELECT resend_count, resend_after, now() FROM wallet_command WHERE id = $1")
                .execute(Tuple.of(id))
                .await()
                .atMost(Duration.ofSeconds(10))
                .iterator()
                .next();
    }

    void makeDue(UUID id, int resendCount) {
        pool.preparedQuery(
                        "UPDATE wallet_command SET resend_count = $2, resend_after = now() - interval '1 second' WHERE id = $1")
                .execute(Tuple.of(id, resendCount))
                .await()
                .atMost(Duration.ofSeconds(10));
    }

    /** Seconds from the database's now to the command's next re-send. */
    double secondsToNextResend(Row r) {
        return ChronoUnit.MILLIS.between(r.getOffsetDateTime(2), r.getOffsetDateTime(1)) / 1000.0;
    }

    @Test
    void eachResendDoublesTheWaitUpToTheMaximum() {
        UUID id = UUID.randomUUID();
        String paymentId = "pi_rs" + id.toString().replace("-", "").substring(0, 20);
        pool.preparedQuery(
                        "INSERT INTO wallet_command (id, payment_id, type, payload, created_at, resend_after) "
                                + "VALUES ($1, $2, 'io.payguard.wallet.hold.place', '{}', now() - interval '1 minute', now() + interval '1 year')")
                .execute(Tuple.of(id, paymentId))
                .await()
                .atMost(Duration.ofSeconds(10));
        double base = config.walletResendAfter().toMillis() / 1000.0;

        for (int sent = 0; sent < 4; sent++) {
            makeDue(id, sent);
            // the periodic round may take it first (then this round skips the locked row and returns before that
            // round commits): either way it is re-sent once and rescheduled the same way
            resender.resendDue().await().atMost(Duration.ofSeconds(10));
            int expected = sent + 1;
            var r = await().atMost(Duration.ofSeconds(10))
                    .until(() -> row(id), found -> found.getInteger(0) >= expected);
            assertThat(r.getInteger(0)).as("re-sends counted").isEqualTo(expected);
            assertThat(secondsToNextResend(r))
                    .as("wait after re-send %d", sent + 1)
                    .isCloseTo(base * Math.pow(2, sent + 1), within(2.0));
        }

        makeDue(id, 40);
        resender.resendDue().await().atMost(Duration.ofSeconds(10));
        var r = await().atMost(Duration.ofSeconds(10)).until(() -> row(id), found -> found.getInteger(0) >= 41);
        assertThat(r.getInteger(0)).isEqualTo(41);
        assertThat(secondsToNextResend(r))
                .as("capped at wallet-resend-max-interval")
                .isCloseTo(config.walletResendMaxInterval().toSeconds(), within(2.0));

        long outbox = pool.preparedQuery("SELECT count(*) FROM outbox_event WHERE id = $1")
                .execute(Tuple.of(id))
                .await()
                .atMost(Duration.ofSeconds(10))
                .iterator()
                .next()
                .getLong(0);
        assertThat(outbox)
                .as("re-sent with the command's own id (the relay may have published and removed it already)")
                .isLessThanOrEqualTo(1);
    }
}

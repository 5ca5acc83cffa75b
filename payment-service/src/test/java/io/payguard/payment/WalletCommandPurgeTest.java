package io.payguard.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.payguard.payment.adapter.out.persistence.WalletCommandPurge;
import io.payguard.payment.config.PaymentConfig;
import io.payguard.platform.messaging.RetentionJob;
import io.payguard.platform.testing.PayGuardTestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * wallet_command does not grow without bound: commands answered more than a day ago go, at most batch x max-batches
 * (2 x 3 in the test profile) per round; commands answered recently and commands never answered (still re-sent) stay,
 * however old; the retention cannot be set under 24 h.
 */
@QuarkusTest
@QuarkusTestResource(value = PayGuardTestInfrastructure.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class WalletCommandPurgeTest {

    @Inject
    WalletCommandPurge purge;

    @Inject
    PaymentConfig config;

    @Inject
    Pool pool;

    long count(String paymentId, String condition) {
        return pool.preparedQuery("SELECT count(*) FROM wallet_command WHERE payment_id = $1 AND " + condition)
                .execute(Tuple.of(paymentId))
                .await()
                .atMost(Duration.ofSeconds(10))
                .iterator()
                .next()
                .getLong(0);
    }

    @Test
    void answeredCommandsPastTheRetentionGoInBoundedRoundsAndTheRestStays() {
        // the resender must not pick the unanswered ones up during the test: they are due in a year
        String paymentId =
                "pi_ret" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        pool.preparedQuery(
                        "INSERT INTO wallet_command (id, payment_id, type, payload, created_at, resend_after, answered_at) "
                                + "SELECT gen_random_uuid(), $1, 'old', '{}', now() - interval '3 days', now() + interval '1 year', now() - interval '25 hours' - g * interval '1 minute' "
                                + "FROM generate_series(1, 8) g "
                                + "UNION ALL SELECT gen_random_uuid(), $1, 'young', '{}', now() - interval '3 days', now() + interval '1 year', now() - interval '23 hours' "
                                + "FROM generate_series(1, 3) g "
                                + "UNION ALL SELECT gen_random_uuid(), $1, 'pending', '{}', now() - interval '30 days', now() + interval '1 year', NULL "
                                + "FROM generate_series(1, 2) g")
                .execute(Tuple.of(paymentId))
                .await()
                .atMost(Duration.ofSeconds(10));

        assertThat(purge.purge().await().atMost(Duration.ofSeconds(30)))
                .as("first round stops at batch x max-batches")
                .isEqualTo(6);
        int rounds = 1;
        while (purge.purge().await().atMost(Duration.ofSeconds(30)) > 0) {
            assertThat(++rounds).as("rounds until nothing is left").isLessThan(50);
        }

        assertThat(count(paymentId, "type = 'old'")).isZero();
        assertThat(count(paymentId, "type = 'young'"))
                .as("answered less than a day ago")
                .isEqualTo(3);
        assertThat(count(paymentId, "type = 'pending'"))
                .as("never answered: still re-sent, never purged")
                .isEqualTo(2);
    }

    @Test
    void aRetentionUnder24HoursRefusesToStart() {
        var shortRetention = new RetentionJob.FixedSettings(Duration.ofHours(23), Duration.ZERO, 2, 3);
        var shortConfig = (PaymentConfig) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {PaymentConfig.class},
                (proxy, method, args) ->
                        method.getName().equals("walletCommands") ? shortRetention : method.invoke(config, args));
        assertThatThrownBy(() -> new WalletCommandPurge(pool, Clock.systemUTC(), shortConfig))
                .hasMessageContaining("payguard.payment.wallet-commands.retention");
    }
}

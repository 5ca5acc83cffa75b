package io.payguard.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.payguard.platform.messaging.RetentionJob;
import io.payguard.platform.testing.PayGuardTestInfrastructure;
import io.payguard.wallet.adapter.out.persistence.CommandAnswerRetention;
import io.payguard.wallet.adapter.out.persistence.IdempotencyRecordRetention;
import io.payguard.wallet.config.WalletConfig;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * command_answer and idempotency_record do not grow without bound: rows past their retention go, at most
 * batch x max-batches (2 x 3 in the test profile) per round; younger rows stay; the retentions cannot be set below what
 * redeliveries and idempotent replays need.
 */
@QuarkusTest
@QuarkusTestResource(value = PayGuardTestInfrastructure.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class WalletRetentionTest {

    static final int PER_ROUND = 2 * 3;

    @Inject
    CommandAnswerRetention answers;

    @Inject
    IdempotencyRecordRetention idempotency;

    @Inject
    WalletConfig config;

    @Inject
    Pool pool;

    void sql(String sql, String prefix) {
        pool.preparedQuery(sql).execute(Tuple.of(prefix)).await().atMost(Duration.ofSeconds(10));
    }

    long count(String table, String column, String pattern) {
        return pool.preparedQuery("SELECT count(*) FROM " + table + " WHERE " + column + " LIKE $1")
                .execute(Tuple.of(pattern))
                .await()
                .atMost(Duration.ofSeconds(10))
                .iterator()
                .next()
                .getLong(0);
    }

    /** Runs rounds until one purges nothing; the first must have stopped at the round's bound. */
    static void purgeInRounds(java.util.function.Supplier<Uni<Integer>> round) {
        assertThat(round.get().await().atMost(Duration.ofSeconds(30)))
                .as("first round stops at batch x max-batches")
                .isEqualTo(PER_ROUND);
        int rounds = 1;
        while (round.get().await().atMost(Duration.ofSeconds(30)) > 0) {
            assertThat(++rounds).as("rounds until nothing is left").isLessThan(50);
        }
    }

    /** Old rows go in bounded rounds, young rows stay; {@code key} names a row as prefix-age-n. */
    void oldRowsGoYoungRowsStay(
            String table, String key, String insert, java.util.function.Supplier<Uni<Integer>> round) {
        String prefix = "ret-" + UUID.randomUUID().toString().substring(0, 8);
        sql(insert, prefix);

        purgeInRounds(round);

        assertThat(count(table, key, prefix + "-old-%")).isZero();
        assertThat(count(table, key, prefix + "-young-%")).as("still needed").isEqualTo(3);
    }

    @Test
    void commandAnswersPastTheProcessedEventRetentionGoInBoundedRoundsAndYoungerOnesStay() {
        oldRowsGoYoungRowsStay(
                "command_answer",
                "command_id",
                "INSERT INTO command_answer (command_id, event, created_at) "
                        + "SELECT $1 || '-old-' || g, '{}', now() - interval '15 days' - g * interval '1 minute' FROM generate_series(1, 8) g "
                        + "UNION ALL SELECT $1 || '-young-' || g, '{}', now() - interval '13 days' FROM generate_series(1, 3) g",
                answers::purge);
    }

    @Test
    void idempotencyRecordsPastTheirRetentionGoInBoundedRoundsAndYoungerOnesStay() {
        oldRowsGoYoungRowsStay(
                "idempotency_record",
                "key",
                "INSERT INTO idempotency_record (caller, key, request_hash, status, body, created_at) "
                        + "SELECT 'retention-test', $1 || '-old-' || g, repeat('a', 64), 201, '{}', now() - interval '25 hours' - g * interval '1 minute' "
                        + "FROM generate_series(1, 8) g UNION ALL SELECT 'retention-test', $1 || '-young-' || g, repeat('a', 64), 201, '{}', "
                        + "now() - interval '23 hours' FROM generate_series(1, 3) g",
                idempotency::purge);
    }

    @Test
    void retentionsBelowWhatCorrectnessNeedsRefuseToStart() {
        assertThatThrownBy(() -> new CommandAnswerRetention(
                        pool,
                        Clock.systemUTC(),
                        config,
                        config.commandAnswer().retention().plusDays(1)))
                .as("a command answer must outlive the processed-event record of its command")
                .hasMessageContaining("payguard.wallet.command-answer.retention");
        var shortKeys = new RetentionJob.FixedSettings(Duration.ofHours(23), Duration.ZERO, 2, 3);
        var config2 = (WalletConfig) java.lang.reflect.Proxy.newProxyInstance(
                WalletConfig.class.getClassLoader(),
                new Class<?>[] {WalletConfig.class},
                (proxy, method, args) ->
                        method.getName().equals("idempotency") ? shortKeys : method.invoke(config, args));
        assertThatThrownBy(() -> new IdempotencyRecordRetention(pool, Clock.systemUTC(), config2))
                .hasMessageContaining("payguard.wallet.idempotency.retention");
    }
}

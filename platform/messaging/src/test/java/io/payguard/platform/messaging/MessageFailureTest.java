package io.payguard.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;

import io.vertx.pgclient.PgException;

/** Poison goes to the dead-letter topic; an outage, a conflict or a bug never does. */
class MessageFailureTest {

    @Test
    void contractViolationsAndRefusedValuesArePoison() {
        assertThat(MessageFailure.of(new MalformedEventException("wallet command needs 'paymentId'")))
                .isEqualTo(poison(MessageFailure.INVALID));
        assertThat(MessageFailure.of(new IllegalArgumentException("amount must be positive")))
                .isEqualTo(poison(MessageFailure.INVALID));
        assertThat(MessageFailure.of(new CompletionException(pg("22001"))))
                .isEqualTo(poison(MessageFailure.REJECTED_BY_DATABASE));
        assertThat(MessageFailure.of(new SQLException("check", "23514")))
                .isEqualTo(poison(MessageFailure.REJECTED_BY_DATABASE));
    }

    @Test
    void outagesTimeoutsAndConflictsAreRetried() {
        assertThat(MessageFailure.of(new CompletionException(new ConnectException("Connection refused"))))
                .isEqualTo(infra("database_unavailable"));
        assertThat(MessageFailure.of(pg("57P01"))).isEqualTo(infra("database_unavailable"));
        assertThat(MessageFailure.of(pg("57014"))).isEqualTo(infra("timeout"));
        assertThat(MessageFailure.of(pg("55P03"))).isEqualTo(infra("lock_timeout"));
        assertThat(MessageFailure.of(pg("40P01"))).isEqualTo(infra("conflict"));
        assertThat(MessageFailure.of(pg("23505")))
                .as("a concurrent delivery, not bad data")
                .isEqualTo(infra("conflict"));
        assertThat(MessageFailure.of(new SQLException("refused", "08001"))).isEqualTo(infra("database_unavailable"));
        assertThat(MessageFailure.of(new java.util.concurrent.TimeoutException()))
                .isEqualTo(infra("timeout"));
        assertThat(MessageFailure.of(io.vertx.sqlclient.ClosedConnectionException.INSTANCE))
                .isEqualTo(infra("database_unavailable"));
        assertThat(MessageFailure.of(new org.apache.kafka.common.errors.NotLeaderOrFollowerException("x")))
                .isEqualTo(infra("kafka_unavailable"));
    }

    @Test
    void anythingElseIsUnexpectedAndRetriedNotDeadLettered() {
        var npe = MessageFailure.of(new NullPointerException());
        assertThat(npe.kind()).isEqualTo(MessageFailure.Kind.UNEXPECTED);
        assertThat(npe.poison()).isFalse();
        assertThat(MessageFailure.of(pg("42501")))
                .as("a missing privilege is the deployment's fault")
                .isEqualTo(new MessageFailure(MessageFailure.Kind.UNEXPECTED, "sqlstate_42"));
    }

    @Test
    void descriptionsOfDatabaseErrorsCarryTheSqlStateOnly() {
        var e = new PgException(
                "new row violates check constraint", "ERROR", "23514", "Failing row contains (4111111111111111)");
        assertThat(MessageFailure.describe(new CompletionException(e))).isEqualTo("database error, SQLState 23514");
        assertThat(MessageFailure.describe(new MalformedEventException("malformed 'capture'")))
                .isEqualTo("malformed 'capture'");
    }

    @Test
    void backOffDoublesUpToItsCap() {
        var b = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30));
        assertThat(b.delay(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(b.delay(2)).isEqualTo(Duration.ofSeconds(1));
        assertThat(b.delay(7)).isEqualTo(Duration.ofSeconds(30));
        assertThat(b.delay(10_000)).isEqualTo(Duration.ofSeconds(30));
    }

    private static PgException pg(String state) {
        return new PgException("boom", "ERROR", state, null);
    }

    private static MessageFailure poison(String reason) {
        return new MessageFailure(MessageFailure.Kind.POISON, reason);
    }

    private static MessageFailure infra(String reason) {
        return new MessageFailure(MessageFailure.Kind.INFRASTRUCTURE, reason);
    }
}

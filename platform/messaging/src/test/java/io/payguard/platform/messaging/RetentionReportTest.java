package io.payguard.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.payguard.platform.testing.LocalPostgres;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgPool;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;

/**
 * The retention report against a real PostgreSQL: a purge round that deletes rows is recorded with its job, count
 * and cut-off (and one that deletes nothing is not); the schedule is read from configuration and refuses an
 * incomplete or malformed entry by naming the property.
 */
class RetentionReportTest {

    static Vertx vertx;
    static Pool pool;
    static String jdbc;
    static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

    @BeforeAll
    static void database() throws Exception {
        String db = LocalPostgres.database("retention_report_test");
        jdbc = "jdbc:postgresql://127.0.0.1:" + LocalPostgres.port() + "/" + db;
        try (var in = RetentionReportTest.class.getResourceAsStream("/db/platform/V0_5__retention_runs.sql");
                Connection c = connect();
                var s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS retention_run, sample_row");
            s.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            s.execute("CREATE TABLE sample_row (id int PRIMARY KEY, created_at timestamptz NOT NULL)");
            s.execute("INSERT INTO sample_row SELECT g, timestamptz '2026-12-07 10:00:00+00' - g * interval '1 hour'"
                    + " FROM generate_series(1, 30) g");
        }
        vertx = Vertx.vertx();
        pool = PgPool.pool(
                vertx,
                new PgConnectOptions()
                        .setHost("127.0.0.1")
                        .setPort(LocalPostgres.port())
                        .setDatabase(db)
                        .setUser("postgres"),
                new PoolOptions().setMaxSize(2));
    }

    @AfterAll
    static void close() {
        pool.closeAndAwait();
        vertx.closeAndAwait();
    }

    static Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbc, "postgres", "");
    }

    @Test
    void aRoundThatDeletesIsRecordedAndOneThatDeletesNothingIsNot() {
        var settings = new RetentionJob.FixedSettings(Duration.ofHours(24), Duration.ZERO, 2, 100);
        var job = new RetentionJob(
                "sample rows",
                "x.retention",
                pool,
                Clock.fixed(NOW, ZoneOffset.UTC),
                "sample_row",
                "created_at < $1",
                settings,
                Duration.ofHours(1));
        var schedule = new RetentionSchedule(config(Map.of(
                "payguard.retention.schedule.sample_rows.data-class", "C1",
                "payguard.retention.schedule.sample_rows.keep", "PT24H",
                "payguard.retention.schedule.sample_rows.legal-reason", "operational: bounded table",
                "payguard.retention.schedule.sample_rows.enforced-by", "sample rows")));
        var report = new RetentionReport(schedule, List.of(job), pool);

        assertThat(job.purge().await().indefinitely())
                .as("rows 25..30 hours old")
                .isEqualTo(6);
        assertThat(job.purge().await().indefinitely()).isZero();

        var r = report.report(10).await().indefinitely();
        assertThat(r.runs()).singleElement().satisfies(run -> {
            assertThat(run.job()).isEqualTo("sample rows");
            assertThat(run.deleted()).isEqualTo(6);
            assertThat(run.cutoff()).isEqualTo(NOW.minus(Duration.ofHours(24)));
        });
        assertThat(r.jobs()).singleElement().satisfies(j -> {
            assertThat(j.retention()).isEqualTo("PT24H");
            assertThat(j.lastDeleted()).as("the last round deleted nothing").isZero();
        });
        assertThat(r.schedule())
                .singleElement()
                .satisfies(e -> assertThat(e.keep()).isEqualTo("PT24H"));
    }

    @Test
    void theScheduleRefusesIncompleteOrMalformedEntries() {
        assertThatThrownBy(() -> new RetentionSchedule(
                        config(Map.of("payguard.retention.schedule.payment_intents.data-class", "C2"))))
                .hasMessageContaining("payguard.retention.schedule.payment_intents.keep is required");
        assertThatThrownBy(() -> new RetentionSchedule(config(Map.of(
                        "payguard.retention.schedule.payment_intents.data-class", "C4",
                        "payguard.retention.schedule.payment_intents.keep", "P5Y",
                        "payguard.retention.schedule.payment_intents.legal-reason", "AML",
                        "payguard.retention.schedule.payment_intents.enforced-by", "hold end"))))
                .hasMessageContaining("data-class must be C1, C2 or C3");
        assertThatThrownBy(() -> new RetentionSchedule(config(Map.of(
                        "payguard.retention.schedule.payment_intents.data-class", "C2",
                        "payguard.retention.schedule.payment_intents.keep", "five years",
                        "payguard.retention.schedule.payment_intents.legal-reason", "AML",
                        "payguard.retention.schedule.payment_intents.enforced-by", "hold end"))))
                .hasMessageContaining("keep must be an ISO-8601 period");
        assertThat(new RetentionSchedule(config(Map.of(
                                "payguard.retention.schedule.profiles.data-class", "C2",
                                "payguard.retention.schedule.profiles.keep", "until-erasure",
                                "payguard.retention.schedule.profiles.legal-reason", "contract",
                                "payguard.retention.schedule.profiles.enforced-by", "erasure requests")))
                        .entries())
                .hasSize(1);
    }

    private static org.eclipse.microprofile.config.Config config(Map<String, String> values) {
        return new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(values, "test", 500))
                .build();
    }
}

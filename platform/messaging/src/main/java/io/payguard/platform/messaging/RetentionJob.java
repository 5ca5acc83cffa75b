package io.payguard.platform.messaging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.jboss.logging.Logger;

import io.smallrye.config.WithDefault;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Keeps a table that grows per message or per request bounded: every {@code interval} (on a {@link PeriodicTask}) it
 * deletes the rows whose {@code expired} predicate holds for the cut-off {@code now - retention}, in statements of
 * {@code batch} rows (each short, with SKIP LOCKED, so replicas and writers never queue behind a purge), at most
 * {@code maxBatches} statements per round; the rest waits for the next round. The retention can never be set below
 * what correctness needs: a job refuses to be built (so the service refuses to start) with a retention under its
 * {@code minimum}.
 * <p>
 * A job that is a bean (a {@code @Singleton} subclass that passes its settings to this constructor) is started and
 * stopped with the service by {@link RetentionJobs}; a job held by another bean is started and stopped by it.
 */
public class RetentionJob {

    private static final Logger LOG = Logger.getLogger(RetentionJob.class);

    /**
     * One job's settings, usable as a group in a service's {@code @ConfigMapping} ({@code <prefix>.retention},
     * {@code .purge-interval}, {@code .purge-batch}, {@code .purge-max-batches}). The retention has no default: each table
     * says its own.
     */
    public interface Settings {
        /** How long a row is kept. */
        Duration retention();

        /** How often a purge round runs; 0 never. */
        @WithDefault("PT10M")
        Duration purgeInterval();

        /** Rows deleted per statement (a short transaction each). */
        @WithDefault("1000")
        int purgeBatch();

        /** At most this many statements per round; the rest waits for the next round. */
        @WithDefault("20")
        int purgeMaxBatches();
    }

    /** Settings given in code (for jobs configured by plain properties). */
    public record FixedSettings(Duration retention, Duration purgeInterval, int purgeBatch, int purgeMaxBatches)
            implements Settings {}

    private final String what;
    private final Pool pool;
    private final Clock clock;
    private final Settings settings;
    private final String sql;
    private final PeriodicTask task;
    private volatile LastRun lastRun;

    /** The last round of this job in this instance: when it ran, its cut-off and how many rows it deleted. */
    public record LastRun(Instant at, Instant cutoff, int deleted) {}

    /** Rows of the retention report older than this are deleted when a new one is added. */
    static final Duration REPORT_KEEP = Duration.ofDays(400);

    private static final String RECORD_RUN = "WITH expired AS (DELETE FROM retention_run WHERE ran_at < $5)"
            + " INSERT INTO retention_run (job, deleted, cutoff, ran_at) VALUES ($1, $2, $3, $4)";

    /**
     * @param what     what the rows are, for logs and errors ("command answers")
     * @param property the retention's configuration property, named when it is too short
     * @param expired  SQL predicate over {@code table} with {@code $1} the cut-off ({@code timestamptz}); an index should
     *                 make it cheap
     */
    public RetentionJob(
            String what,
            String property,
            Pool pool,
            Clock clock,
            String table,
            String expired,
            Settings settings,
            Duration minimum) {
        if (settings.retention().compareTo(minimum) < 0) {
            throw new IllegalArgumentException(
                    property + " must be at least " + minimum + " (is " + settings.retention() + ")");
        }
        if (settings.purgeBatch() < 1 || settings.purgeMaxBatches() < 1) {
            throw new IllegalArgumentException(what + " purge: batch and max batches must be positive");
        }
        this.what = what;
        this.pool = pool;
        this.clock = clock;
        this.settings = settings;
        this.sql = "DELETE FROM " + table + " WHERE ctid IN (SELECT ctid FROM " + table + " WHERE " + expired
                + " LIMIT $2 FOR UPDATE SKIP LOCKED)";
        this.task = new PeriodicTask(what + " purge", this::purge);
    }

    public void start(Vertx vertx) {
        task.start(vertx, settings.purgeInterval());
    }

    public void stop(Vertx vertx) {
        task.stop(vertx);
    }

    /** What the rows are ("command answers"): the job's name in logs and in the retention report. */
    public String what() {
        return what;
    }

    public Settings settings() {
        return settings;
    }

    /** The last round in this instance, if one ran. */
    public java.util.Optional<LastRun> lastRun() {
        return java.util.Optional.ofNullable(lastRun);
    }

    /**
     * One round: deletes expired rows batch after batch, until a batch comes back short or the round's bound; a round
     * that deleted rows is recorded in the retention report ({@code retention_run}). Returns how many it deleted.
     */
    public Uni<Integer> purge() {
        Instant now = clock.instant();
        var before = OffsetDateTime.ofInstant(now.minus(settings.retention()), ZoneOffset.UTC);
        return batches(before, settings.purgeMaxBatches(), 0).flatMap(n -> {
            lastRun = new LastRun(now, before.toInstant(), n);
            if (n == 0) {
                return Uni.createFrom().item(0);
            }
            LOG.infof("purged %d %s older than %s", n, what, settings.retention());
            return pool.preparedQuery(RECORD_RUN)
                    .execute(Tuple.of(
                            what,
                            n,
                            before,
                            OffsetDateTime.ofInstant(now, ZoneOffset.UTC),
                            OffsetDateTime.ofInstant(now.minus(REPORT_KEEP), ZoneOffset.UTC)))
                    .replaceWith(n);
        });
    }

    private Uni<Integer> batches(OffsetDateTime before, int left, int deleted) {
        if (left == 0) {
            return Uni.createFrom().item(deleted);
        }
        return pool.preparedQuery(sql)
                .execute(Tuple.of(before, settings.purgeBatch()))
                .flatMap(rows -> rows.rowCount() < settings.purgeBatch()
                        ? Uni.createFrom().item(deleted + rows.rowCount())
                        : batches(before, left - 1, deleted + rows.rowCount()));
    }
}

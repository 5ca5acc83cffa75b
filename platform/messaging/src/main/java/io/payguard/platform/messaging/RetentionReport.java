package io.payguard.platform.messaging;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.All;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * What the service's retention enforcement did (issue 18): its schedule ({@link RetentionSchedule}), each purge job
 * with its retention and its last round in this instance, and the recorded rounds that deleted rows
 * ({@code retention_run}, written by {@link RetentionJob#purge}), newest first.
 */
@ApplicationScoped
public class RetentionReport {

    public record Job(String job, String retention, Instant lastRunAt, Integer lastDeleted) {}

    public record Run(String job, int deleted, Instant cutoff, Instant ranAt) {}

    public record Report(List<RetentionSchedule.Entry> schedule, List<Job> jobs, List<Run> runs) {}

    private final RetentionSchedule schedule;
    private final List<RetentionJob> jobs;
    private final Pool pool;

    public RetentionReport(RetentionSchedule schedule, @All List<RetentionJob> jobs, Pool pool) {
        this.schedule = schedule;
        this.jobs = jobs;
        this.pool = pool;
    }

    /** The report with at most {@code limit} runs, newest first. */
    public Uni<Report> report(int limit) {
        List<Job> jobViews = new ArrayList<>();
        for (RetentionJob job : jobs) {
            var last = job.lastRun();
            jobViews.add(new Job(
                    job.what(),
                    job.settings().retention().toString(),
                    last.map(RetentionJob.LastRun::at).orElse(null),
                    last.map(RetentionJob.LastRun::deleted).orElse(null)));
        }
        return pool.preparedQuery(
                        "SELECT job, deleted, cutoff, ran_at FROM retention_run ORDER BY ran_at DESC, id DESC LIMIT $1")
                .execute(Tuple.of(limit))
                .map(rows -> {
                    List<Run> runs = new ArrayList<>();
                    for (Row row : rows) {
                        runs.add(new Run(
                                row.getString("job"),
                                row.getInteger("deleted"),
                                row.getOffsetDateTime("cutoff").toInstant(),
                                row.getOffsetDateTime("ran_at").toInstant()));
                    }
                    return new Report(schedule.entries(), List.copyOf(jobViews), List.copyOf(runs));
                });
    }
}

package io.payguard.platform.protection.quarkus;

import java.time.Clock;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Runs batch jobs (data key re-wrap, field re-encryption) in checkpointed batches: each batch and its
 * checkpoint commit in one transaction, so a job killed at any point resumes after the last committed
 * batch and never applies a batch twice. A job that finished starts over on its next run.
 */
@ApplicationScoped
public class ResumableJobs {

    private static final Logger LOG = Logger.getLogger(ResumableJobs.class);
    public static final String RUNNING = "RUNNING";
    public static final String DONE = "DONE";

    /** One batch after {@code lastKey} (null at the start), inside the job's transaction. */
    @FunctionalInterface
    public interface BatchStep {
        Uni<BatchResult> next(String lastKey);
    }

    /** How many items a batch processed and the key to resume after; {@code count == 0} ends the job. */
    public record BatchResult(int count, String lastKey) {}

    public record JobProgress(String job, String status, String lastKey, long processed) {
        public boolean done() {
            return DONE.equals(status);
        }
    }

    private final Clock clock;

    public ResumableJobs(Clock clock) {
        this.clock = clock;
    }

    /** Runs until the job is done or {@code maxBatches} batches have committed. */
    public Uni<JobProgress> run(String job, int maxBatches, BatchStep step) {
        return Panache.withTransaction(() -> batch(job, step))
                .flatMap(progress -> progress.done() || maxBatches <= 1
                        ? Uni.createFrom().item(progress)
                        : run(job, maxBatches - 1, step));
    }

    public Uni<JobProgress> progress(String job) {
        return Panache.withSession(
                () -> JobProgressEntity.<JobProgressEntity>findById(job).map(row -> row == null ? null : view(row)));
    }

    private Uni<JobProgress> batch(String job, BatchStep step) {
        var now = clock.instant().atOffset(ZoneOffset.UTC);
        return JobProgressEntity.<JobProgressEntity>findById(job).flatMap(found -> {
            JobProgressEntity row = found;
            Uni<?> ready = Uni.createFrom().voidItem();
            if (row == null) {
                row = new JobProgressEntity();
                row.job = job;
                ready = start(row, now).persist();
            } else if (DONE.equals(row.status)) {
                start(row, now);
            } else {
                LOG.infof("job %s resumes after %d items", job, row.processed);
            }
            JobProgressEntity progress = row;
            return ready.flatMap(ignored -> step.next(progress.lastKey)).map(result -> {
                progress.processed += result.count();
                if (result.count() == 0) {
                    progress.status = DONE;
                } else {
                    progress.lastKey = result.lastKey();
                }
                progress.updatedAt = now;
                return view(progress);
            });
        });
    }

    private static JobProgressEntity start(JobProgressEntity row, java.time.OffsetDateTime now) {
        row.status = RUNNING;
        row.lastKey = null;
        row.processed = 0;
        row.startedAt = now;
        row.updatedAt = now;
        return row;
    }

    private static JobProgress view(JobProgressEntity row) {
        return new JobProgress(row.job, row.status, row.lastKey, row.processed);
    }
}

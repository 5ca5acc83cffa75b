package io.payguard.platform.messaging;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.arc.All;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;

/**
 * Starts every {@link RetentionJob} bean of the service with it (each on its own {@link PeriodicTask}) and stops them
 * when it shuts down; a job whose settings are invalid fails the start.
 */
@ApplicationScoped
public class RetentionJobs {

    private final List<RetentionJob> jobs;

    public RetentionJobs(@All List<RetentionJob> jobs) {
        this.jobs = jobs;
    }

    void start(@Observes StartupEvent ignored, Vertx vertx) {
        jobs.forEach(job -> job.start(vertx));
    }

    void stop(@Observes ShutdownEvent ignored, Vertx vertx) {
        jobs.forEach(job -> job.stop(vertx));
    }
}

package io.payguard.platform.protection.privacy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.payguard.platform.messaging.DueWork;
import io.payguard.platform.messaging.PeriodicTask;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * Ends retention holds (issue 18): every {@code payguard.privacy.hold-end.interval} (a {@link PeriodicTask} round) it
 * deletes the service's pseudonymised records ({@link HeldRecords}) whose hold ({@link PrivacyOutcomes}) has ended, one
 * erasure request per transaction, and records and logs how many rows went (no subject or pseudonym in the log). It
 * runs only in a service that has a {@link HeldRecords} bean.
 */
@ApplicationScoped
public class PrivacyHoldEnd {

    private static final Logger LOG = Logger.getLogger(PrivacyHoldEnd.class);

    /** What a round did: how many requests' holds ended and how many rows were deleted. */
    public record Report(int holdsEnded, long rowsDeleted) {}

    private final PrivacyOutcomes outcomes;
    private final Instance<HeldRecords> held;
    private final Clock clock;
    private final Duration interval;
    private final String service;
    private final PeriodicTask task = new PeriodicTask("privacy hold end round", () -> endHolds(null));

    public PrivacyHoldEnd(
            PrivacyOutcomes outcomes,
            Instance<HeldRecords> held,
            Clock clock,
            @ConfigProperty(name = "payguard.privacy.hold-end.interval", defaultValue = "PT1H") Duration interval,
            @ConfigProperty(name = "quarkus.application.name") String service) {
        this.outcomes = outcomes;
        this.held = held;
        this.clock = clock;
        this.interval = interval;
        this.service = service;
    }

    void start(@Observes StartupEvent ignored, Vertx vertx) {
        if (held.isResolvable()) {
            task.start(vertx, interval);
        }
    }

    void stop(@Observes ShutdownEvent ignored, Vertx vertx) {
        if (held.isResolvable()) {
            task.stop(vertx);
        }
    }

    /** Ends up to 100 holds due at {@code at} (the clock's now when null); each alone ({@link DueWork}). */
    public Uni<Report> endHolds(Instant at) {
        Instant now = at == null ? clock.instant() : at;
        HeldRecords records = held.get();
        var rows = new AtomicLong();
        return DueWork.each(
                        "end of a retention hold",
                        Panache.withSession(() -> outcomes.endedHolds(now, 100)),
                        hold -> Panache.withTransaction(() -> records.deleteHeld(hold.pseudonym())
                                .call(deleted -> outcomes.markHoldEnded(hold.requestId(), deleted, now))
                                .map(deleted -> {
                                    rows.addAndGet(deleted);
                                    LOG.infof(
                                            "retention hold of erasure request %s ended: %d %s row(s) deleted",
                                            hold.requestId(), deleted, service);
                                    return true;
                                })))
                .map(ended -> new Report(ended, rows.get()));
    }
}

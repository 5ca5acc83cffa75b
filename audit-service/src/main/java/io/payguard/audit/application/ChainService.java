package io.payguard.audit.application;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.payguard.audit.application.port.ChainStore;
import io.payguard.audit.config.AuditConfig;
import io.payguard.audit.domain.chain.Checkpoint;
import io.payguard.audit.domain.chain.Ed25519SignatureCheck;
import io.payguard.platform.messaging.PeriodicTask;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.core.Vertx;

/**
 * Verification runs (on demand for the API, and incrementally every {@code payguard.audit.verification.every} on a
 * {@link PeriodicTask}), retention status and checkpoint export.
 */
@ApplicationScoped
public class ChainService {

    private static final Logger LOG = Logger.getLogger(ChainService.class);

    /** Where the hot period and the retention period end in the chain (positions recorded before each cut-off). */
    public record RetentionStatus(
            String hot,
            String total,
            Instant hotCutoff,
            long archiveUpToSeq,
            Instant totalCutoff,
            long expiredUpToSeq,
            long headSeq) {}

    public record CheckpointExport(List<ChainStore.SigningKey> keys, List<Checkpoint> checkpoints) {}

    private final ChainStore store;
    private final Clock clock;
    private final ChainVerification verification = new ChainVerification();
    private final Counter verificationFailures;

    private final SecurityAlerts alerts;

    private final PeriodicTask scheduled = new PeriodicTask("scheduled audit chain verification", this::scheduledRound);
    private final AuditConfig config;

    public ChainService(
            ChainStore store, SecurityAlerts alerts, Clock clock, MeterRegistry registry, AuditConfig config) {
        this.config = config;
        this.store = store;
        this.alerts = alerts;
        this.clock = clock;
        this.verificationFailures = Counter.builder("payguard.audit.chain.verification.failures")
                .description("Verification runs that found the chain or a checkpoint broken")
                .register(registry);
    }

    /** Verifies incrementally on a timer, so a broken chain raises its alert without anyone asking. */
    void start(@Observes StartupEvent ignored, Vertx vertx) {
        scheduled.start(vertx, config.verification().every());
    }

    void stop(@Observes ShutdownEvent ignored, Vertx vertx) {
        scheduled.stop(vertx);
    }

    /** A scheduled round: the JDBC work runs on a worker thread, never on the timer's event loop. */
    private Uni<ChainVerification.Outcome> scheduledRound() {
        return Uni.createFrom()
                .item(this::verifyIncrementally)
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private ChainVerification.Outcome verifyIncrementally() {
        var o = verify(ChainVerification.Request.incremental());
        if (!o.report().intact()) {
            LOG.errorf(
                    "audit chain verification found %d problems from position %d",
                    o.report().findings().size()
                            + o.report().checkpointFindings().size(),
                    o.report().anchor().seq());
        }
        return o;
    }

    public ChainVerification.Outcome verify(ChainVerification.Request request) {
        Instant started = clock.instant();
        try {
            return store.session(s -> {
                var check = new Ed25519SignatureCheck(s.publicKeys());
                var outcome = verification.run(s, request, check);
                verification.record(s, outcome, started);
                if (!outcome.report().intact()) {
                    verificationFailures.increment();
                    alerts.onVerificationFailed(s, outcome.report());
                }
                return outcome;
            });
        } catch (SQLException e) {
            throw new IllegalStateException("verification could not read the chain", e);
        }
    }

    public RetentionStatus retention(AuditConfig.Retention retention) {
        Instant now = clock.instant();
        try {
            return store.session(s -> {
                Instant hotCutoff = now.minus(retention.hot());
                Instant totalCutoff = now.minus(retention.total());
                return new RetentionStatus(
                        retention.hot().toString(),
                        retention.total().toString(),
                        hotCutoff,
                        s.lastSeqRecordedBefore(hotCutoff),
                        totalCutoff,
                        s.lastSeqRecordedBefore(totalCutoff),
                        s.head().seq());
            });
        } catch (SQLException e) {
            throw new IllegalStateException("retention status failed", e);
        }
    }

    public CheckpointExport export(long after, int limit) {
        try {
            return store.session(s -> {
                var keys = s.signingKeys();
                var checkpoints = s.checkpoints(after, Long.MAX_VALUE);
                return new CheckpointExport(keys, checkpoints.subList(0, Math.min(limit, checkpoints.size())));
            });
        } catch (SQLException e) {
            throw new IllegalStateException("checkpoint export failed", e);
        }
    }
}

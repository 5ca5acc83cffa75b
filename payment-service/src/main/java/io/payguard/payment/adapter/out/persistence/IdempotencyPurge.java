package io.payguard.payment.adapter.out.persistence;

import java.time.Clock;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.payguard.payment.application.port.IdempotencyStore;
import io.payguard.payment.config.PaymentConfig;
import io.payguard.platform.messaging.PeriodicTask;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * Deletes idempotency keys older than the retention (never less than 24 h) every {@code idempotency.purge-interval},
 * in batches of {@code purge-batch} rows (each its own short statement, SKIP LOCKED so replicas do not queue behind
 * each other), at most {@code purge-max-batches} per round. The same round deletes the risk rules' daily totals
 * ({@code customer_daily_total}) of days before yesterday, with the same bounds: only today's total is ever read.
 */
@ApplicationScoped
public class IdempotencyPurge {

    private static final Logger LOG = Logger.getLogger(IdempotencyPurge.class);
    static final Duration MIN_RETENTION = Duration.ofHours(24);

    private final IdempotencyStore store;
    private final io.payguard.payment.application.port.RiskStore risk;
    private final Clock clock;
    private final PaymentConfig config;
    private final PeriodicTask task =
            new PeriodicTask("idempotency key purge", () -> purge().chain(this::purgeDailyTotals));

    public IdempotencyPurge(
            IdempotencyStore store,
            io.payguard.payment.application.port.RiskStore risk,
            Clock clock,
            PaymentConfig config) {
        this.store = store;
        this.risk = risk;
        this.clock = clock;
        this.config = config;
    }

    void start(@Observes StartupEvent ignored, Vertx vertx) {
        task.start(vertx, config.idempotency().purgeInterval());
    }

    void stop(@Observes ShutdownEvent ignored, Vertx vertx) {
        task.stop(vertx);
    }

    /** Deletes expired keys, batch after batch until fewer than a batch remain or the round's limit; returns how many. */
    public Uni<Integer> purge() {
        var retention = config.idempotency().retention().compareTo(MIN_RETENTION) < 0
                ? MIN_RETENTION
                : config.idempotency().retention();
        var before = clock.instant().minus(retention);
        int size = config.idempotency().purgeBatch();
        return batches(
                        () -> store.purge(before, size),
                        size,
                        config.idempotency().purgeMaxBatches(),
                        0)
                .invoke(n -> {
                    if (n > 0) {
                        LOG.infof("purged %d expired idempotency keys", n);
                    }
                });
    }

    /** Deletes the daily totals of days before yesterday (UTC), in the same bounded batches; returns how many. */
    public Uni<Integer> purgeDailyTotals() {
        var before =
                clock.instant().atZone(java.time.ZoneOffset.UTC).toLocalDate().minusDays(1);
        int size = config.idempotency().purgeBatch();
        return batches(
                () -> risk.purgeDailyTotals(before, size),
                size,
                config.idempotency().purgeMaxBatches(),
                0);
    }

    private static Uni<Integer> batches(
            java.util.function.Supplier<Uni<Integer>> one, int size, int batchesLeft, int deleted) {
        if (batchesLeft == 0) {
            return Uni.createFrom().item(deleted);
        }
        return one.get()
                .flatMap(n -> n < size
                        ? Uni.createFrom().item(deleted + n)
                        : batches(one, size, batchesLeft - 1, deleted + n));
    }
}

package io.payguard.wallet.application;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.payguard.wallet.application.port.LedgerStore;
import io.payguard.wallet.domain.LedgerCommand;
import io.payguard.wallet.domain.Outcome;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * Releases holds whose time is up: every {@code payguard.wallet.hold-expiry-interval} it expires a batch of
 * due holds, each in its own transaction through the ledger (so a capture racing the expiry is decided by
 * the row locks, and exactly one of them wins).
 */
@ApplicationScoped
public class HoldExpiry {

    private static final Logger LOG = Logger.getLogger(HoldExpiry.class);

    private final LedgerService ledger;
    private final LedgerStore store;
    private final Clock clock;
    private final Vertx vertx;
    private final Duration interval;
    private final AtomicBoolean running = new AtomicBoolean();
    private long timer = -1;

    public HoldExpiry(
            LedgerService ledger,
            LedgerStore store,
            Clock clock,
            Vertx vertx,
            @ConfigProperty(name = "payguard.wallet.hold-expiry-interval", defaultValue = "PT5S") Duration interval) {
        this.ledger = ledger;
        this.store = store;
        this.clock = clock;
        this.vertx = vertx;
        this.interval = interval;
    }

    void start(@Observes StartupEvent ignored) {
        timer = vertx.setPeriodic(interval.toMillis(), id -> sweep());
    }

    void stop(@Observes ShutdownEvent ignored) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    private void sweep() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        var context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(v -> expireDue().subscribe().with(n -> running.set(false), e -> {
            running.set(false);
            LOG.warnf("hold expiry round failed, will retry: %s", e.getClass().getName());
        }));
    }

    /** Expires up to 100 due holds; returns how many it expired. */
    public Uni<Integer> expireDue() {
        return Panache.withSession(() -> store.dueHolds(clock.instant(), 100))
                .flatMap(ids -> Multi.createFrom()
                        .iterable(ids)
                        .onItem()
                        .transformToUniAndConcatenate(id -> Panache.withTransaction(
                                () -> ledger.execute(new LedgerCommand.ExpireHold(id, "expiry"))))
                        .filter(outcome -> outcome instanceof Outcome.HoldChanged)
                        .collect()
                        .asList()
                        .map(java.util.List::size));
    }
}

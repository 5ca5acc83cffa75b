package io.payguard.wallet.application;

import java.time.Clock;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.payguard.platform.messaging.PeriodicTask;
import io.payguard.wallet.application.port.LedgerStore;
import io.payguard.wallet.domain.LedgerCommand;
import io.payguard.wallet.domain.Outcome;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * Releases holds whose time is up: every {@code payguard.wallet.hold-expiry-interval} (a {@link PeriodicTask} round)
 * it expires a batch of due holds, each in its own transaction through the ledger (so a capture racing the expiry is
 * decided by the row locks, and exactly one of them wins).
 */
@ApplicationScoped
public class HoldExpiry {

    private final LedgerService ledger;
    private final LedgerStore store;
    private final Clock clock;
    private final Duration interval;
    private final PeriodicTask task = new PeriodicTask("hold expiry round", this::expireDue);

    public HoldExpiry(
            LedgerService ledger,
            LedgerStore store,
            Clock clock,
            @ConfigProperty(name = "payguard.wallet.hold-expiry-interval", defaultValue = "PT5S") Duration interval) {
        this.ledger = ledger;
        this.store = store;
        this.clock = clock;
        this.interval = interval;
    }

    void start(@Observes StartupEvent ignored, Vertx vertx) {
        task.start(vertx, interval);
    }

    void stop(@Observes ShutdownEvent ignored, Vertx vertx) {
        task.stop(vertx);
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

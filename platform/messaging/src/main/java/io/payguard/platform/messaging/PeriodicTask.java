package io.payguard.platform.messaging;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * A round of background work on a Vert.x timer: a round that is still running when the next is due is skipped, and
 * a failed round is logged (type only) and tried again at the next tick. An interval of zero never starts it.
 */
public final class PeriodicTask {

    private static final Logger LOG = Logger.getLogger(PeriodicTask.class);

    private final String name;
    private final Supplier<Uni<?>> round;
    private final AtomicBoolean running = new AtomicBoolean();
    private long timer = -1;
    private Vertx vertx;

    public PeriodicTask(String name, Supplier<Uni<?>> round) {
        this.name = name;
        this.round = round;
    }

    public void start(Vertx vertx, Duration interval) {
        this.vertx = vertx;
        if (!interval.isZero()) {
            timer = vertx.setPeriodic(interval.toMillis(), id -> runOnce());
        }
    }

    public void stop(Vertx vertx) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    void runOnce() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        // a timer gives no safe duplicated context, which Hibernate Reactive sessions need: each round gets its own
        var context =
                VertxContext.createNewDuplicatedContext(vertx.getDelegate().getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(v -> Uni.createFrom().deferred(round).subscribe().with(done -> running.set(false), e -> {
            running.set(false);
            LOG.warnf("%s failed, will retry next round: %s", name, e.getClass().getName());
        }));
    }
}

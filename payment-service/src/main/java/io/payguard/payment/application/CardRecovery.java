package io.payguard.payment.application;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.payguard.payment.config.PaymentConfig;
import io.payguard.payment.domain.PaymentIntent;
import io.payguard.payment.domain.PaymentState.Processing;
import io.payguard.payment.domain.Transition;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * Resolves card payments left in {@code processing} (the replica died between the acquirer call and recording its
 * answer). Every {@code recovery.interval} it takes the card payments unchanged in processing for
 * {@code recovery.after}, each in its own transaction locked with {@code FOR UPDATE SKIP LOCKED} (so replicas never
 * work on the same payment), asks the acquirer by payment id and records what it says; never guesses:
 * <ul>
 * <li>authorising, approved → authorised (and captured when capture is automatic, as on the normal path);
 * declined → failed with the acquirer's reason; unknown → reversed, failed {@code acquirer_timeout};</li>
 * <li>capturing: captured at the acquirer → succeeded; not captured → the capture is made now; unknown → left for
 * the next round.</li>
 * </ul>
 * Counted in {@code payguard.payment.card.recovered{outcome}}; the log names the payment id only.
 */
@ApplicationScoped
public class CardRecovery {

    private static final Logger LOG = Logger.getLogger(CardRecovery.class);
    static final String METRIC = "payguard.payment.card.recovered";

    private record Recovered(Transition.Applied applied, String outcome) {
    }

    private final PaymentStore store;
    private final PaymentService payments;
    private final Acquirer acquirer;
    private final OutcomeSignals signals;
    private final Clock clock;
    private final PaymentConfig config;
    private final MeterRegistry registry;
    private final Vertx vertx;
    private final AtomicBoolean running = new AtomicBoolean();
    private long timer = -1;

    public CardRecovery(PaymentStore store, PaymentService payments, Acquirer acquirer, OutcomeSignals signals, Clock clock, PaymentConfig config,
            MeterRegistry registry, Vertx vertx) {
        this.store = store;
        this.payments = payments;
        this.acquirer = acquirer;
        this.signals = signals;
        this.clock = clock;
        this.config = config;
        this.registry = registry;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent ignored) {
        if (!config.recovery().interval().isZero()) {
            timer = vertx.setPeriodic(config.recovery().interval().toMillis(), id -> round());
        }
    }

    void stop(@Observes ShutdownEvent ignored) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    private void round() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        // Hibernate Reactive needs a safe duplicated context, which a timer does not give
        var context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(v -> recoverDue().subscribe().with(n -> running.set(false), e -> {
            running.set(false);
            LOG.warnf("card payment recovery round failed, will retry: %s", e.getClass().getName());
        }));
    }

    /** Resolves the due card payments; returns how many it resolved. */
    public Uni<Integer> recoverDue() {
        Instant cutoff = clock.instant().minus(config.recovery().after());
        return Panache.withSession(() -> store.staleCardPayments(cutoff, config.recovery().batch()))
                .flatMap(ids -> Multi.createFrom().iterable(ids)
                        .onItem().transformToUniAndConcatenate(id -> recover(id, cutoff).onFailure().recoverWithItem(e -> {
                            LOG.warnf("recovery of card payment %s failed, will retry: %s", id, e.getClass().getName());
                            return Optional.empty();
                        }))
                        .filter(Optional::isPresent)
                        .collect().asList().map(List::size));
    }

    private Uni<Optional<String>> recover(String id, Instant cutoff) {
        return Panache.withTransaction(() -> store.lockIfStale(id, cutoff).flatMap(found -> {
            if (found.isEmpty()) {
                // taken by another replica, or recorded since
                return Uni.createFrom().item((Recovered) null);
            }
            var p = found.get();
            var processing = (Processing) p.state();
            return acquirer.query(p.id()).flatMap(r -> processing.step() == Processing.Step.AUTHORISING ? authorisation(p, r) : capture(p, processing, r));
        })).flatMap(recovered -> {
            if (recovered == null) {
                return Uni.createFrom().item(Optional.<String>empty());
            }
            Counter.builder(METRIC).description("card payments resolved after being left in processing").tag("outcome", recovered.outcome())
                    .register(registry).increment();
            LOG.infof("card payment %s recovered: %s", id, recovered.outcome());
            if (recovered.applied() == null) {
                return Uni.createFrom().item(Optional.<String>empty());
            }
            // an automatic capture follows an authorisation here exactly as on the normal path
            return payments.followCard(recovered.applied()).invoke(x -> signals.signal(id)).replaceWith(Optional.of(recovered.outcome()));
        });
    }

    private Uni<Recovered> authorisation(PaymentIntent p, Acquirer.Result r) {
        var now = clock.instant();
        return switch (r) {
            case Acquirer.Result.Approved a -> recorded(p.authorised(a.authorization(), now), "authorised");
            case Acquirer.Result.Declined d -> recorded(p.authorisationRefused(d.reasonCode(), now), "declined");
            case Acquirer.Result.ChallengeRequired c -> recorded(p.authorisationRefused("authentication_required", now), "declined");
            case Acquirer.Result.Timeout t -> acquirer.reverse(p.id()).chain(() -> recorded(p.authorisationRefused("acquirer_timeout", now), "reversed"));
        };
    }

    private Uni<Recovered> capture(PaymentIntent p, Processing processing, Acquirer.Result r) {
        var now = clock.instant();
        if (r instanceof Acquirer.Result.Approved a && a.captured() >= processing.amount()) {
            return recorded(p.captured(processing.amount(), now), "captured");
        }
        if (r instanceof Acquirer.Result.Approved a && a.captured() == 0) {
            return acquirer.capture(processing.authorization(), p.amount().withMinor(processing.amount()))
                    .flatMap(ok -> ok ? recorded(p.captured(processing.amount(), now), "captured")
                            : recorded(p.captureRefused("capture_failed", now), "capture_failed"));
        }
        return Uni.createFrom().item(new Recovered(null, "unresolved"));
    }

    private Uni<Recovered> recorded(Transition t, String outcome) {
        return payments.applied(t).map(a -> new Recovered(a, outcome));
    }
}

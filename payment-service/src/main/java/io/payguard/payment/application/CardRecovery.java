package io.payguard.payment.application;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.payguard.payment.application.port.Acquirer;
import io.payguard.payment.application.port.PaymentStore;
import io.payguard.payment.config.PaymentConfig;
import io.payguard.payment.domain.PaymentIntent;
import io.payguard.payment.domain.PaymentState.Processing;
import io.payguard.payment.domain.Refund;
import io.payguard.payment.domain.Transition;
import io.payguard.platform.messaging.DueWork;
import io.payguard.platform.messaging.PeriodicTask;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * Resolves card payments left in {@code processing} (the replica died between the acquirer call and recording its
 * answer). Every {@code recovery.interval} it takes the card payments unchanged in processing for
 * {@code recovery.after}, each in its own transaction locked with {@code FOR UPDATE SKIP LOCKED} (so replicas never
 * work on the same payment), asks the acquirer by payment id and records what it says; never guesses:
 * <ul>
 * <li>authorising, approved → authorised (and captured when capture is automatic, as on the normal path);
 * declined → failed with the acquirer's reason; unknown → reversed, failed {@code acquirer_timeout};</li>
 * <li>capturing: captured at the acquirer → succeeded; not captured → the capture is made now; unknown → left for
 * the next round, at most {@code recovery.max-attempts} rounds: then the payment is parked (no longer selected,
 * logged once at WARN, gauge {@code payguard.payment.card.recovery.parked}) for an operator.</li>
 * </ul>
 * In the same round, card refunds still {@code pending} {@code recovery.refund-after} after they were requested (the
 * replica died between the acquirer's refund and recording it) are resolved by {@link Acquirer#refundStatus}, each
 * in its own transaction with the payment locked {@code FOR UPDATE SKIP LOCKED}: refunded → succeeded (through
 * {@link Refunds#refundOutcome}); never seen → sent again with the same refund id (idempotent at the
 * acquirer) and its answer recorded; unknown (or refunded with another amount) → left pending for the next round, at
 * most {@code recovery.max-attempts} rounds: then the refund is parked like a capture (still pending, no longer
 * selected, logged once at WARN with the refund and payment ids, outcome {@code refund_parked}, gauge
 * {@code payguard.payment.card.recovery.parked-refunds}) for an operator. Wallet refunds are not touched (the wallet
 * answers them, {@code WalletCommandResender} resends them).
 * Counted in {@code payguard.payment.card.recovered{outcome}}; the log names the payment (or refund) id only.
 */
@ApplicationScoped
public class CardRecovery {

    private static final Logger LOG = Logger.getLogger(CardRecovery.class);
    static final String METRIC = "payguard.payment.card.recovered";
    static final String PARKED_GAUGE = "payguard.payment.card.recovery.parked";
    static final String PARKED_REFUNDS_GAUGE = "payguard.payment.card.recovery.parked-refunds";

    private record Recovered(Transition.Applied applied, String outcome) {}

    private record RefundRecovered(String paymentId, String outcome) {}

    private final PaymentStore store;
    private final IntentTransitions transitions;
    private final CardFunding cards;
    private final Refunds refunds;
    private final Acquirer acquirer;
    private final OutcomeSignals signals;
    private final Clock clock;
    private final PaymentConfig config;
    private final MeterRegistry registry;
    private final AtomicLong parked = new AtomicLong();
    private final AtomicLong parkedRefunds = new AtomicLong();
    private final PeriodicTask task = new PeriodicTask("card payment recovery round", this::round);

    public CardRecovery(
            PaymentStore store,
            IntentTransitions transitions,
            CardFunding cards,
            Refunds refunds,
            Acquirer acquirer,
            OutcomeSignals signals,
            Clock clock,
            PaymentConfig config,
            MeterRegistry registry) {
        this.store = store;
        this.transitions = transitions;
        this.cards = cards;
        this.refunds = refunds;
        this.acquirer = acquirer;
        this.signals = signals;
        this.clock = clock;
        this.config = config;
        this.registry = registry;
    }

    void start(@Observes StartupEvent ignored, Vertx vertx) {
        // the whole database's counts (every replica reports the same numbers: alert on max, not sum); refreshed each
        // round
        gauge(
                PARKED_GAUGE,
                parked,
                "card payments parked by the recovery (capture outcome unknown after max-attempts rounds), still in processing");
        gauge(
                PARKED_REFUNDS_GAUGE,
                parkedRefunds,
                "card refunds parked by the recovery (not resolved with the acquirer in max-attempts rounds), "
                        + "still pending");
        task.start(vertx, config.recovery().interval());
    }

    private void gauge(String name, AtomicLong value, String description) {
        Gauge.builder(name, value, AtomicLong::get)
                .strongReference(true)
                .description(description)
                .register(registry);
    }

    void stop(@Observes ShutdownEvent ignored, Vertx vertx) {
        task.stop(vertx);
    }

    /** The payments, then the refunds, then the parked counts: a failure of one part does not stop the next. */
    private Uni<Integer> round() {
        return recoverDue()
                .onFailure()
                .recoverWithItem(e -> failed("card payment", e))
                .chain(() -> recoverDueRefunds().onFailure().recoverWithItem(e -> failed("card refund", e)))
                .chain(() -> refreshParked()
                        .replaceWith(0)
                        .onFailure()
                        .recoverWithItem(e -> failed("parked payments and refunds count", e)));
    }

    private static Integer failed(String what, Throwable e) {
        LOG.warnf("%s recovery round failed, will retry: %s", what, e.getClass().getName());
        return 0;
    }

    /** Reads the numbers of parked payments and of parked refunds into their gauges; returns them. */
    public Uni<PaymentStore.Parked> refreshParked() {
        return Panache.withSession(store::parkedByRecovery).invoke(n -> {
            parked.set(n.payments());
            parkedRefunds.set(n.refunds());
        });
    }

    /** Resolves the due card payments; returns how many it resolved. */
    public Uni<Integer> recoverDue() {
        Instant cutoff = clock.instant().minus(config.recovery().after());
        return DueWork.each(
                "recovery of card payment",
                Panache.withSession(
                        () -> store.staleCardPayments(cutoff, config.recovery().batch())),
                id -> recover(id, cutoff));
    }

    /** True when the payment's outcome was recorded; false when there was nothing to do, or it is left (or parked). */
    private Uni<Boolean> recover(String id, Instant cutoff) {
        return Panache.withTransaction(() -> store.lockIfStale(id, cutoff).flatMap(found -> {
                    if (found.isEmpty()) {
                        // taken by another replica, or recorded since
                        return Uni.createFrom().item((Recovered) null);
                    }
                    var p = found.get();
                    var processing = (Processing) p.state();
                    return acquirer.query(p.id())
                            .flatMap(r -> processing.step() == Processing.Step.AUTHORISING
                                    ? authorisation(p, r)
                                    : capture(p, processing, r));
                }))
                .flatMap(recovered -> {
                    if (recovered == null) {
                        return Uni.createFrom().item(false);
                    }
                    count(recovered.outcome());
                    if ("parked".equals(recovered.outcome())) {
                        // once: a parked payment is never selected again
                        LOG.warnf(
                                "card payment %s parked: the acquirer could not tell the outcome of its capture in %d rounds; resolve it by hand",
                                id, config.recovery().maxAttempts());
                        return Uni.createFrom().item(false);
                    }
                    LOG.infof("card payment %s recovered: %s", id, recovered.outcome());
                    if (recovered.applied() == null) {
                        return Uni.createFrom().item(false);
                    }
                    // an automatic capture follows an authorisation here exactly as on the normal path
                    return cards.followCard(recovered.applied())
                            .invoke(x -> signals.signal(id, x))
                            .replaceWith(true);
                });
    }

    private Uni<Recovered> authorisation(PaymentIntent p, Acquirer.Result r) {
        var now = clock.instant();
        return switch (r) {
            case Acquirer.Result.Approved a -> recorded(p.authorised(a.authorization(), now), "authorised");
            case Acquirer.Result.Declined d -> recorded(p.authorisationRefused(d.reasonCode(), now), "declined");
            case Acquirer.Result.ChallengeRequired c ->
                recorded(p.authorisationRefused("authentication_required", now), "declined");
            case Acquirer.Result.Timeout t ->
                acquirer.reverse(p.id())
                        .chain(() -> recorded(p.authorisationRefused("acquirer_timeout", now), "reversed"));
        };
    }

    private Uni<Recovered> capture(PaymentIntent p, Processing processing, Acquirer.Result r) {
        var now = clock.instant();
        if (r instanceof Acquirer.Result.Approved a && a.captured() >= processing.amount()) {
            return recorded(p.captured(processing.amount(), now), "captured");
        }
        if (r instanceof Acquirer.Result.Approved a && a.captured() == 0) {
            return acquirer.capture(processing.authorization(), p.amount().withMinor(processing.amount()))
                    .flatMap(ok -> ok
                            ? recorded(p.captured(processing.amount(), now), "captured")
                            : recorded(p.captureRefused("capture_failed", now), "capture_failed"));
        }
        // the acquirer cannot tell: asked again next round, parked after max-attempts rounds
        return store.recoveryUnresolved(p.id(), config.recovery().maxAttempts(), now)
                .map(parkedNow -> new Recovered(null, parkedNow ? "parked" : "unresolved"));
    }

    private void count(String outcome) {
        Counter.builder(METRIC)
                .description(
                        "card payments left in processing (and card refunds left pending) resolved by the recovery")
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }

    /** Resolves the card refunds left pending; returns how many it resolved. */
    public Uni<Integer> recoverDueRefunds() {
        Instant cutoff = clock.instant().minus(config.recovery().refundAfter());
        return DueWork.each(
                "recovery of card refund",
                Panache.withSession(
                        () -> store.staleCardRefunds(cutoff, config.recovery().batch())),
                id -> recoverRefund(id, cutoff));
    }

    /** True when the refund's answer was recorded (or it was sent again); false when it is left (or parked). */
    private Uni<Boolean> recoverRefund(String refundId, Instant cutoff) {
        return Panache.withTransaction(() -> store.lockForStaleRefund(refundId, cutoff)
                        .flatMap(found -> {
                            if (found.isEmpty()) {
                                // the payment is held by another transaction (tried next round), or the refund was
                                // answered (or parked) since
                                return Uni.createFrom().item((RefundRecovered) null);
                            }
                            var p = found.get();
                            // read under the payment's lock, which the normal path holds when it records the answer:
                            // current
                            return store.findRefund(refundId)
                                    .flatMap(r -> r.filter(Refund::pending).isEmpty()
                                            ? Uni.createFrom().item((RefundRecovered) null)
                                            : acquirer.refundStatus(refundId)
                                                    .flatMap(status -> refund(p, r.get(), status))
                                                    .map(outcome -> new RefundRecovered(p.id(), outcome)));
                        }))
                .map(recovered -> {
                    if (recovered == null) {
                        return false;
                    }
                    var outcome = recovered.outcome();
                    count(outcome);
                    if ("refund_parked".equals(outcome)) {
                        // once: a parked refund is never selected again
                        LOG.warnf(
                                "card refund %s of payment %s parked: not resolved with the acquirer in %d rounds; resolve it by hand",
                                refundId,
                                recovered.paymentId(),
                                config.recovery().maxAttempts());
                        return false;
                    }
                    LOG.infof("card refund %s recovered: %s", refundId, outcome);
                    return !"refund_unresolved".equals(outcome);
                });
    }

    private Uni<String> refund(PaymentIntent p, Refund refund, Acquirer.RefundStatus status) {
        return switch (status) {
            case Acquirer.RefundStatus.Refunded done
            when done.amount() == refund.amount().minor() ->
                refunds.refundOutcome(p, refund.id(), null).replaceWith("refunded");
            // not this refund as we know it: for an operator, never guessed
            case Acquirer.RefundStatus.Refunded other -> {
                LOG.warnf(
                        "card refund %s: the acquirer made it with another amount; left pending for an operator",
                        refund.id());
                yield refundUnresolved(refund);
            }
            // the acquirer never saw it: the same refund id again (refunds are idempotent by id at the acquirer)
            case Acquirer.RefundStatus.NotFound n ->
                acquirer.refund(p.authorization().orElseThrow(), refund.id(), refund.amount())
                        .flatMap(ok -> refunds.refundOutcome(p, refund.id(), ok ? null : "refund_failed")
                                .replaceWith(ok ? "refund_resent" : "refund_failed"));
            case Acquirer.RefundStatus.Unknown u -> refundUnresolved(refund);
        };
    }

    private Uni<String> refundUnresolved(Refund refund) {
        // asked again next round (still pending), parked after max-attempts rounds
        return store.refundRecoveryUnresolved(refund.id(), config.recovery().maxAttempts(), clock.instant())
                .map(parkedNow -> parkedNow ? "refund_parked" : "refund_unresolved");
    }

    private Uni<Recovered> recorded(Transition t, String outcome) {
        return transitions.applied(t).map(a -> new Recovered(a, outcome));
    }
}

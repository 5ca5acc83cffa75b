package io.payguard.payment.application;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.payguard.payment.application.port.PaymentStore;
import io.payguard.payment.application.port.ReviewStore;
import io.payguard.payment.config.PaymentConfig;
import io.payguard.payment.config.RiskConfig;
import io.payguard.payment.domain.PaymentIntent;
import io.payguard.payment.domain.Transition;
import io.payguard.platform.messaging.DueWork;
import io.payguard.platform.messaging.PeriodicTask;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * Risk review (issue 13 item 6): payments whose risk decision was review are authorised without capture and wait
 * in {@code requires_review}. Operators (and compliance officers) list them, approve (the authorisation is
 * captured; a manual-capture payment goes to {@code requires_capture} for its merchant) or decline (released,
 * failed {@code review_declined}). Every {@code payguard.risk.review.expiry-interval} the reviews older than
 * {@code ttl} are released and fail {@code review_expired}, each payment locked {@code FOR UPDATE SKIP LOCKED} in its
 * own transaction so replicas share the work and never wait on an operator deciding the same payment.
 */
@ApplicationScoped
public class ReviewService {

    private static final Logger LOG = Logger.getLogger(ReviewService.class);
    static final String EXPIRED_METRIC = "payguard.payment.review.expired";

    private final ReviewStore reviews;
    private final PaymentStore store;
    private final IntentTransitions transitions;
    private final CardFunding cards;
    private final OutcomeWait waits;
    private final OutcomeSignals signals;
    private final Clock clock;
    private final PaymentConfig paymentConfig;
    private final RiskConfig riskConfig;
    private final MeterRegistry registry;
    private final PeriodicTask expiry = new PeriodicTask("risk review expiry", this::expireDue);

    public ReviewService(
            ReviewStore reviews,
            PaymentStore store,
            IntentTransitions transitions,
            CardFunding cards,
            OutcomeWait waits,
            OutcomeSignals signals,
            Clock clock,
            PaymentConfig paymentConfig,
            RiskConfig riskConfig,
            MeterRegistry registry) {
        this.reviews = reviews;
        this.store = store;
        this.transitions = transitions;
        this.cards = cards;
        this.waits = waits;
        this.signals = signals;
        this.clock = clock;
        this.paymentConfig = paymentConfig;
        this.riskConfig = riskConfig;
        this.registry = registry;
    }

    void start(@Observes StartupEvent ignored, Vertx vertx) {
        requireReviewEndsBeforeHold(
                riskConfig.review().ttl(), riskConfig.review().expiryInterval(), paymentConfig.holdTtl());
        expiry.start(vertx, riskConfig.review().expiryInterval());
    }

    void stop(@Observes ShutdownEvent ignored, Vertx vertx) {
        expiry.stop(vertx);
    }

    /**
     * The wallet hold of a payment in review is placed with {@code expiresAt} = now + {@code hold-ttl}; the review
     * expires {@code ttl} after the risk decision, which comes before the hold is placed, and the job releases it at
     * most one {@code expiry-interval} later. So the hold outlives the review whenever ttl + interval < hold-ttl: the
     * wallet never lets go of a hold the operator could still approve. Otherwise the service refuses to start.
     */
    static void requireReviewEndsBeforeHold(
            java.time.Duration ttl, java.time.Duration interval, java.time.Duration holdTtl) {
        if (ttl.isNegative() || ttl.isZero() || ttl.plus(interval).compareTo(holdTtl) >= 0) {
            throw new IllegalStateException(
                    "payguard.risk.review.ttl (" + ttl + ") plus payguard.risk.review.expiry-interval (" + interval
                            + ") must be positive and shorter than payguard.payment.hold-ttl (" + holdTtl
                            + "): the wallet would expire a hold under review");
        }
    }

    /** A page of the queue: open reviews after the keyset position, oldest first. */
    public Uni<List<ReviewStore.Queued>> queue(Instant afterOpenedAt, String afterPaymentId, int limit) {
        return Panache.withSession(() -> reviews.queue(afterOpenedAt, afterPaymentId, limit));
    }

    /**
     * Approves: the held authorisation is captured (automatic capture: waits up to {@code confirm-wait} for the
     * funding side, like a merchant's capture, and may answer {@code processing}); a manual-capture payment goes to
     * {@code requires_capture}, its merchant captures it.
     */
    public Uni<PaymentIntent> approve(String reviewer, String id, String reason, InTransaction<PaymentIntent> tx) {
        long deadline = waits.deadline();
        return waits.awaitingOutcome(
                id,
                signal -> decide(id, p -> p.approveReview(reviewer, reason, clock.instant()), tx)
                        .flatMap(cards::followCard)
                        .flatMap(p -> waits.awaitOutcome(p, signal, deadline)));
    }

    /** Declines: the authorisation is released (wallet hold voided, card authorisation reversed), failed {@code review_declined}. */
    public Uni<PaymentIntent> decline(String reviewer, String id, String reason, InTransaction<PaymentIntent> tx) {
        return decide(id, p -> p.declineReview(reviewer, reason, clock.instant()), tx)
                .flatMap(cards::followCard);
    }

    private Uni<Transition.Applied> decide(
            String id, java.util.function.Function<PaymentIntent, Transition> action, InTransaction<PaymentIntent> tx) {
        return transitions.change(id, IntentTransitions::found, action, tx);
    }

    /** Releases the reviews that expired; returns how many. */
    public Uni<Integer> expireDue() {
        var now = clock.instant();
        return DueWork.each(
                "expiry of the review of payment",
                Panache.withSession(
                        () -> reviews.expired(now, riskConfig.review().expiryBatch())),
                id -> expire(id, now));
    }

    private Uni<Boolean> expire(String id, Instant now) {
        return Panache.withTransaction(() -> reviews.lockIfExpired(id, now)
                        .flatMap(locked -> !locked
                                ? Uni.createFrom().item((Transition.Applied) null)
                                : store.lock(id)
                                        .map(Optional::orElseThrow)
                                        .flatMap(p -> transitions.applied(p.expireReview(clock.instant())))))
                .flatMap(a -> {
                    if (a == null) {
                        // decided meanwhile, or held by another replica or an operator deciding it now
                        return Uni.createFrom().item(false);
                    }
                    Counter.builder(EXPIRED_METRIC)
                            .description("payments released because nobody reviewed them in time")
                            .register(registry)
                            .increment();
                    LOG.infof("review of payment %s expired: released", id);
                    // a card authorisation is reversed after the commit, like a merchant's cancel
                    return cards.followCard(a)
                            .invoke(p -> signals.signal(id, p))
                            .replaceWith(true);
                });
    }
}

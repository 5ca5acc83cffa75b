package io.payguard.payment.application;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.payment.config.PaymentConfig;
import io.payguard.payment.domain.CaptureMethod;
import io.payguard.payment.domain.MethodType;
import io.payguard.payment.domain.Money;
import io.payguard.payment.domain.PaymentIntent;
import io.payguard.payment.domain.PaymentState;
import io.payguard.payment.domain.Refund;
import io.payguard.payment.domain.Transition;
import io.payguard.platform.web.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The payment intent use cases. Each change locks the intent, applies the domain transition and writes the new
 * state with its events to the outbox in one transaction. Objects of another merchant (or, for a customer, another
 * customer) answer 404 as if they did not exist.
 */
@ApplicationScoped
public class PaymentService {

    /** Who is calling: a merchant, or a customer (confirming their own wallet payment). */
    public sealed interface Actor {
        record Merchant(String merchantId) implements Actor {
        }

        record Customer(String subject) implements Actor {
        }
    }

    public record Create(Money amount, String description, String customer, MethodType method, CaptureMethod captureMethod,
            Map<String, String> metadata) {
    }

    private final PaymentStore store;
    private final PaymentOutbox outbox;
    private final OutcomeSignals signals;
    private final Clock clock;
    private final PaymentConfig config;

    public PaymentService(PaymentStore store, PaymentOutbox outbox, OutcomeSignals signals, Clock clock, PaymentConfig config) {
        this.store = store;
        this.outbox = outbox;
        this.signals = signals;
        this.clock = clock;
        this.config = config;
    }

    public Uni<PaymentIntent> create(String merchantId, Create c) {
        if (c.method() == MethodType.WALLET && c.customer() == null) {
            throw new ProblemException(400, "customer_required", "Customer required", "a wallet payment needs the paying customer");
        }
        var created = PaymentIntent.create("pi_" + compactId(), merchantId, c.customer(), c.amount(), c.description(), c.method(),
                c.captureMethod(), c.metadata(), clock.instant());
        return Panache.withTransaction(() -> store.insert(created.intent()).chain(() -> outbox.publish(created.intent(), created.events())))
                .replaceWith(created.intent());
    }

    public Uni<PaymentIntent> get(String merchantId, String id) {
        return Panache.withSession(() -> store.find(id)).map(found -> owned(found, merchantId));
    }

    public Uni<List<PaymentStore.Listed>> list(PaymentStore.ListQuery query) {
        return Panache.withSession(() -> store.list(query));
    }

    public Uni<List<Refund>> refunds(String merchantId, String id) {
        return Panache.withSession(() -> store.find(id).map(found -> owned(found, merchantId)).chain(p -> store.refundsOf(p.id())));
    }

    /**
     * Confirms; then, while the funding side is working, waits up to {@code payguard.payment.confirm-wait} for the
     * outcome and answers the state reached (possibly still {@code processing}). A wallet payment is confirmed only by
     * its customer: a merchant can never debit a wallet on its own.
     */
    public Uni<PaymentIntent> confirm(Actor actor, String id, MethodType method) {
        long deadline = System.nanoTime() + config.confirmWait().toNanos();
        return Panache.withTransaction(() -> store.lock(id).flatMap(found -> {
            var p = switch (actor) {
                case Actor.Merchant m -> owned(found, m.merchantId());
                case Actor.Customer c -> found.filter(x -> c.subject().equals(x.customerId())).orElseThrow(PaymentService::notFound);
            };
            var chosen = p.method() != null ? p.method() : method;
            if (chosen == MethodType.WALLET && !(actor instanceof Actor.Customer)) {
                throw new ProblemException(403, "customer_authorisation_required", "The customer must confirm",
                        "a wallet payment is confirmed with the paying customer's own token");
            }
            if (chosen == MethodType.CARD) {
                throw new ProblemException(501, "card_payments_unavailable", "Card payments are not available yet", null);
            }
            return apply(p.confirm(method, false, clock.instant()));
        })).flatMap(p -> awaitOutcome(p, deadline));
    }

    public Uni<PaymentIntent> capture(String merchantId, String id, Long amount) {
        long deadline = System.nanoTime() + config.confirmWait().toNanos();
        return change(merchantId, id, p -> p.capture(amount, clock.instant())).flatMap(p -> awaitOutcome(p, deadline));
    }

    public Uni<PaymentIntent> cancel(String merchantId, String id, String reason) {
        return change(merchantId, id, p -> p.cancel(reason, clock.instant()));
    }

    public Uni<Refund> refund(String merchantId, String id, Long amount) {
        var refundId = "re_" + compactId();
        return Panache.withTransaction(() -> store.lock(id).map(found -> owned(found, merchantId)).flatMap(p -> {
            var t = p.refund(refundId, amount, clock.instant());
            if (t instanceof Transition.Applied a) {
                var requested = ((io.payguard.payment.domain.PaymentEvent.RefundRequested) a.events().get(0)).amount();
                var refund = new Refund(refundId, p.id(), requested, Refund.Status.PENDING, null, clock.instant());
                return store.insertRefund(refund).chain(() -> apply(t)).replaceWith(refund);
            }
            return apply(t).replaceWith((Refund) null);
        }));
    }

    private Uni<PaymentIntent> change(String merchantId, String id, java.util.function.Function<PaymentIntent, Transition> action) {
        return Panache.withTransaction(() -> store.lock(id).map(found -> owned(found, merchantId)).flatMap(p -> apply(action.apply(p))));
    }

    /** Writes an applied transition with its events; a rejected one becomes a problem (409 with the current state, or 400). */
    Uni<PaymentIntent> apply(Transition t) {
        return switch (t) {
            case Transition.Applied a -> store.update(a.intent()).chain(() -> outbox.publish(a.intent(), a.events())).replaceWith(a.intent());
            case Transition.Rejected r when Transition.Rejected.INVALID_AMOUNT.equals(r.code()) ->
                    Uni.createFrom().failure(new ProblemException(400, "invalid_amount", "Invalid amount", r.detail()));
            case Transition.Rejected r -> Uni.createFrom().failure(new PaymentConflict(r.currentStatus(), r.detail()));
        };
    }

    private Uni<PaymentIntent> awaitOutcome(PaymentIntent p, long deadline) {
        if (!(p.state() instanceof PaymentState.Processing)) {
            return Uni.createFrom().item(p);
        }
        var signal = signals.register(p.id());
        return Panache.withSession(() -> store.find(p.id())).map(Optional::orElseThrow).flatMap(now -> {
            long left = deadline - System.nanoTime();
            if (!(now.state() instanceof PaymentState.Processing) || left <= 0) {
                signals.forget(p.id(), signal);
                return Uni.createFrom().item(now);
            }
            return signals.await(p.id(), signal, Duration.of(left, java.time.temporal.ChronoUnit.NANOS)).chain(() -> awaitOutcome(now, deadline));
        });
    }

    private static PaymentIntent owned(Optional<PaymentIntent> found, String merchantId) {
        return found.filter(p -> p.merchantId().equals(merchantId)).orElseThrow(PaymentService::notFound);
    }

    static ProblemException notFound() {
        return new ProblemException(404, "payment_intent_not_found", "No such payment intent", null);
    }

    private static String compactId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

}

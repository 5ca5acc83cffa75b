package io.payguard.payment.application;

import java.util.Optional;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.kernel.failure.ApplicationException;
import io.payguard.payment.application.port.PaymentStore;
import io.payguard.payment.application.port.ReviewStore;
import io.payguard.payment.domain.PaymentEvent;
import io.payguard.payment.domain.PaymentIntent;
import io.payguard.payment.domain.Transition;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The plumbing of every change to a payment intent: the domain's transition is written with its events to the outbox
 * (and the review record kept in step) in the caller's transaction; a rejected transition becomes a refusal (409 with
 * the current state, or 400).
 */
@ApplicationScoped
public class IntentTransitions {

    private final PaymentStore store;
    private final PaymentOutbox outbox;
    private final ReviewStore reviews;

    public IntentTransitions(PaymentStore store, PaymentOutbox outbox, ReviewStore reviews) {
        this.store = store;
        this.outbox = outbox;
        this.reviews = reviews;
    }

    /** Writes an applied transition with its events; a rejected one becomes a problem (409 with the current state, or 400). */
    public Uni<PaymentIntent> apply(Transition t) {
        return applied(t).map(Transition.Applied::intent);
    }

    public Uni<Transition.Applied> applied(Transition t) {
        return switch (t) {
            case Transition.Applied a ->
                store.update(a.intent())
                        .chain(() -> outbox.publish(a.intent(), a.events()))
                        .chain(() -> trackReview(a))
                        .replaceWith(a);
            case Transition.Rejected r
            when Transition.Rejected.INVALID_AMOUNT.equals(r.code()) ->
                Uni.createFrom().failure(ApplicationException.invalid("invalid_amount", "Invalid amount", r.detail()));
            case Transition.Rejected r -> Uni.createFrom().failure(new PaymentConflict(r.currentStatus(), r.detail()));
        };
    }

    /**
     * A change of one caller: in one transaction that {@code tx} joins, locks the intent, picks it with {@code visible}
     * (which refuses one the caller may not see), applies {@code action} and ends {@code tx} with the result.
     */
    public Uni<Transition.Applied> change(
            String id,
            Function<Optional<PaymentIntent>, PaymentIntent> visible,
            Function<PaymentIntent, Transition> action,
            InTransaction<PaymentIntent> tx) {
        return Panache.withTransaction(() -> tx.begin()
                .chain(() -> store.lock(id))
                .map(visible)
                .flatMap(p -> applied(action.apply(p)))
                .call(a -> tx.end(a.intent())));
    }

    /** Keeps the payment's review record in step with its state, in the transition's transaction. */
    private Uni<Void> trackReview(Transition.Applied a) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (var e : a.events()) {
            if (e instanceof PaymentEvent.ReviewOpened) {
                chain = chain.chain(
                        () -> reviews.opened(a.intent().id(), a.intent().updatedAt()));
            } else if (e instanceof PaymentEvent.ReviewClosed c) {
                chain = chain.chain(() -> reviews.closed(
                        a.intent().id(),
                        c.outcome(),
                        c.reviewer(),
                        c.reason(),
                        a.intent().updatedAt()));
            }
        }
        return chain;
    }

    /** The intent when it belongs to {@code merchantId}; another merchant's answers 404 as if it did not exist. */
    public static PaymentIntent owned(Optional<PaymentIntent> found, String merchantId) {
        return found.filter(p -> p.merchantId().equals(merchantId)).orElseThrow(IntentTransitions::notFound);
    }

    /** The intent, or 404. */
    public static PaymentIntent found(Optional<PaymentIntent> found) {
        return found.orElseThrow(IntentTransitions::notFound);
    }

    public static ApplicationException notFound() {
        return ApplicationException.notFound("payment_intent_not_found", "No such payment intent", null);
    }
}

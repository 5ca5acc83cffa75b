package io.payguard.payment.application;

import java.time.Clock;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.payment.application.port.PaymentStore;
import io.payguard.payment.domain.PaymentEvent;
import io.payguard.payment.domain.PaymentIntent;
import io.payguard.payment.domain.Refund;
import io.payguard.payment.domain.Transition;
import io.smallrye.mutiny.Uni;

/**
 * The refund records of a payment: a refund is requested (recorded pending, or awaiting the wallet for a top-up) in
 * the transaction that changes the payment, and its answer (the acquirer's, the wallet's or the recovery's) is
 * recorded once. Carrying a card refund out at the acquirer is {@link CardFunding}'s.
 */
@ApplicationScoped
public class Refunds {

    private final PaymentStore store;
    private final IntentTransitions transitions;
    private final Clock clock;

    public Refunds(PaymentStore store, IntentTransitions transitions, Clock clock) {
        this.store = store;
        this.transitions = transitions;
        this.clock = clock;
    }

    /** A new refund id. */
    public static String refundId() {
        return "re_" + UUID.randomUUID().toString().replace("-", "");
    }

    /**
     * Records a pending refund of {@code amount} (null: all that is left) of the locked payment {@code p}, in the caller's
     * transaction; the caller carries it out with {@link CardFunding#followCard} after the commit (a card refund left
     * pending is sent by the recovery).
     */
    public Uni<Transition.Applied> requestRefund(PaymentIntent p, String refundId, Long amount) {
        return requestRefund(p, refundId, amount, Refund.Status.PENDING);
    }

    /** As {@link #requestRefund(PaymentIntent, String, Long)}, the refund recorded in {@code status} (a top-up's: awaiting the wallet). */
    public Uni<Transition.Applied> requestRefund(PaymentIntent p, String refundId, Long amount, Refund.Status status) {
        return transitions.applied(p.refund(refundId, amount, clock.instant())).call(a -> {
            var requested = ((PaymentEvent.RefundRequested) a.events().get(0)).amount();
            return store.insertRefund(new Refund(refundId, p.id(), requested, status, null, clock.instant()));
        });
    }

    /** Records the answer to a pending refund (from the wallet or the acquirer). Inside a transaction, intent locked. */
    public Uni<Void> refundOutcome(PaymentIntent p, String refundId, String refusal) {
        return store.findRefund(refundId).flatMap(found -> {
            var refund = found.filter(r ->
                            r.paymentId().equals(p.id()) && (r.pending() || (refusal != null && r.awaitingWallet())))
                    .orElse(null);
            if (refund == null) {
                return Uni.createFrom().voidItem();
            }
            var now = clock.instant();
            Refund done = refusal == null ? refund.succeeded() : refund.failed(refusal);
            var t = refusal == null
                    ? p.refundCompleted(refundId, refund.amount().minor(), now)
                    : p.refundFailed(refundId, refund.amount().minor(), refusal, now);
            return store.updateRefund(done).chain(() -> transitions.apply(t)).replaceWithVoid();
        });
    }
}

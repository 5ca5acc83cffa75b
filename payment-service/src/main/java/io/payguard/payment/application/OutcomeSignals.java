package io.payguard.payment.application;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.payment.domain.PaymentIntent;
import io.smallrye.mutiny.Uni;

/**
 * Wakes confirm calls waiting on this replica when an answer for their payment was applied (and committed), handing
 * them the payment as the answer left it, so they need not read it again. Only a shortcut: a waiter woken without a
 * payment, or at its deadline, reads the payment from the database, so an answer applied by another replica is still
 * seen (at the deadline at the latest).
 */
@ApplicationScoped
public class OutcomeSignals {

    /** One wait for one payment; completes with the payment after an answer (null: read it yourself). */
    public static final class Signal {
        private final CompletableFuture<PaymentIntent> applied = new CompletableFuture<>();
    }

    private static final Duration MIN_WAIT = Duration.ofMillis(1);

    private final ConcurrentHashMap<String, Signal> waiting = new ConcurrentHashMap<>();

    public Signal register(String paymentId) {
        return waiting.computeIfAbsent(paymentId, id -> new Signal());
    }

    /** An answer for the payment committed; {@code after} is the payment as it left it, or null when not known. */
    public void signal(String paymentId, PaymentIntent after) {
        var s = waiting.remove(paymentId);
        if (s != null) {
            s.applied.complete(after);
        }
    }

    /**
     * The payment handed over by the signal, or null after {@code max} (or when the signal carried none). A wait of
     * less than a millisecond is over already: Vert.x refuses timers under 1 ms, and a refused timer would leave the
     * waiting request without an answer for good.
     */
    public Uni<PaymentIntent> await(String paymentId, Signal signal, Duration max) {
        if (max.compareTo(MIN_WAIT) < 0) {
            if (signal.applied.isDone()) {
                return Uni.createFrom().item(signal.applied.getNow(null));
            }
            waiting.remove(paymentId, signal);
            return Uni.createFrom().nullItem();
        }
        return Uni.createFrom()
                .completionStage(signal.applied)
                .ifNoItem()
                .after(max)
                .recoverWithItem(() -> {
                    waiting.remove(paymentId, signal);
                    return null;
                });
    }

    public void forget(String paymentId, Signal signal) {
        waiting.remove(paymentId, signal);
    }

    int waiting() {
        return waiting.size();
    }
}

package io.payguard.payment.application;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.payment.application.port.PaymentStore;
import io.payguard.payment.config.PaymentConfig;
import io.payguard.payment.domain.PaymentIntent;
import io.payguard.payment.domain.PaymentState;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The bounded wait of a use case for the funding side's answer (the wallet's, or the acquirer's through the
 * recovery): up to {@code payguard.payment.confirm-wait}, answering the state reached (possibly still
 * {@code processing}).
 */
@ApplicationScoped
public class OutcomeWait {

    private final OutcomeSignals signals;
    private final PaymentStore store;
    private final PaymentConfig config;

    public OutcomeWait(OutcomeSignals signals, PaymentStore store, PaymentConfig config) {
        this.signals = signals;
        this.store = store;
        this.config = config;
    }

    /** The deadline ({@link System#nanoTime()}) of a wait that starts now: {@code confirm-wait} from now. */
    public long deadline() {
        return System.nanoTime() + config.confirmWait().toNanos();
    }

    /**
     * Runs a use case that may wait for the payment's funding answer ({@link #awaitOutcome}) with a signal registered
     * before its transaction, so an answer applied right after the commit cannot be missed; the signal is given up
     * however the use case ends (answered, failed, or with nothing to wait for).
     */
    public Uni<PaymentIntent> awaitingOutcome(String id, Function<OutcomeSignals.Signal, Uni<PaymentIntent>> useCase) {
        var signal = signals.register(id);
        return useCase.apply(signal).onTermination().invoke(() -> signals.forget(id, signal));
    }

    /**
     * Waits for the funding answer of a payment in {@code processing}, until the deadline. {@code signal} was
     * registered before the transaction that started the processing committed, so an answer applied on this replica
     * in between is not missed; it carries the payment as that answer left it. Without a signal (the answer was
     * applied by another replica, or the deadline passed) the payment is read from the database.
     */
    public Uni<PaymentIntent> awaitOutcome(PaymentIntent p, OutcomeSignals.Signal signal, long deadline) {
        long left = deadline - System.nanoTime();
        if (!(p.state() instanceof PaymentState.Processing) || left <= 0) {
            return Uni.createFrom().item(p);
        }
        return signals.await(p.id(), signal, Duration.ofNanos(left)).flatMap(applied -> {
            if (applied != null && !(applied.state() instanceof PaymentState.Processing)) {
                return Uni.createFrom().item(applied);
            }
            // woken without a final state (or timed out): read it; wait again on a fresh signal while time is left
            return awaitingOutcome(
                    p.id(),
                    next -> Panache.withSession(() -> store.find(p.id()))
                            .map(Optional::orElseThrow)
                            .flatMap(now -> awaitOutcome(now, next, deadline)));
        });
    }
}

package io.payguard.payment.application;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

/**
 * Wakes confirm calls waiting on this replica when an answer for their payment was applied. Only a shortcut: a
 * waiter re-reads the payment from the database after each wake-up and at its deadline, so an answer applied by
 * another replica is still seen (at the deadline at the latest).
 */
@ApplicationScoped
public class OutcomeSignals {

    private final ConcurrentHashMap<String, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();

    public CompletableFuture<Void> register(String paymentId) {
        return waiting.computeIfAbsent(paymentId, id -> new CompletableFuture<>());
    }

    public void signal(String paymentId) {
        var f = waiting.remove(paymentId);
        if (f != null) {
            f.complete(null);
        }
    }

    /** Completes on the signal or after {@code max}, whichever comes first. */
    public Uni<Void> await(String paymentId, CompletableFuture<Void> signal, Duration max) {
        return Uni.createFrom().completionStage(signal).ifNoItem().after(max).recoverWithItem(() -> {
            waiting.remove(paymentId, signal);
            return null;
        }).replaceWithVoid();
    }

    public void forget(String paymentId, CompletableFuture<Void> signal) {
        waiting.remove(paymentId, signal);
    }

    int waiting() {
        return waiting.size();
    }
}

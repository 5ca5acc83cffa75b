package io.payguard.payment.application;

import java.time.Instant;
import java.util.Optional;

import io.smallrye.mutiny.Uni;

/** Stored idempotency keys; each call commits on its own, except {@link #completeInTransaction}. */
public interface IdempotencyStore {

    /** status 0: the first request is still in flight. */
    record Stored(String requestHash, int status, String body) {
    }

    /**
     * Claims (scope, key) for this request: true when it is new, expired (created before {@code expiredBefore}), or
     * an in-flight claim of the same request whose lock ran out.
     */
    Uni<Boolean> claim(String scope, String key, String requestHash, Instant now, Instant lockedUntil, Instant expiredBefore);

    Uni<Optional<Stored>> find(String scope, String key);

    Uni<Void> complete(String scope, String key, int status, String body);

    Uni<Void> release(String scope, String key);

    /** Completes the key in the caller's current transaction (commits, or rolls back, with the business change). */
    Uni<Void> completeInTransaction(String scope, String key, int status, String body);

    /** Deletes up to {@code limit} keys created before {@code createdBefore}; returns how many. */
    Uni<Integer> purge(Instant createdBefore, int limit);
}

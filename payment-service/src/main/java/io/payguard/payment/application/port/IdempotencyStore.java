package io.payguard.payment.application.port;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import io.smallrye.mutiny.Uni;

/**
 * Stored idempotency keys. The claim and the answer of a call are written in the call's business transaction
 * ({@code ...InTransaction}); the rest commits on its own. {@code claimId} names the request holding a claim: a
 * request only ever completes or releases its own.
 */
public interface IdempotencyStore {

    /**
     * {@code status} 0: the first request is in flight and changed nothing yet; below 0: it is in flight and its change
     * committed with the provisional answer {@code -status}/{@code body} (replayed once {@code lockedUntil} passed: the
     * request died); above 0: the answer.
     */
    record Stored(String requestHash, int status, String body, Instant lockedUntil) {}

    /** A claim of (scope, key) by one request, locked until {@code lockedUntil}; a key created before {@code expiredBefore} is free again. */
    record Claim(
            String scope,
            String key,
            String requestHash,
            UUID claimId,
            Instant now,
            Instant lockedUntil,
            Instant expiredBefore) {}

    /**
     * Claims (scope, key) for this request in the caller's current transaction: true when it is new, expired (created
     * before {@code expiredBefore}), or an in-flight claim of the same request whose lock ran out. A concurrent
     * duplicate waits on the key until this transaction ends, then sees its outcome.
     */
    Uni<Boolean> claimInTransaction(Claim claim);

    /**
     * Stores the answer in the caller's current transaction (commits, or rolls back, with the business change);
     * a provisional one (the call goes on after its transaction) is stored as {@code -status}.
     */
    Uni<Void> completeInTransaction(String scope, String key, int status, String body, boolean provisional);

    Uni<Optional<Stored>> find(String scope, String key);

    /** Replaces the stored answer of this claim with the final one (a call that went on after its transaction). */
    Uni<Void> complete(String scope, String key, UUID claimId, int status, String body);

    /**
     * Stores a refusal (4xx) as the key's answer: the call's transaction rolled back (its claim with it) or never
     * began. Changes nothing when another request holds the key meanwhile.
     */
    Uni<Void> storeRefusal(
            String scope, String key, String requestHash, UUID claimId, int status, String body, Instant now);

    /**
     * Frees this claim when its call changed nothing (status 0). A claim whose change committed keeps its provisional
     * answer: replayed once the lock has run out.
     */
    Uni<Void> release(String scope, String key, UUID claimId);

    /** Deletes up to {@code limit} keys created before {@code createdBefore}; returns how many. */
    Uni<Integer> purge(Instant createdBefore, int limit);
}

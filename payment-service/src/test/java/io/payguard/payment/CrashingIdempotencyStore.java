package io.payguard.payment;

import java.time.Instant;
import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import io.payguard.payment.adapter.out.persistence.PgIdempotencyStore;
import io.payguard.payment.application.IdempotencyStore;
import io.smallrye.mutiny.Uni;

/**
 * The real store, except for keys starting with {@value #CRASH_PREFIX}: there the process "dies" right after the
 * call's business transaction committed, so neither the usual completion nor the release of the key ever happens.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class CrashingIdempotencyStore implements IdempotencyStore {

    public static final String CRASH_PREFIX = "crash-after-commit-";

    private final PgIdempotencyStore real;

    public CrashingIdempotencyStore(PgIdempotencyStore real) {
        this.real = real;
    }

    @Override
    public Uni<Boolean> claim(String scope, String key, String requestHash, Instant now, Instant lockedUntil, Instant expiredBefore) {
        return real.claim(scope, key, requestHash, now, lockedUntil, expiredBefore);
    }

    @Override
    public Uni<Optional<Stored>> find(String scope, String key) {
        return real.find(scope, key);
    }

    @Override
    public Uni<Void> complete(String scope, String key, int status, String body) {
        if (key.startsWith(CRASH_PREFIX)) {
            return Uni.createFrom().failure(new IllegalStateException("simulated crash after the business transaction"));
        }
        return real.complete(scope, key, status, body);
    }

    @Override
    public Uni<Void> release(String scope, String key) {
        return key.startsWith(CRASH_PREFIX) ? Uni.createFrom().voidItem() : real.release(scope, key);
    }

    @Override
    public Uni<Void> completeInTransaction(String scope, String key, int status, String body) {
        return real.completeInTransaction(scope, key, status, body);
    }

    @Override
    public Uni<Integer> purge(Instant createdBefore, int limit) {
        return real.purge(createdBefore, limit);
    }
}

package io.payguard.wallet.application.port;

import java.time.Instant;
import java.util.Optional;

import io.smallrye.mutiny.Uni;

/** Idempotency-Key records, scoped to the caller. Every method runs inside the caller's transaction. */
public interface IdempotencyStore {

    record Stored(String requestHash, int status, String body) {}

    /** Claims the key; false when it exists (a concurrent claim waits until the first transaction ends). */
    Uni<Boolean> claim(String caller, String key, String requestHash, Instant now);

    Uni<Optional<Stored>> find(String caller, String key);

    Uni<Void> complete(String caller, String key, int status, String body);
}

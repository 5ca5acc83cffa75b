package io.payguard.wallet.application;

import java.time.Clock;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.kernel.failure.ApplicationException;
import io.payguard.wallet.application.port.IdempotencyStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Runs a funds-moving call once per (caller, Idempotency-Key): the key is claimed, the call runs and its
 * answer (success or refusal) is stored, all in one transaction. The same key with the same request replays
 * the stored answer; with a different request it is refused ({@code idempotency_key_reused}, answered 422). The key's
 * format and the request fingerprint are the one rule of {@link io.payguard.kernel.IdempotencyKeys}, which the
 * adapters apply before they call.
 */
@ApplicationScoped
public class Idempotency {

    /**
     * The stored answer of a call: its status and body are rendered by the adapter that made the call (the
     * application stores and replays them unread).
     */
    public record Answer(int status, String body, boolean replayed) {}

    private final IdempotencyStore store;
    private final Clock clock;

    public Idempotency(IdempotencyStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public Uni<Answer> once(String caller, String key, String requestHash, Supplier<Uni<Answer>> call) {
        return Panache.withTransaction(() -> store.claim(caller, key, requestHash, clock.instant())
                .flatMap(first -> {
                    if (first) {
                        return call.get().call(a -> store.complete(caller, key, a.status(), a.body()));
                    }
                    return store.find(caller, key).map(found -> {
                        var stored = found.orElseThrow();
                        if (!stored.requestHash().equals(requestHash)) {
                            throw ApplicationException.refused(
                                    "idempotency_key_reused",
                                    "Idempotency-Key reused",
                                    "This Idempotency-Key was used for a different request");
                        }
                        return new Answer(stored.status(), stored.body(), true);
                    });
                }));
    }
}

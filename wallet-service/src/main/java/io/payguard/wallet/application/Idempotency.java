package io.payguard.wallet.application;

import java.time.Clock;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.platform.web.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Runs a funds-moving call once per (caller, Idempotency-Key): the key is claimed, the call runs and its
 * answer (success or refusal) is stored, all in one transaction. The same key with the same request replays
 * the stored answer; with a different request it is refused with 422.
 */
@ApplicationScoped
public class Idempotency {

    public record Answer(int status, String body, boolean replayed) {
    }

    private final IdempotencyStore store;
    private final Clock clock;

    public Idempotency(IdempotencyStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public static void requireValidKey(String key) {
        if (key == null || !key.matches("[A-Za-z0-9._:-]{8,128}")) {
            throw new ProblemException(400, "idempotency_key_required", "Idempotency-Key header required",
                    "Funds-moving calls need an Idempotency-Key header of 8 to 128 letters, digits, '.', '_', ':' or '-'");
        }
    }

    public static String hash(String operation, String canonicalRequest) {
        return io.payguard.kernel.IdempotencyKeys.hash(operation, canonicalRequest);
    }

    public Uni<Answer> once(String caller, String key, String requestHash, Supplier<Uni<Answer>> call) {
        return Panache.withTransaction(() -> store.claim(caller, key, requestHash, clock.instant()).flatMap(first -> {
            if (first) {
                return call.get().call(a -> store.complete(caller, key, a.status(), a.body()));
            }
            return store.find(caller, key).map(found -> {
                var stored = found.orElseThrow();
                if (!stored.requestHash().equals(requestHash)) {
                    throw new ProblemException(422, "idempotency_key_reused", "Idempotency-Key reused",
                            "This Idempotency-Key was used for a different request");
                }
                return new Answer(stored.status(), stored.body(), true);
            });
        }));
    }
}

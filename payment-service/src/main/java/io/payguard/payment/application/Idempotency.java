package io.payguard.payment.application;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.payment.config.PaymentConfig;
import io.payguard.platform.web.ProblemException;
import io.smallrye.mutiny.Uni;

/**
 * Stripe's idempotency semantics for POSTs. The key is claimed in its own committed transaction, so a concurrent
 * duplicate sees it at once: while the first request runs it gets 409; afterwards the same request gets the first
 * answer replayed (status and body), a different request with the same key 422. Keys are scoped to the caller and
 * kept {@code payguard.payment.idempotency.retention} (>= 24 h). A 4xx answer is stored like a success (the same
 * request would fail the same way); on a server error the claim is released so the client may retry.
 * <p>
 * A call that creates something records its answer through the {@link Recorder} inside its own business transaction,
 * so the key is complete exactly when the object exists: a replica dying between that commit and the usual
 * completion leaves a key that replays the object, never one that runs the call (and creates) again.
 */
@ApplicationScoped
public class Idempotency {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    /** An answer as sent: status, JSON body and whether it is a problem document. */
    public record Answer(int status, String body, boolean replayed) {
    }

    /** Stores the key's answer in the caller's current (Hibernate Reactive) transaction. */
    @FunctionalInterface
    public interface Recorder {
        Uni<Void> record(int status, String body);

        Recorder NONE = (status, body) -> Uni.createFrom().voidItem();
    }

    private final IdempotencyStore store;
    private final Clock clock;
    private final Duration retention;
    private final Duration lock;

    public Idempotency(IdempotencyStore store, Clock clock, PaymentConfig config) {
        this.store = store;
        this.clock = clock;
        this.retention = config.idempotency().retention();
        this.lock = config.idempotency().lock();
        if (retention.compareTo(Duration.ofHours(24)) < 0) {
            throw new IllegalStateException("payguard.payment.idempotency.retention must be at least 24 hours");
        }
    }

    public static void requireValidKey(String key) {
        io.payguard.platform.web.IdempotencyKeys.requireValidKey(key);
    }

    public static String hash(String operation, String canonicalRequest) {
        return io.payguard.platform.web.IdempotencyKeys.hash(operation, canonicalRequest);
    }

    /**
     * Runs {@code call} once per (scope, key). {@code problemBody} renders a refusal for storage. Without a key the
     * call simply runs.
     */
    public Uni<Answer> once(String scope, String key, String requestHash, Supplier<Uni<Answer>> call,
            java.util.function.Function<ProblemException, String> problemBody) {
        return once(scope, key, requestHash, recorder -> call.get(), problemBody);
    }

    /** As {@link #once(String, String, String, Supplier, java.util.function.Function)}, the call recording its answer in its transaction. */
    public Uni<Answer> once(String scope, String key, String requestHash, java.util.function.Function<Recorder, Uni<Answer>> call,
            java.util.function.Function<ProblemException, String> problemBody) {
        if (key == null) {
            return Uni.createFrom().deferred(() -> call.apply(Recorder.NONE));
        }
        Recorder recorder = (status, body) -> store.completeInTransaction(scope, key, status, body);
        var now = clock.instant();
        return store.claim(scope, key, requestHash, now, now.plus(lock), now.minus(retention)).flatMap(claimed -> {
            if (!claimed) {
                return store.find(scope, key).map(found -> replay(found.orElseThrow(() -> inFlight()), requestHash));
            }
            return Uni.createFrom().deferred(() -> call.apply(recorder))
                    .call(answer -> store.complete(scope, key, answer.status(), answer.body()))
                    .onFailure(ProblemException.class).call(e -> {
                        var problem = (ProblemException) e;
                        return problem.status() < 500 && problem.status() != 409
                                ? store.complete(scope, key, problem.status(), problemBody.apply(problem))
                                : store.release(scope, key);
                    })
                    .onFailure(e -> !(e instanceof ProblemException)).call(e -> store.release(scope, key));
        });
    }

    private static Answer replay(IdempotencyStore.Stored stored, String requestHash) {
        if (!stored.requestHash().equals(requestHash)) {
            throw new ProblemException(422, "idempotency_key_reused", "Idempotency-Key reused",
                    "this Idempotency-Key was used for a different request");
        }
        if (stored.status() == 0) {
            throw inFlight();
        }
        return new Answer(stored.status(), stored.body(), true);
    }

    private static ProblemException inFlight() {
        return new ProblemException(409, "idempotency_key_in_use", "Request in progress",
                "a request with this Idempotency-Key is still being processed; retry later");
    }
}

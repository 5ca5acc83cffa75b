package io.payguard.payment.application;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.kernel.failure.ApplicationException;
import io.payguard.payment.application.port.IdempotencyStore;
import io.payguard.payment.config.PaymentConfig;
import io.smallrye.mutiny.Uni;

/**
 * Stripe's idempotency semantics for POSTs: the same key with the same request replays the first answer (status and
 * body); with a different request 422; while the first request is in flight 409. Keys are scoped to the caller and
 * kept {@code payguard.payment.idempotency.retention} (>= 24 h).
 * <p>
 * The key is claimed by the first statement of the call's business transaction and its answer is stored in the same
 * transaction ({@link Key}): the key, the change and the answer commit together or not at all, so a replica dying
 * after the commit leaves a key that replays the change, never one that makes it again. A concurrent duplicate waits
 * on the key until that transaction ends, then replays its answer. A call that goes on after its transaction (a
 * confirm waiting for the wallet, a card capture at the acquirer) stores a provisional answer there: duplicates get
 * 409 while it runs, its final answer replaces it in one more statement, and if the replica dies first the
 * provisional answer is replayed once the key's lock ({@code idempotency.lock}) has run out. A refusal that is a final
 * answer ({@link ApplicationException.Kind#isFinalAnswer()}: the same request would fail the same way) is stored like
 * a success; a state conflict, an unavailable dependency or a server error of a call that changed nothing leaves the
 * key free so the client may retry.
 */
@ApplicationScoped
public class Idempotency {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    /** An answer as sent: status, JSON body and whether it is a replay. */
    public record Answer(int status, String body, boolean replayed) {}

    /** The key of one call, used inside the call's business transaction. */
    public interface Key {
        /** The first statement of the business transaction; fails (rolling it back) when the key is taken. */
        Uni<Void> claim();

        /**
         * Stores the answer in the business transaction; {@code provisional} when the call goes on after the
         * transaction (then its final answer replaces this one).
         */
        Uni<Void> record(int status, String body, boolean provisional);
    }

    /** A call without an Idempotency-Key. */
    public static final Key NONE = new Key() {
        @Override
        public Uni<Void> claim() {
            return Uni.createFrom().voidItem();
        }

        @Override
        public Uni<Void> record(int status, String body, boolean provisional) {
            return Uni.createFrom().voidItem();
        }
    };

    /** The key is held by another request: the business transaction rolls back, then the stored answer decides. */
    static final class KeyTaken extends RuntimeException {
        KeyTaken() {
            super("idempotency key taken", null, false, false);
        }
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
        io.payguard.kernel.IdempotencyKeys.requireValidKey(key);
    }

    public static String hash(String operation, String canonicalRequest) {
        return io.payguard.kernel.IdempotencyKeys.hash(operation, canonicalRequest);
    }

    /** One request's claim: what it stored in its transaction decides whether its final answer needs a statement. */
    private final class Claim implements Key {
        final String scope;
        final String key;
        final String requestHash;
        final UUID id = UUID.randomUUID();
        volatile boolean claimed;
        volatile Answer recorded;

        Claim(String scope, String key, String requestHash) {
            this.scope = scope;
            this.key = key;
            this.requestHash = requestHash;
        }

        @Override
        public Uni<Void> claim() {
            Instant now = clock.instant();
            return store.claimInTransaction(new IdempotencyStore.Claim(
                            scope, key, requestHash, id, now, now.plus(lock), now.minus(retention)))
                    .invoke(ok -> {
                        if (!ok) {
                            throw new KeyTaken();
                        }
                        claimed = true;
                    })
                    .replaceWithVoid();
        }

        @Override
        public Uni<Void> record(int status, String body, boolean provisional) {
            return store.completeInTransaction(scope, key, status, body, provisional)
                    .invoke(() -> recorded = provisional ? null : new Answer(status, body, false));
        }

        Uni<Void> finish(Answer answer) {
            if (!claimed) {
                // every use case claims its key in its transaction: a path that does not is a defect, never silently
                // unprotected
                return Uni.createFrom()
                        .failure(new IllegalStateException(
                                "the call did not claim its Idempotency-Key in its transaction"));
            }
            return answer.equals(recorded)
                    ? Uni.createFrom().voidItem()
                    : store.complete(scope, key, id, answer.status(), answer.body());
        }
    }

    /**
     * Runs {@code call} once per (scope, key); the call claims the {@link Key} first thing in its business transaction
     * and records its answer there. {@code refusal} renders a refusal as the answer to store (status and body: the web adapter's concern). Without a key the call simply runs.
     */
    public Uni<Answer> once(
            String scope,
            String key,
            String requestHash,
            Function<Key, Uni<Answer>> call,
            Function<ApplicationException, Answer> refusal) {
        if (key == null) {
            return Uni.createFrom().deferred(() -> call.apply(NONE));
        }
        var claim = new Claim(scope, key, requestHash);
        return Uni.createFrom()
                .deferred(() -> call.apply(claim))
                .call(claim::finish)
                .onFailure()
                .recoverWithUni(e -> switch (e) {
                    case KeyTaken taken ->
                        store.find(scope, key)
                                .map(found ->
                                        replay(found.orElseThrow(Idempotency::inFlight), requestHash, clock.instant()));
                    case ApplicationException a
                    when a.kind().isFinalAnswer() -> {
                        var answer = refusal.apply(a);
                        yield store.storeRefusal(
                                        scope,
                                        key,
                                        requestHash,
                                        claim.id,
                                        answer.status(),
                                        answer.body(),
                                        clock.instant())
                                .chain(() -> Uni.createFrom().failure(e));
                    }
                    default ->
                        store.release(scope, key, claim.id)
                                .chain(() -> Uni.createFrom().failure(e));
                });
    }

    private static Answer replay(IdempotencyStore.Stored stored, String requestHash, Instant now) {
        if (!stored.requestHash().equals(requestHash)) {
            throw ApplicationException.refused(
                    "idempotency_key_reused",
                    "Idempotency-Key reused",
                    "this Idempotency-Key was used for a different request");
        }
        if (stored.status() == 0 || (stored.status() < 0 && now.isBefore(stored.lockedUntil()))) {
            throw inFlight();
        }
        // a provisional answer whose request died after its commit is replayed as it was committed
        return new Answer(Math.abs(stored.status()), stored.body(), true);
    }

    private static ApplicationException inFlight() {
        return ApplicationException.stateConflict(
                "idempotency_key_in_use",
                "Request in progress",
                "a request with this Idempotency-Key is still being processed; retry later");
    }
}

package io.payguard.payment.application.port;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.payguard.payment.domain.PaymentCode;
import io.smallrye.mutiny.Uni;

/**
 * Payment codes, found by the keyed hash of their digits ({@code digest}; the digits themselves are never stored), and
 * the merchants' misses (charges of unknown codes). Codes live in the caller's transaction; misses are counted on their
 * own (a refused charge rolls its transaction back, its miss must stay counted).
 */
public interface PaymentCodeStore {

    /** False when an active code has the same digest (the random digits collided): nothing was inserted. */
    Uni<Boolean> insert(PaymentCode code, String digest);

    Uni<Optional<PaymentCode>> find(String id);

    Uni<Optional<PaymentCode>> findByDigest(String digest);

    /**
     * The single use: marks the code with this digest used by {@code paymentId} of {@code merchantId} if it is active
     * and not expired at {@code now}, in one statement (of two concurrent charges exactly one gets it). The claimed code,
     * or empty.
     */
    Uni<Optional<PaymentCode>> claim(String digest, String paymentId, String merchantId, Instant now);

    /** Marks at most {@code limit} active codes expired at {@code now} (rows other replicas hold are skipped); returns them. */
    Uni<List<PaymentCode>> expireDue(Instant now, int limit);

    /** The merchant's misses in the window starting at {@code windowStart}. On its own, outside any transaction. */
    Uni<Integer> misses(String merchantId, Instant windowStart);

    /** Counts one miss of the merchant in the window starting at {@code windowStart}. Commits on its own. */
    Uni<Void> recordMiss(String merchantId, Instant windowStart);
}

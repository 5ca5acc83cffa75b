package io.payguard.payment.application.port;

import java.time.Instant;
import java.util.List;

import io.payguard.kernel.Money;
import io.payguard.payment.domain.risk.RiskDecision;
import io.smallrye.mutiny.Uni;

/**
 * Payments sent to risk review: the findings of the decision, when the review expires, when the funds were held
 * (from then on it is in the operator queue) and how it ended. Every call runs in the caller's transaction or session.
 */
public interface ReviewStore {

    /** A payment in the operator queue: masked data only (ids, merchant, amount, the rules that fired). */
    record Queued(
            String paymentId,
            String merchantId,
            Money amount,
            String method,
            String captureMethod,
            List<RiskDecision.Finding> findings,
            Instant requestedAt,
            Instant openedAt,
            Instant expiresAt) {}

    /**
     * The risk decision of {@code paymentId} was review. A card payment confirmed again after 3-D Secure is assessed
     * again: its findings are replaced, its expiry stays the first one.
     */
    Uni<Void> requested(
            String paymentId,
            String merchantId,
            List<RiskDecision.Finding> findings,
            Instant requestedAt,
            Instant expiresAt);

    /** The payment's funds are held: it enters the queue. */
    Uni<Void> opened(String paymentId, Instant now);

    /** The review ended ({@code outcome} approved, declined, expired or canceled). */
    Uni<Void> closed(String paymentId, String outcome, String reviewer, String reason, Instant now);

    /** Open reviews after the keyset position ({@code afterOpenedAt}, {@code afterPaymentId}; both null: from the start), oldest first. */
    Uni<List<Queued>> queue(Instant afterOpenedAt, String afterPaymentId, int limit);

    /** Open reviews whose expiry has passed, oldest expiry first (no lock). */
    Uni<List<String>> expired(Instant now, int limit);

    /**
     * Locks the payment ({@code FOR UPDATE SKIP LOCKED}) if it is still in review and its review has expired; false
     * when it was decided meanwhile or another transaction holds it (another replica, an operator deciding now).
     */
    Uni<Boolean> lockIfExpired(String paymentId, Instant now);
}

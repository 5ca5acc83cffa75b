package io.payguard.payment.application.port;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.payguard.payment.domain.PaymentIntent;
import io.payguard.payment.domain.Refund;
import io.smallrye.mutiny.Uni;

/** Where payment intents, refunds and outstanding wallet commands live. Every call runs in the caller's transaction. */
public interface PaymentStore {

    record ListQuery(
            String merchantId,
            String status,
            String customerId,
            Instant createdFrom,
            Instant createdTo,
            Long beforeSeq,
            int limit) {}

    record Listed(PaymentIntent intent, long seq) {}

    /** What the recovery has parked, in the whole database: card payments still in processing, card refunds still pending. */
    record Parked(long payments, long refunds) {}

    Uni<Void> insert(PaymentIntent intent);

    Uni<Void> update(PaymentIntent intent);

    Uni<Optional<PaymentIntent>> find(String id);

    /** Reads the intent and locks it until the end of the transaction. */
    Uni<Optional<PaymentIntent>> lock(String id);

    Uni<List<Listed>> list(ListQuery query);

    /** Remembers which card token a card payment was confirmed with. */
    Uni<Void> attachCard(String paymentId, String tokenId);

    /** The card token a card payment was last confirmed with, if any. Inside a transaction or session. */
    Uni<java.util.Optional<String>> attachedCard(String paymentId);

    /** Card payments in {@code processing} not changed since {@code updatedBefore}, oldest first, parked ones left out (no lock). */
    Uni<List<String>> staleCardPayments(Instant updatedBefore, int limit);

    /** Locks the card payment if it is still stale, not parked, and no one else holds it ({@code FOR UPDATE SKIP LOCKED}). */
    Uni<Optional<PaymentIntent>> lockIfStale(String id, Instant updatedBefore);

    /**
     * Counts one more recovery round that could not resolve the payment (held locked by the caller); from the
     * {@code maxAttempts}-th on it is parked (no longer selected). True when this round parked it.
     */
    Uni<Boolean> recoveryUnresolved(String id, int maxAttempts, Instant now);

    /** How many payments (still in processing) and refunds (still pending) are parked by the recovery. */
    Uni<Parked> parkedByRecovery();

    /** Pending refunds of card payments created before {@code createdBefore}, oldest first, parked ones left out (no lock). */
    Uni<List<String>> staleCardRefunds(Instant createdBefore, int limit);

    /**
     * Locks the card payment of the refund if the refund is still pending, not parked and older than
     * {@code createdBefore}, and no one else holds the payment ({@code FOR UPDATE SKIP LOCKED}).
     */
    Uni<Optional<PaymentIntent>> lockForStaleRefund(String refundId, Instant createdBefore);

    /**
     * Counts one more recovery round that could not resolve the pending refund (its payment held locked by the
     * caller); from the {@code maxAttempts}-th on it is parked (no longer selected). True when this round parked it.
     */
    Uni<Boolean> refundRecoveryUnresolved(String refundId, int maxAttempts, Instant now);

    Uni<Void> insertRefund(Refund refund);

    Uni<Void> updateRefund(Refund refund);

    Uni<Optional<Refund>> findRefund(String id);

    Uni<List<Refund>> refundsOf(String paymentId);

    Uni<Void> recordCommand(String id, String paymentId, String type, String payload, Instant now, Instant resendAfter);

    /** Marks the command answered; returns its type (empty when unknown). */
    Uni<Optional<String>> answered(String commandId, Instant now);
}

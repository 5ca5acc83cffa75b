package io.payguard.payment.domain;

import java.time.Instant;
import java.util.Objects;

import io.payguard.kernel.Money;

/**
 * One refund of a payment, with its own state: pending until the funding side answers, then succeeded or failed. A
 * top-up's refund waits for the wallet first ({@code awaiting_wallet}).
 */
public record Refund(String id, String paymentId, Money amount, Status status, String reasonCode, Instant createdAt) {

    public enum Status {
        /** A top-up's refund: the wallet must give the money back first; the card is refunded only then. */
        AWAITING_WALLET,
        PENDING,
        SUCCEEDED,
        FAILED;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Refund {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(paymentId, "paymentId");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(status, "status");
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("a refund's amount must be positive");
        }
    }

    public boolean pending() {
        return status == Status.PENDING;
    }

    public boolean awaitingWallet() {
        return status == Status.AWAITING_WALLET;
    }

    /** The wallet gave the money back: the card refund may go to the acquirer now. */
    public Refund walletReversed() {
        return new Refund(id, paymentId, amount, Status.PENDING, null, createdAt);
    }

    public Refund succeeded() {
        return new Refund(id, paymentId, amount, Status.SUCCEEDED, null, createdAt);
    }

    public Refund failed(String reason) {
        return new Refund(id, paymentId, amount, Status.FAILED, reason, createdAt);
    }
}

package io.payguard.payment.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A customer's top-up of their own wallet from their own card. The money comes from the card payment
 * {@code paymentId} (merchant {@link #MERCHANT}); the wallet is credited only once that charge is captured, and a
 * credit the wallet refuses is given back to the card. {@code creditStatus} follows the credit, never the charge.
 */
public record TopUp(
        String paymentId,
        String walletId,
        String customerId,
        CreditStatus creditStatus,
        String creditEntryId,
        String refusalReason,
        Instant createdAt,
        Instant updatedAt) {

    /**
     * The payee of every top-up's card payment: PayGuard's own wallet-funding account. The colon makes it an id no
     * onboarded merchant can have (merchant ids are lower-case letters, digits and '-'), so no merchant can see, capture
     * or refund a top-up.
     */
    public static final String MERCHANT = "payguard:wallet-funding";

    public enum CreditStatus {
        /** The card is not charged (captured) yet. */
        AWAITING_CHARGE,
        /** Captured; the credit command is on its way to the wallet. */
        CREDITING,
        /** The wallet posted the credit. */
        CREDITED,
        /** The wallet refused it (not the customer's wallet, frozen, other currency): the charge is refunded to the card. */
        REFUSED;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static CreditStatus of(String id) {
            return valueOf(id.toUpperCase(java.util.Locale.ROOT));
        }
    }

    public TopUp {
        Objects.requireNonNull(paymentId, "paymentId");
        Objects.requireNonNull(walletId, "walletId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(creditStatus, "creditStatus");
    }

    public static TopUp requested(String paymentId, String walletId, String customerId, Instant now) {
        return new TopUp(paymentId, walletId, customerId, CreditStatus.AWAITING_CHARGE, null, null, now, now);
    }

    public TopUp crediting(Instant now) {
        return new TopUp(paymentId, walletId, customerId, CreditStatus.CREDITING, null, null, createdAt, now);
    }

    public TopUp credited(String entryId, Instant now) {
        return new TopUp(paymentId, walletId, customerId, CreditStatus.CREDITED, entryId, null, createdAt, now);
    }

    public TopUp refused(String reason, Instant now) {
        return new TopUp(paymentId, walletId, customerId, CreditStatus.REFUSED, null, reason, createdAt, now);
    }
}

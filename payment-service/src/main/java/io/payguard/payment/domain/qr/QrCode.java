package io.payguard.payment.domain.qr;

import java.time.Instant;
import java.util.Currency;
import java.util.Objects;
import java.util.Optional;

import io.payguard.kernel.Money;

/**
 * A merchant-presented QR code as issued: {@code dynamic} (one payment intent, its amount fixed, expires, pays once) or
 * {@code static} (a till's code: no amount, no expiry; each payment is a new intent for the amount the customer enters).
 * The exact payload issued is kept: a scanned payload that differs in any character (an amount changed and the CRC
 * recomputed, say) is not this code ({@link Refusal#ALTERED}).
 */
public record QrCode(
        String id,
        String merchantId,
        Type type,
        Status status,
        String reference,
        String payload,
        String paymentId,
        Money amount,
        Currency currency,
        String label,
        Instant expiresAt,
        Instant createdAt,
        Instant updatedAt) {

    public enum Type {
        DYNAMIC,
        STATIC;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public enum Status {
        ACTIVE,
        USED,
        EXPIRED;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Status of(String id) {
            return valueOf(id.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /** Why a scanned payload cannot be paid with this code. */
    public enum Refusal {
        ALTERED("qr_code_altered"),
        EXPIRED("qr_code_expired"),
        USED("qr_code_used");

        private final String code;

        Refusal(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    public QrCode {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(merchantId, "merchantId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(currency, "currency");
        if (type == Type.DYNAMIC && (amount == null || paymentId == null || expiresAt == null)) {
            throw new IllegalArgumentException("a dynamic code has an amount, a payment intent and an expiry");
        }
        if (type == Type.STATIC && (amount != null || paymentId != null || expiresAt != null)) {
            throw new IllegalArgumentException("a static code has no amount, payment intent or expiry");
        }
    }

    /**
     * Why {@code scanned} cannot be paid with this code at {@code now}, or empty when it can: a payload other than the
     * one issued is altered whatever else is true; then a used code, then an expired one.
     */
    public Optional<Refusal> refusal(String scanned, Instant now) {
        if (!payload.equals(scanned)) {
            return Optional.of(Refusal.ALTERED);
        }
        if (status == Status.USED) {
            return Optional.of(Refusal.USED);
        }
        if (status == Status.EXPIRED || expired(now)) {
            return Optional.of(Refusal.EXPIRED);
        }
        return Optional.empty();
    }

    /** Past its expiry (a static code never expires). */
    public boolean expired(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    /** The code after its expiry was noticed: only an active code past its expiry becomes expired. */
    public Optional<QrCode> expire(Instant now) {
        if (status != Status.ACTIVE || !expired(now)) {
            return Optional.empty();
        }
        return Optional.of(with(Status.EXPIRED, now));
    }

    /** The dynamic code after its one payment was claimed. */
    public QrCode used(Instant now) {
        if (type != Type.DYNAMIC || status != Status.ACTIVE) {
            throw new IllegalStateException("only an active dynamic code is used");
        }
        return with(Status.USED, now);
    }

    private QrCode with(Status next, Instant now) {
        return new QrCode(
                id,
                merchantId,
                type,
                next,
                reference,
                payload,
                paymentId,
                amount,
                currency,
                label,
                expiresAt,
                createdAt,
                now);
    }
}

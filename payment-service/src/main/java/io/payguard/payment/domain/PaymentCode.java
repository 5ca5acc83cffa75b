package io.payguard.payment.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import io.payguard.payment.domain.risk.AuthenticationLevel;

/**
 * A customer-presented payment code (the app shows it, the merchant's POS scans it): one-time, valid until
 * {@code expiresAt} (at most 60 s), bound to the customer, the device key of the token that created it ({@code cnf.jkt}
 * thumbprint) and a funding source. The code itself is never kept: only its keyed hash (the store's concern) and its
 * last four digits ({@code tail}) for people to tell codes apart. {@code level}: the customer's authentication level
 * when the code was created (a POS scan adds no factor), which caps the barcode limits of its payment.
 */
public record PaymentCode(
        String id,
        String customerId,
        String keyThumbprint,
        Funding funding,
        AuthenticationLevel level,
        String tail,
        Instant createdAt,
        Instant expiresAt,
        Status status,
        String paymentId,
        String merchantId,
        Instant usedAt) {

    public enum Funding {
        WALLET("wallet");

        private final String id;

        Funding(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public static Optional<Funding> parse(String value) {
            for (var f : values()) {
                if (f.id.equals(value)) {
                    return Optional.of(f);
                }
            }
            return Optional.empty();
        }
    }

    /** {@code active} until charged ({@code used}) or past its expiry ({@code expired}, set by the expiry job). */
    public enum Status {
        ACTIVE("active"),
        USED("used"),
        EXPIRED("expired");

        private final String id;

        Status(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public static Status of(String value) {
            for (var s : values()) {
                if (s.id.equals(value)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("unknown payment code status " + value);
        }
    }

    /** Why a charge of a known code is refused: its stable code. */
    public enum Refusal {
        USED("payment_code_used"),
        EXPIRED("payment_code_expired");

        private final String code;

        Refusal(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    public PaymentCode {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(keyThumbprint, "keyThumbprint");
        Objects.requireNonNull(funding, "funding");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(status, "status");
    }

    /** A new code of {@code customer}, valid from {@code now} for {@code validity}. */
    public static PaymentCode issue(
            String id,
            String customer,
            String keyThumbprint,
            Funding funding,
            AuthenticationLevel level,
            String code,
            Instant now,
            java.time.Duration validity) {
        return new PaymentCode(
                id,
                customer,
                keyThumbprint,
                funding,
                level,
                PaymentCodeNumber.tail(code),
                now,
                now.plus(validity),
                Status.ACTIVE,
                null,
                null,
                null);
    }

    /** Can be charged at {@code now}: active and not expired. */
    public boolean chargeable(Instant now) {
        return status == Status.ACTIVE && now.isBefore(expiresAt);
    }

    /** Why a charge at {@code now} is refused, if it is. */
    public Optional<Refusal> refusal(Instant now) {
        if (status == Status.USED) {
            return Optional.of(Refusal.USED);
        }
        return chargeable(now) ? Optional.empty() : Optional.of(Refusal.EXPIRED);
    }

    /** The tail as shown in events and logs: never more than the last four digits. */
    public String maskedTail() {
        return "…" + tail;
    }
}

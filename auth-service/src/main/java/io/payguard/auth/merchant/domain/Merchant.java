package io.payguard.auth.merchant.domain;

import java.time.Instant;
import java.util.Currency;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A merchant onboarded by an operator. Its id is its OAuth 2.0 client id in Keycloak, which is also what its
 * tokens carry in {@code azp}. Limits are integer minor units in the merchant's settlement currency;
 * {@code signingRequired}: its money-moving calls must carry an RFC 9421 signature made with one of its keys.
 */
public record Merchant(
        String id,
        String name,
        Currency currency,
        long perTransactionLimitMinor,
        long dailyLimitMinor,
        Status status,
        Instant createdAt,
        boolean signingRequired) {

    public enum Status {
        ACTIVE,
        SUSPENDED
    }

    public static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{2,40}");

    public Merchant {
        Objects.requireNonNull(id, "id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException(
                    "merchant id: 3 to 41 lower-case letters, digits or '-', starting with a letter");
        }
        if (name == null || name.isBlank() || name.length() > 120) {
            throw new IllegalArgumentException("merchant name: 1 to 120 characters");
        }
        Objects.requireNonNull(currency, "currency");
        if (perTransactionLimitMinor <= 0 || dailyLimitMinor < perTransactionLimitMinor) {
            throw new IllegalArgumentException("limits: per transaction > 0 and daily >= per transaction");
        }
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public Merchant withStatus(Status newStatus) {
        return new Merchant(
                id, name, currency, perTransactionLimitMinor, dailyLimitMinor, newStatus, createdAt, signingRequired);
    }

    /** {@code required}: the merchant's money-moving calls must be signed with one of its keys. */
    public Merchant withSigningRequired(boolean required) {
        return new Merchant(id, name, currency, perTransactionLimitMinor, dailyLimitMinor, status, createdAt, required);
    }
}

package io.payguard.payment.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A customer's WebAuthn authenticator (a passkey on their device): the credential id and COSE public key (both
 * base64url), the signature counter and the AAGUID of the model. Revoked (lost device) it never verifies again.
 */
public record Authenticator(
        String id,
        String customerId,
        String credentialId,
        String publicKeyCose,
        long signCount,
        String aaguid,
        String name,
        Status status,
        Instant createdAt,
        Instant lastUsedAt,
        Instant revokedAt,
        String revokedBy,
        String revokeReason) {

    public enum Status {
        ACTIVE,
        REVOKED;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Status of(String id) {
            return valueOf(id.toUpperCase(java.util.Locale.ROOT));
        }
    }

    public Authenticator {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(credentialId, "credentialId");
        Objects.requireNonNull(publicKeyCose, "publicKeyCose");
        Objects.requireNonNull(status, "status");
        if (signCount < 0) {
            throw new IllegalArgumentException("signCount");
        }
    }

    public static Authenticator registered(
            String id,
            String customerId,
            String credentialId,
            String publicKeyCose,
            long signCount,
            String aaguid,
            String name,
            Instant now) {
        return new Authenticator(
                id,
                customerId,
                credentialId,
                publicKeyCose,
                signCount,
                aaguid,
                name,
                Status.ACTIVE,
                now,
                null,
                null,
                null,
                null);
    }

    public boolean active() {
        return status == Status.ACTIVE;
    }

    /** Revoked by {@code by} (the customer or an operator) for {@code reason}; revoking twice changes nothing. */
    public Authenticator revoke(String by, String reason, Instant now) {
        if (!active()) {
            return this;
        }
        return copy(signCount, Status.REVOKED, lastUsedAt, now, by, reason);
    }

    /** What an assertion's signature counter says about the authenticator. */
    public sealed interface Use {
        /** {@code authenticator}: with the new counter and last use. */
        record Accepted(Authenticator authenticator) implements Use {}

        /** The counter did not increase: the key may have been cloned; the assertion is refused. */
        record CloneSuspected(long stored, long presented) implements Use {}
    }

    /**
     * An assertion with counter {@code presented} verified: accepted when the counter strictly increases, or when
     * the authenticator keeps no counter (both zero, as many passkeys do); otherwise a possible clone.
     */
    public Use used(long presented, Instant now) {
        if (!active()) {
            throw new IllegalStateException("revoked authenticator");
        }
        if ((presented != 0 || signCount != 0) && presented <= signCount) {
            return new Use.CloneSuspected(signCount, presented);
        }
        return new Use.Accepted(copy(presented, status, now, revokedAt, revokedBy, revokeReason));
    }

    private Authenticator copy(
            long count, Status newStatus, Instant usedAt, Instant revoked, String by, String reason) {
        return new Authenticator(
                id,
                customerId,
                credentialId,
                publicKeyCose,
                count,
                aaguid,
                name,
                newStatus,
                createdAt,
                usedAt,
                revoked,
                by,
                reason);
    }
}

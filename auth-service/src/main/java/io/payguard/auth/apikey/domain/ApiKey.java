package io.payguard.auth.apikey.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * An API key as stored: never the secret, only its hash and a display hint. Immutable; every change
 * returns a new value (and the use case publishes the event announcing it).
 */
public record ApiKey(
        String id,
        String merchantId,
        String name,
        KeyKind kind,
        KeyMode mode,
        Set<Scope> scopes,
        String secretHash,
        String hint,
        Instant createdAt,
        Instant expiresAt,
        Instant revokedAt,
        String replacedBy) {

    public enum Status {
        ACTIVE,
        EXPIRED,
        REVOKED
    }

    public ApiKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(merchantId, "merchantId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(secretHash, "secretHash");
        Objects.requireNonNull(createdAt, "createdAt");
        scopes = Set.copyOf(scopes);
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("a key needs at least one scope");
        }
        if (kind == KeyKind.PUBLISHABLE && !Scope.publishableKeyScopes().containsAll(scopes)) {
            throw new IllegalArgumentException("publishable keys may only tokenise cards");
        }
        if (expiresAt != null && !expiresAt.isAfter(createdAt)) {
            throw new IllegalArgumentException("expiry must be after creation");
        }
    }

    public Status status(Instant now) {
        if (revokedAt != null && !now.isBefore(revokedAt)) {
            return Status.REVOKED;
        }
        if (expiresAt != null && !now.isBefore(expiresAt)) {
            return Status.EXPIRED;
        }
        return Status.ACTIVE;
    }

    public boolean usableAt(Instant now) {
        return status(now) == Status.ACTIVE;
    }

    public ApiKey revoke(Instant now) {
        if (revokedAt != null) {
            return this;
        }
        return ending(expiresAt, now, replacedBy);
    }

    /** The old key after a rotation: still valid for the overlap window (or until its own expiry, if sooner). */
    public ApiKey retireAfter(Duration overlap, Instant now, String successorId) {
        Instant end = now.plus(overlap);
        Instant newExpiry = expiresAt != null && expiresAt.isBefore(end) ? expiresAt : end;
        return ending(newExpiry.isAfter(createdAt) ? newExpiry : createdAt.plusMillis(1), revokedAt, successorId);
    }

    /** This key with another end of life: expiry, revocation and successor. */
    private ApiKey ending(Instant expiry, Instant revoked, String successor) {
        return new ApiKey(
                id, merchantId, name, kind, mode, scopes, secretHash, hint, createdAt, expiry, revoked, successor);
    }
}

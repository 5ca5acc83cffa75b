package io.payguard.auth.merchant.domain;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A public key a merchant signs its money-moving requests with (RFC 9421). {@code alg} is the RFC 9421 name
 * ({@code ed25519}, {@code ecdsa-p256-sha256}); {@code publicKey} the base64 DER SubjectPublicKeyInfo, already checked
 * to be a key of {@code alg}. Rotation is registering a new key and revoking the old one; a key is never deleted.
 */
public record SigningKey(
        String merchantId,
        String keyId,
        String alg,
        String publicKey,
        Status status,
        Instant createdAt,
        Instant revokedAt) {

    public enum Status {
        ACTIVE,
        REVOKED
    }

    public static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    /** At most this many active keys per merchant: enough to rotate with overlap, few enough to audit. */
    public static final int MAX_ACTIVE = 5;
    /** Revoked keys published with the state, so a verifier can tell "revoked" from "never registered". */
    public static final int PUBLISHED_REVOKED = 5;

    public SigningKey {
        Objects.requireNonNull(merchantId, "merchantId");
        if (keyId == null || !KEY_ID.matcher(keyId).matches()) {
            throw new IllegalArgumentException("keyId: 1 to 64 letters, digits, '.', '_' or '-'");
        }
        Objects.requireNonNull(alg, "alg");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public boolean active() {
        return status == Status.ACTIVE;
    }

    public SigningKey revoked(Instant at) {
        return new SigningKey(merchantId, keyId, alg, publicKey, Status.REVOKED, createdAt, at);
    }

    /** What the merchant's state carries: every active key, then the most recently revoked ones. */
    public static List<SigningKey> published(List<SigningKey> all) {
        var active = all.stream().filter(SigningKey::active).sorted(Comparator.comparing(SigningKey::createdAt));
        var revoked = all.stream()
                .filter(k -> !k.active())
                .sorted(Comparator.comparing(SigningKey::revokedAt, Comparator.nullsFirst(Comparator.reverseOrder())))
                .limit(PUBLISHED_REVOKED);
        return Stream.concat(active, revoked).toList();
    }
}

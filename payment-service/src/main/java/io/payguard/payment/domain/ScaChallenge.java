package io.payguard.payment.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A one-time-code challenge bound to the amount and payee it was issued for (dynamic linking): the code is kept only
 * as a keyed digest over code, amount, currency and payee, so a changed amount or payee never verifies. At most
 * {@link #MAX_ATTEMPTS} tries, until {@code expiresAt}, used once.
 */
public record ScaChallenge(String paymentId, String digest, int attempts, Instant expiresAt, boolean used) {

    public static final int MAX_ATTEMPTS = 5;

    public ScaChallenge {
        Objects.requireNonNull(paymentId, "paymentId");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public sealed interface Outcome {
        ScaChallenge challenge();

        record Passed(ScaChallenge challenge) implements Outcome {
        }

        record Wrong(ScaChallenge challenge, int attemptsLeft) implements Outcome {
        }

        /** No attempts left, expired or already used: a new challenge is needed. */
        record Unusable(ScaChallenge challenge, String reason) implements Outcome {
        }
    }

    /** The linking text a digest covers: what the customer was shown and approves. */
    public static String linking(String code, Money amount, String payee) {
        return code + "|" + amount.minor() + "|" + amount.currencyCode() + "|" + payee;
    }

    /** {@code candidateDigest}: the digest of the submitted code with the payment's current amount and payee. */
    public Outcome verify(String candidateDigest, Instant now) {
        if (used) {
            return new Outcome.Unusable(this, "used");
        }
        if (!now.isBefore(expiresAt)) {
            return new Outcome.Unusable(this, "expired");
        }
        if (attempts >= MAX_ATTEMPTS) {
            return new Outcome.Unusable(this, "too_many_attempts");
        }
        if (java.security.MessageDigest.isEqual(digest.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                candidateDigest.getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
            return new Outcome.Passed(new ScaChallenge(paymentId, digest, attempts + 1, expiresAt, true));
        }
        var next = new ScaChallenge(paymentId, digest, attempts + 1, expiresAt, false);
        return new Outcome.Wrong(next, MAX_ATTEMPTS - next.attempts());
    }
}

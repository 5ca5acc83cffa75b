package io.payguard.payment.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import io.payguard.kernel.Money;

/**
 * A one-time-code challenge bound to the amount and payee it was issued for (dynamic linking): the code is kept only
 * as a keyed digest over code, amount, currency and payee, so a changed amount or payee never verifies. At most
 * {@link #MAX_ATTEMPTS} tries, until {@code expiresAt}, used once. {@code id} names the challenge to the client;
 * {@code resends} counts the new codes sent for it on request, {@code sentAt} is when the current code was sent.
 */
public record ScaChallenge(
        String paymentId,
        String digest,
        int attempts,
        Instant expiresAt,
        boolean used,
        String id,
        int resends,
        Instant sentAt) {

    public static final int MAX_ATTEMPTS = 5;

    public ScaChallenge {
        Objects.requireNonNull(paymentId, "paymentId");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** A challenge without id and resend history (as stored before resends existed). */
    public ScaChallenge(String paymentId, String digest, int attempts, Instant expiresAt, boolean used) {
        this(paymentId, digest, attempts, expiresAt, used, null, 0, null);
    }

    public sealed interface Outcome {
        ScaChallenge challenge();

        record Passed(ScaChallenge challenge) implements Outcome {}

        record Wrong(ScaChallenge challenge, int attemptsLeft) implements Outcome {}

        /** No attempts left, expired or already used: a new challenge is needed. */
        record Unusable(ScaChallenge challenge, String reason) implements Outcome {}
    }

    /** The answer to a request for a new code. */
    public sealed interface Resend {
        /** {@code challenge}: the new code's challenge; the previous code no longer verifies. */
        record Resent(ScaChallenge challenge) implements Resend {}

        /** {@code reason}: {@code resend_limit} (no more resends) or {@code too_soon} (retry after {@code retryAfter}). */
        record Refused(String reason, Duration retryAfter) implements Resend {}
    }

    /** The linking text a digest covers: what the customer was shown and approves. */
    public static String linking(String code, Money amount, String payee) {
        return code + "|" + amount.minor() + "|" + amount.currencyCode() + "|" + payee;
    }

    /** {@code candidateDigest}: the digest of the submitted code with the payment's current amount and payee. */
    public Outcome verify(String candidateDigest, Instant now) {
        return answered(
                MessageDigest.isEqual(
                        digest.getBytes(StandardCharsets.UTF_8), candidateDigest.getBytes(StandardCharsets.UTF_8)),
                now);
    }

    /**
     * An answer to this challenge that was {@code correct} or not (a code's digest compared, or a device-bound
     * WebAuthn assertion verified): a wrong answer counts as an attempt whatever its kind.
     */
    public Outcome answered(boolean correct, Instant now) {
        if (used) {
            return new Outcome.Unusable(this, "used");
        }
        if (!now.isBefore(expiresAt)) {
            return new Outcome.Unusable(this, "expired");
        }
        if (attempts >= MAX_ATTEMPTS) {
            return new Outcome.Unusable(this, "too_many_attempts");
        }
        if (correct) {
            return new Outcome.Passed(copy(digest, attempts + 1, expiresAt, true, id, resends, sentAt));
        }
        var next = copy(digest, attempts + 1, expiresAt, false, id, resends, sentAt);
        return new Outcome.Wrong(next, MAX_ATTEMPTS - next.attempts());
    }

    /**
     * Replaces the code by a new one ({@code newDigest}, valid until {@code newExpiry}): at most {@code maxResends}
     * times, at least {@code minInterval} after the previous code was sent. The attempts already made are kept, so
     * asking for new codes never buys more guesses.
     */
    public Resend resend(
            String newId, String newDigest, Instant newExpiry, Instant now, int maxResends, Duration minInterval) {
        if (resends >= maxResends) {
            return new Resend.Refused("resend_limit", null);
        }
        if (sentAt != null) {
            var allowedAt = sentAt.plus(minInterval);
            if (now.isBefore(allowedAt)) {
                return new Resend.Refused("too_soon", Duration.between(now, allowedAt));
            }
        }
        return new Resend.Resent(copy(newDigest, attempts, newExpiry, false, newId, resends + 1, now));
    }

    private ScaChallenge copy(String d, int a, Instant expiry, boolean u, String i, int r, Instant sent) {
        return new ScaChallenge(paymentId, d, a, expiry, u, i, r, sent);
    }
}

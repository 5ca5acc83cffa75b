package io.payguard.auth.webhook.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.payguard.kernel.failure.ApplicationException;

/**
 * An endpoint's signing secrets in clear, for the moment they are used: the current one, and during a rotation's
 * overlap the previous one. Until {@code previousExpiresAt} both sign every delivery; afterwards only the current one.
 */
public record SigningSecrets(String current, String previous, Instant previousExpiresAt) {

    public static final Duration DEFAULT_OVERLAP = Duration.ofHours(24);
    public static final Duration MAX_OVERLAP = Duration.ofDays(7);

    public SigningSecrets {
        if (current == null) {
            throw new IllegalArgumentException("an endpoint always has a current secret");
        }
        if ((previous == null) != (previousExpiresAt == null)) {
            throw new IllegalArgumentException("a previous secret has an expiry, and only then");
        }
    }

    public static SigningSecrets only(String current) {
        return new SigningSecrets(current, null, null);
    }

    /** The secrets that sign a delivery made at {@code now}: the current first, then the previous while it is valid. */
    public List<String> valid(Instant now) {
        return previous != null && now.isBefore(previousExpiresAt) ? List.of(current, previous) : List.of(current);
    }

    /** A rotation: {@code next} becomes current, the current one stays valid for {@code overlap} (0 ends it now). */
    public SigningSecrets rotate(String next, Duration overlap, Instant now) {
        checkOverlap(overlap);
        return overlap.isZero() ? only(next) : new SigningSecrets(next, current, now.plus(overlap));
    }

    public static void checkOverlap(Duration overlap) {
        if (overlap.isNegative() || overlap.compareTo(MAX_OVERLAP) > 0) {
            throw ApplicationException.invalid(
                    "invalid_overlap", "Invalid overlap", "overlapSeconds must be between 0 and 604800 (7 days)");
        }
    }
}

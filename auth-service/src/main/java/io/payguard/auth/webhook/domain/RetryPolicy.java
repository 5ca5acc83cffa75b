package io.payguard.auth.webhook.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a failed delivery is tried again: exponential backoff with full jitter. After the {@code n}-th failed attempt
 * the next one waits a uniformly random time in {@code [0, min(cap, initialDelay * 2^(n-1))]}; a delivery whose next
 * attempt would fall after {@code giveUpAfter} from its creation is given up ({@code failed}).
 */
public record RetryPolicy(Duration initialDelay, Duration cap, Duration giveUpAfter) {

    public RetryPolicy {
        if (initialDelay.isNegative() || initialDelay.isZero() || cap.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("retry: 0 < initial-delay <= max-delay");
        }
        if (giveUpAfter.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("retry: give-up-after must be at least initial-delay");
        }
    }

    /** The longest wait after the {@code failedAttempts}-th failure (at least 1). */
    public Duration ceiling(int failedAttempts) {
        int doublings = Math.max(0, Math.min(failedAttempts - 1, 40));
        long millis = initialDelay.toMillis();
        for (int i = 0; i < doublings && millis < cap.toMillis(); i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, cap.toMillis()));
    }

    /**
     * @param failedAttempts how many attempts have failed so far (including the one that just did)
     * @param createdAt      when the delivery was queued
     * @param now            when the last attempt ended
     * @param unit           a random number in {@code [0, 1)} (the jitter; passed in so outcomes are reproducible)
     * @return when to try next, or empty: give up
     */
    public Optional<Instant> next(int failedAttempts, Instant createdAt, Instant now, double unit) {
        if (unit < 0 || unit >= 1) {
            throw new IllegalArgumentException("unit must be in [0, 1)");
        }
        long wait = (long) (unit * ceiling(failedAttempts).toMillis());
        Instant next = now.plusMillis(wait);
        return next.isAfter(createdAt.plus(giveUpAfter)) ? Optional.empty() : Optional.of(next);
    }
}

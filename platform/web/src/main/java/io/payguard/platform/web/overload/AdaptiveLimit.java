package io.payguard.platform.web.overload;

import java.time.Duration;

/**
 * A concurrency limit that follows how fast the service really is (additive increase, multiplicative decrease, the
 * scheme of TCP congestion control and of Netflix's concurrency-limits {@code AIMDLimit}): a request that took longer
 * than {@code slow} is the congestion signal and cuts the limit to {@code backoff} of itself (never under {@code min});
 * a request faster than that, finished while at least half the limit was in use, raises it by one (never over
 * {@code max}). A service that is warm and has its cores runs at {@code max}; one that is starved (a cold JVM after a
 * restart, a neighbour's catch-up on the same cores) admits only what it can finish while callers still wait, and
 * refuses the rest at once (with Retry-After) instead of letting every request outlast its caller's timeout.
 *
 * <p>Pure and thread-safe; fed by {@link AdmissionControl} with each API request's time from admission to the end of
 * its response.
 */
public final class AdaptiveLimit {

    private final int min;
    private final int max;
    private final long slowNanos;
    private final double backoff;
    private int limit;

    /**
     * @param min lowest limit (at least 1)
     * @param max highest limit, and the starting one
     * @param slow a request taking longer than this cuts the limit; {@link Duration#ZERO} or negative: never (fixed limit)
     * @param backoff factor applied on each slow request, in (0, 1)
     */
    public AdaptiveLimit(int min, int max, Duration slow, double backoff) {
        if (min < 1 || max < min) {
            throw new IllegalArgumentException("need 1 <= min <= max, was min " + min + ", max " + max);
        }
        if (!(backoff > 0 && backoff < 1)) {
            throw new IllegalArgumentException("backoff must be in (0, 1), was " + backoff);
        }
        this.min = min;
        this.max = max;
        this.slowNanos = slow.isZero() || slow.isNegative() ? Long.MAX_VALUE : slow.toNanos();
        this.backoff = backoff;
        this.limit = max;
    }

    /** A fixed limit: never adapts. */
    public static AdaptiveLimit fixed(int limit) {
        return new AdaptiveLimit(limit, limit, Duration.ZERO, 0.5);
    }

    public synchronized int limit() {
        return limit;
    }

    /**
     * One request ended after {@code elapsedNanos}, with {@code inFlight} requests (itself included) in progress when it
     * was admitted.
     */
    public synchronized void completed(long elapsedNanos, int inFlight) {
        if (elapsedNanos > slowNanos) {
            limit = Math.max(min, (int) (limit * backoff));
        } else if (inFlight * 2 >= limit && limit < max) {
            limit++;
        }
    }
}

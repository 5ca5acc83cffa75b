package io.payguard.platform.webhooks;

import java.time.Duration;
import java.util.Objects;

/**
 * What an outbound webhook may reach and how long it may take. {@link #live()} is the policy of every deployed
 * environment; {@link #dev()} only lets the local demo stack deliver to its own receiver on the loopback interface.
 *
 * @param requireHttps only {@code https} URLs (otherwise {@code http} too; never any other scheme)
 * @param allowLoopback whether 127.0.0.0/8 and ::1 may be reached (every other refused range stays refused)
 * @param connectTimeout the TCP (and TLS) connect timeout
 * @param requestTimeout the whole attempt: connect, send, response head and body
 * @param maxResponseBytes the response body is read up to this many bytes, then the attempt fails
 */
public record OutboundPolicy(
        boolean requireHttps,
        boolean allowLoopback,
        Duration connectTimeout,
        Duration requestTimeout,
        int maxResponseBytes) {

    public OutboundPolicy {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connectTimeout must be positive");
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout must be positive");
        }
        if (maxResponseBytes < 0) {
            throw new IllegalArgumentException("maxResponseBytes must not be negative");
        }
    }

    /** https only, no loopback, 3 s connect, 10 s per attempt, 64 KiB of response body. */
    public static OutboundPolicy live() {
        return new OutboundPolicy(true, false, Duration.ofSeconds(3), Duration.ofSeconds(10), 64 * 1024);
    }

    /** As {@link #live()}, but http and loopback are allowed: the {@code ./dev} demo stack only. */
    public static OutboundPolicy dev() {
        return new OutboundPolicy(false, true, Duration.ofSeconds(3), Duration.ofSeconds(10), 64 * 1024);
    }

    /** This policy with other timeouts (tests, or a caller that wants shorter ones). */
    public OutboundPolicy withTimeouts(Duration connect, Duration request) {
        return new OutboundPolicy(requireHttps, allowLoopback, connect, request, maxResponseBytes);
    }

    /** This policy with another response cap. */
    public OutboundPolicy withMaxResponseBytes(int bytes) {
        return new OutboundPolicy(requireHttps, allowLoopback, connectTimeout, requestTimeout, bytes);
    }
}

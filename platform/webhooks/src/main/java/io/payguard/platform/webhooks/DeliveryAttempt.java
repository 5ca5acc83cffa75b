package io.payguard.platform.webhooks;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * The outcome of one delivery attempt, as the delivery log keeps it.
 *
 * @param outcome what happened
 * @param statusCode the response status, 0 when no response arrived
 * @param latency from the start of the attempt (DNS included) to its end
 * @param responseExcerpt at most {@value #EXCERPT_CHARS} characters of the response body, control characters removed
 *     ("" when none)
 * @param failure a stable code (see {@link #failureCodes()}) or null when delivered
 */
public record DeliveryAttempt(
        Outcome outcome, int statusCode, Duration latency, String responseExcerpt, String failure) {

    public static final int EXCERPT_CHARS = 200;

    /** A response with a status outside 2xx and 3xx. */
    public static final String HTTP_STATUS = "http_status";
    /** A 3xx response: redirects are never followed. */
    public static final String REDIRECT_NOT_FOLLOWED = "redirect_not_followed";
    /** The whole attempt took longer than the policy's request timeout. */
    public static final String TIMEOUT = "timeout";
    /** No connection within the policy's connect timeout. */
    public static final String CONNECT_TIMEOUT = "connect_timeout";
    /** Connection refused, reset, closed early, or a TLS failure (certificate, host name). */
    public static final String CONNECTION_FAILED = "connection_failed";
    /** The response body was longer than the policy allows; the connection was closed. */
    public static final String RESPONSE_TOO_LARGE = "response_too_large";
    /** The host has no address (unknown name, resolver failure). */
    public static final String DNS_FAILED = "dns_failed";

    public enum Outcome {
        /** A 2xx answer. */
        DELIVERED,
        /** Non-2xx, timeout, connection error, too large a response, redirect: worth a retry later. */
        FAILED,
        /** The policy refused the URL or one of its addresses; no connection was made. */
        TARGET_REFUSED
    }

    public DeliveryAttempt {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(latency, "latency");
        responseExcerpt = responseExcerpt == null ? "" : responseExcerpt;
        if ((outcome == Outcome.DELIVERED) != (failure == null)) {
            throw new IllegalArgumentException("a failure code is given exactly when the attempt did not deliver");
        }
    }

    /** Whether the endpoint took the message. */
    public boolean delivered() {
        return outcome == Outcome.DELIVERED;
    }

    /** The failure codes of FAILED attempts (TARGET_REFUSED carries a TargetAddresses refusal reason instead). */
    public static Set<String> failureCodes() {
        return Set.of(
                HTTP_STATUS,
                REDIRECT_NOT_FOLLOWED,
                TIMEOUT,
                CONNECT_TIMEOUT,
                CONNECTION_FAILED,
                RESPONSE_TOO_LARGE,
                DNS_FAILED);
    }
}

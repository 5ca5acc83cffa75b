package io.payguard.auth.webhook.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * One delivery attempt as the delivery log keeps it.
 *
 * @param statusCode      the receiver's HTTP status, 0 when none was received
 * @param failure         a stable failure code ({@code timeout}, {@code connection_refused}, {@code http_500}, the
 *                        refusal of the address check, ...), null when delivered
 * @param responseExcerpt at most {@value #MAX_EXCERPT} characters of the response, never the whole body
 */
public record Attempt(
        int number,
        Instant at,
        Outcome outcome,
        int statusCode,
        Duration latency,
        String failure,
        String responseExcerpt) {

    public static final int MAX_EXCERPT = 200;
    public static final int MAX_FAILURE = 200;

    public enum Outcome {
        DELIVERED,
        FAILED,
        TARGET_REFUSED
    }

    public Attempt {
        responseExcerpt = clip(responseExcerpt, MAX_EXCERPT);
        failure = clip(failure, MAX_FAILURE);
    }

    public boolean delivered() {
        return outcome == Outcome.DELIVERED;
    }

    private static String clip(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}

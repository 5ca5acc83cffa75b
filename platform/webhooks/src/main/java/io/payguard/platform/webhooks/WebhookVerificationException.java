package io.payguard.platform.webhooks;

import java.util.Set;

/**
 * A webhook that does not verify. {@link #reason()} is one of the stable codes {@link #MISSING_HEADER},
 * {@link #BAD_TIMESTAMP}, {@link #TIMESTAMP_OUT_OF_TOLERANCE}, {@link #NO_MATCHING_SIGNATURE}, {@link #BAD_SECRET}.
 */
public final class WebhookVerificationException extends Exception {

    public static final String MISSING_HEADER = "missing_header";
    public static final String BAD_TIMESTAMP = "bad_timestamp";
    public static final String TIMESTAMP_OUT_OF_TOLERANCE = "timestamp_out_of_tolerance";
    public static final String NO_MATCHING_SIGNATURE = "no_matching_signature";
    public static final String BAD_SECRET = "bad_secret";

    static final Set<String> REASONS =
            Set.of(MISSING_HEADER, BAD_TIMESTAMP, TIMESTAMP_OUT_OF_TOLERANCE, NO_MATCHING_SIGNATURE, BAD_SECRET);

    private static final long serialVersionUID = 1L;

    private final String reason;

    WebhookVerificationException(String reason, String message) {
        super(reason + ": " + message, null, false, false);
        if (!REASONS.contains(reason)) {
            throw new IllegalArgumentException("unknown reason " + reason);
        }
        this.reason = reason;
    }

    /** The stable reason code. */
    public String reason() {
        return reason;
    }
}

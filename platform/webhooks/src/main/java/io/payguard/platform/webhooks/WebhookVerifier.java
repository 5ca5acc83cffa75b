package io.payguard.platform.webhooks;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What a receiver runs: checks a webhook's Standard Webhooks headers against the endpoint's secrets. The timestamp
 * must lie within {@code tolerance} of the clock in both directions (an old message is a replay, one from the future a
 * forgery or a broken clock); any {@code v1} signature of the header that matches any of the secrets passes (the
 * rotation overlap); signatures are compared in constant time.
 */
public final class WebhookVerifier {

    /** The tolerance the Standard Webhooks libraries use. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private final List<String> secrets;
    private final Duration tolerance;
    private final Clock clock;

    public WebhookVerifier(List<String> secrets, Duration tolerance, Clock clock) {
        this.secrets = List.copyOf(secrets);
        this.tolerance = Objects.requireNonNull(tolerance, "tolerance");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (tolerance.isNegative()) {
            throw new IllegalArgumentException("tolerance must not be negative");
        }
    }

    /**
     * Verifies one webhook.
     *
     * @param headers the request's headers; names are matched case-insensitively
     * @param body the raw body bytes as received (not re-serialised JSON)
     * @throws WebhookVerificationException with a stable {@link WebhookVerificationException#reason()}
     */
    public void verify(Map<String, String> headers, byte[] body) throws WebhookVerificationException {
        var id = header(headers, WebhookSigning.ID);
        var timestampText = header(headers, WebhookSigning.TIMESTAMP);
        var signatures = header(headers, WebhookSigning.SIGNATURE);
        long timestamp = timestamp(timestampText);
        long now = clock.instant().getEpochSecond();
        if (Math.abs(now - timestamp) > tolerance.toSeconds()) {
            throw new WebhookVerificationException(
                    WebhookVerificationException.TIMESTAMP_OUT_OF_TOLERANCE, "the timestamp is too old or too new");
        }
        var keys = keys();
        var offered = offeredSignatures(signatures);
        boolean matched = false;
        for (byte[] key : keys) {
            var expected = WebhookSigning.hmac(key, id, timestamp, body);
            for (byte[] candidate : offered) {
                // no early exit: every pair is compared, so the time taken does not tell which one matched
                matched |= MessageDigest.isEqual(expected, candidate);
            }
        }
        if (!matched) {
            throw new WebhookVerificationException(
                    WebhookVerificationException.NO_MATCHING_SIGNATURE, "no v1 signature matches a secret");
        }
    }

    private List<byte[]> keys() throws WebhookVerificationException {
        if (secrets.isEmpty()) {
            throw new WebhookVerificationException(WebhookVerificationException.BAD_SECRET, "no secret configured");
        }
        var keys = new ArrayList<byte[]>(secrets.size());
        for (String secret : secrets) {
            try {
                keys.add(WebhookSigning.secretKey(secret));
            } catch (IllegalArgumentException e) {
                throw new WebhookVerificationException(
                        WebhookVerificationException.BAD_SECRET, "a configured secret is not whsec_<base64>");
            }
        }
        return keys;
    }

    private static String header(Map<String, String> headers, String name) throws WebhookVerificationException {
        String found = null;
        for (var entry : headers.entrySet()) {
            if (entry.getKey() != null
                    && entry.getKey().toLowerCase(Locale.ROOT).equals(name)) {
                found = entry.getValue();
                break;
            }
        }
        if (found == null || found.isBlank()) {
            throw new WebhookVerificationException(WebhookVerificationException.MISSING_HEADER, name + " is missing");
        }
        return found.strip();
    }

    private static long timestamp(String text) throws WebhookVerificationException {
        if (text.length() > 12 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new WebhookVerificationException(
                    WebhookVerificationException.BAD_TIMESTAMP, "webhook-timestamp is not unix seconds");
        }
        return Long.parseLong(text);
    }

    /** The decoded {@code v1} signatures of the header; other versions and undecodable entries are ignored. */
    private static List<byte[]> offeredSignatures(String header) {
        var decoded = new ArrayList<byte[]>();
        for (String part : header.split(" ")) {
            int comma = part.indexOf(',');
            if (comma < 0 || !part.substring(0, comma).equals(WebhookSigning.VERSION)) {
                continue;
            }
            try {
                decoded.add(Base64.getDecoder().decode(part.substring(comma + 1)));
            } catch (IllegalArgumentException e) {
                // not base64: cannot match, like any other wrong signature
            }
        }
        return decoded;
    }
}

package io.payguard.kernel;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

import io.payguard.kernel.failure.ApplicationException;

/**
 * The one rule for {@code Idempotency-Key} values in every service: 8 to 255 letters, digits, '.', '_', ':' or '-';
 * and the fingerprint of the request a key names, so the same key with a different request is detected.
 */
public final class IdempotencyKeys {

    public static final String HEADER = "Idempotency-Key";
    public static final int MAX_LENGTH = 255;
    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9._:-]{8," + MAX_LENGTH + "}");
    private static final String RULE =
            "an Idempotency-Key has 8 to " + MAX_LENGTH + " letters, digits, '.', '_', ':' or '-'";

    private IdempotencyKeys() {}

    public static boolean wellFormed(String key) {
        return key != null && FORMAT.matcher(key).matches();
    }

    /** For calls where the key is optional: absent is fine, malformed is refused. */
    public static void requireValidKey(String key) {
        if (key != null && !wellFormed(key)) {
            throw ApplicationException.invalid("invalid_idempotency_key", "Invalid Idempotency-Key", RULE);
        }
    }

    /** For calls that move funds without a way to look the result up: the key must be there and well-formed. */
    public static void requirePresentKey(String key) {
        if (key == null) {
            throw ApplicationException.invalid(
                    "idempotency_key_required",
                    "Idempotency-Key header required",
                    "this call moves funds and needs an " + HEADER + " header; " + RULE);
        }
        requireValidKey(key);
    }

    /** SHA-256 over the operation and the canonical request, hex. */
    public static String hash(String operation, String canonicalRequest) {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            digest.update(operation.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(canonicalRequest.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}

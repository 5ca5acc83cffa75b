package io.payguard.platform.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The shared rules of {@code Idempotency-Key}: its format, and the fingerprint of the request it names. */
public final class IdempotencyKeys {

    public static final String HEADER = "Idempotency-Key";

    private IdempotencyKeys() {
    }

    public static void requireValidKey(String key) {
        if (key != null && !key.matches("[A-Za-z0-9._:-]{8,255}")) {
            throw new ProblemException(400, "invalid_idempotency_key", "Invalid Idempotency-Key",
                    "an Idempotency-Key has 8 to 255 letters, digits, '.', '_', ':' or '-'");
        }
    }

    /** SHA-256 over the operation and the canonical request: same key + different request is detected by this. */
    public static String hash(String operation, String canonicalRequest) {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            digest.update(operation.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(canonicalRequest.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

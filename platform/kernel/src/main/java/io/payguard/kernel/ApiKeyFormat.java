package io.payguard.kernel;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The text form of PayGuard API keys ({@code sk_|pk_|rk_} + {@code test_|live_} + 43 base62 characters) and
 * the hash under which they are stored and looked up. Plain Java, shared by the issuer (auth-service) and
 * every verifying service.
 */
public final class ApiKeyFormat {

    public static final int BODY_LENGTH = 43;
    public static final Pattern PATTERN = Pattern.compile("(sk|pk|rk)_(test|live)_[0-9A-Za-z]{" + BODY_LENGTH + "}");
    /** Anything that looks like the start of a key, to refuse keys in URLs even when malformed. */
    public static final Pattern IN_TEXT = Pattern.compile("(?<![0-9A-Za-z])(sk|pk|rk)_(test|live)_[0-9A-Za-z]{8,}");

    private ApiKeyFormat() {}

    public static boolean looksLikeKey(String value) {
        return value != null && PATTERN.matcher(value).matches();
    }

    /** SHA-256, hex. Unkeyed on purpose: the secret is uniformly random with 256 bits of entropy. */
    public static String hash(String secret) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}

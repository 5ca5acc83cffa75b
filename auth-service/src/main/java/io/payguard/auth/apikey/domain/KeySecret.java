package io.payguard.auth.apikey.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

import io.payguard.kernel.ApiKeyFormat;

/**
 * The secret text of an API key, e.g. {@code sk_test_} followed by 43 base62 characters (256 bits of
 * randomness). It exists only in memory: it is shown to the merchant once and stored only as its SHA-256
 * hash. An unkeyed hash is enough here because the secret is uniformly random with 256 bits of entropy (the
 * same reasoning as GitHub and Stripe tokens); there is nothing to brute-force.
 */
public final class KeySecret {

    public static final int RANDOM_BYTES = 32;
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final int BODY_LENGTH = ApiKeyFormat.BODY_LENGTH; // ceil(256 / log2(62))

    private final String text;

    private KeySecret(String text) {
        this.text = text;
    }

    /** @param random exactly {@link #RANDOM_BYTES} bytes from a CSPRNG */
    public static KeySecret generate(KeyKind kind, KeyMode mode, byte[] random) {
        if (random.length != RANDOM_BYTES) {
            throw new IllegalArgumentException("need " + RANDOM_BYTES + " random bytes");
        }
        return new KeySecret(kind.prefix() + "_" + mode.label() + "_" + base62(random));
    }

    /** Parses what a caller presented; empty when it is not shaped like a PayGuard key. */
    public static java.util.Optional<KeySecret> parse(String presented) {
        return ApiKeyFormat.looksLikeKey(presented)
                ? java.util.Optional.of(new KeySecret(presented))
                : java.util.Optional.empty();
    }

    public KeyKind kind() {
        return KeyKind.fromPrefix(text.substring(0, 2));
    }

    public KeyMode mode() {
        return KeyMode.fromLabel(text.substring(3, text.indexOf('_', 3)));
    }

    /** The only form ever stored or published. */
    public String hash() {
        return ApiKeyFormat.hash(text);
    }

    /** What may be displayed after creation: the prefix and the last four characters. */
    public String hint() {
        return text.substring(0, text.lastIndexOf('_') + 1) + "…" + text.substring(text.length() - 4);
    }

    /** The one time the secret leaves the domain: the creation response. */
    public String reveal() {
        return text;
    }

    @Override
    public String toString() {
        return hint();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeySecret other
                && MessageDigest.isEqual(
                        text.getBytes(StandardCharsets.US_ASCII), other.text.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public int hashCode() {
        return Objects.hash(hash());
    }

    static String base62(byte[] bytes) {
        var n = new java.math.BigInteger(1, bytes);
        var base = java.math.BigInteger.valueOf(62);
        var sb = new StringBuilder();
        while (n.signum() > 0) {
            var qr = n.divideAndRemainder(base);
            sb.append(BASE62.charAt(qr[1].intValue()));
            n = qr[0];
        }
        while (sb.length() < BODY_LENGTH) {
            sb.append('0');
        }
        return sb.reverse().toString();
    }
}

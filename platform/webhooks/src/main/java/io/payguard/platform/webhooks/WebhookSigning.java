package io.payguard.platform.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook messages per the Standard Webhooks convention (https://www.standardwebhooks.com): the signature is
 * {@code v1,<base64(HMAC-SHA256(key, id + "." + timestamp + "." + body))>}, the key being the base64-decoded part of a
 * {@code whsec_} secret. During a secret rotation every current secret signs, and the signatures are space-separated
 * in one header, so a receiver that knows either secret verifies the message.
 */
public final class WebhookSigning {

    public static final String ID = "webhook-id";
    public static final String TIMESTAMP = "webhook-timestamp";
    public static final String SIGNATURE = "webhook-signature";

    /** The prefix of a signing secret's text. */
    public static final String SECRET_PREFIX = "whsec_";

    /** The version tag of an HMAC-SHA256 signature in the signature header. */
    public static final String VERSION = "v1";

    static final int SECRET_BYTES = 32;
    private static final String HMAC = "HmacSHA256";
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSigning() {}

    /** A new signing secret: {@code whsec_} and the base64 of 32 random bytes. */
    public static String newSecret() {
        var bytes = new byte[SECRET_BYTES];
        RANDOM.nextBytes(bytes);
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(bytes);
    }

    /**
     * The signature header's value: one {@code v1,<base64>} per secret, space-separated, in the secrets' order.
     *
     * @throws IllegalArgumentException when a secret is not a {@code whsec_} secret or the list is empty
     */
    public static String signature(String messageId, long timestampSeconds, byte[] body, List<String> secrets) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("at least one secret signs a webhook");
        }
        var parts = new ArrayList<String>(secrets.size());
        for (String secret : secrets) {
            var mac = hmac(secretKey(secret), messageId, timestampSeconds, body);
            parts.add(VERSION + "," + Base64.getEncoder().encodeToString(mac));
        }
        return String.join(" ", parts);
    }

    /** The three headers of a signed webhook (in the order id, timestamp, signature). */
    public static Map<String, String> headers(String messageId, Instant timestamp, byte[] body, List<String> secrets) {
        long seconds = timestamp.getEpochSecond();
        var headers = new LinkedHashMap<String, String>();
        headers.put(ID, messageId);
        headers.put(TIMESTAMP, Long.toString(seconds));
        headers.put(SIGNATURE, signature(messageId, seconds, body, secrets));
        return headers;
    }

    /**
     * The HMAC key of a secret: the base64-decoded part after {@code whsec_} (a secret without the prefix is taken as
     * base64 too, as the Standard Webhooks libraries do).
     *
     * @throws IllegalArgumentException when the secret is not base64 or decodes to nothing
     */
    static byte[] secretKey(String secret) {
        if (secret == null) {
            throw new IllegalArgumentException("no secret");
        }
        var text = secret.strip();
        if (text.startsWith(SECRET_PREFIX)) {
            text = text.substring(SECRET_PREFIX.length());
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a webhook secret is whsec_ followed by base64", e);
        }
        if (key.length == 0) {
            throw new IllegalArgumentException("a webhook secret is whsec_ followed by base64");
        }
        return key;
    }

    static byte[] hmac(byte[] key, String messageId, long timestampSeconds, byte[] body) {
        try {
            var mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            mac.update((messageId + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}

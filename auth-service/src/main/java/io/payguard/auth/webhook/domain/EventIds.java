package io.payguard.auth.webhook.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Ids of the webhook feature's objects. */
public final class EventIds {

    private EventIds() {}

    /**
     * The merchant event id of a consumed fact: {@code evt_} and 32 hex digits of SHA-256 over its CloudEvent source
     * and id, so a redelivered fact maps to the same event (CloudEvent ids are unique per source).
     */
    public static String fromSource(String source, String sourceId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((source + "\n" + sourceId).getBytes(StandardCharsets.UTF_8));
            return "evt_" + HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** {@code prefix} and the hex of {@code random} (12 random bytes give 24 hex digits). */
    public static String of(String prefix, byte[] random) {
        return prefix + HexFormat.of().formatHex(random);
    }

    /** Whether {@code id} could be an id with this prefix (24 or 32 hex digits); anything else is simply not found. */
    public static boolean wellFormed(String prefix, String id) {
        return id != null
                && id.startsWith(prefix)
                && id.substring(prefix.length()).matches("[0-9a-f]{24}|[0-9a-f]{32}");
    }
}

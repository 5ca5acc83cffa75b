package io.payguard.audit.domain.chain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A signed chain head. The signature covers {@link #payload()}: the UTF-8 text
 * {@code payguard.audit.checkpoint/1|<seq>|<head hash, lowercase hex>|<createdAt, canonical instant>|<keyId>}.
 */
public record Checkpoint(
        long seq, byte[] headHash, Instant createdAt, String keyId, String algorithm, byte[] signature) {

    public static final String TAG = "payguard.audit.checkpoint/1";

    public Checkpoint {
        Objects.requireNonNull(headHash, "headHash");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(keyId, "keyId");
        createdAt = createdAt.truncatedTo(ChronoUnit.MICROS);
    }

    public static byte[] payload(long seq, byte[] headHash, Instant createdAt, String keyId) {
        return String.join(
                        "|", TAG, Long.toString(seq), ChainHash.hex(headHash), CanonicalForm.instant(createdAt), keyId)
                .getBytes(StandardCharsets.UTF_8);
    }

    public byte[] payload() {
        return payload(seq, headHash, createdAt, keyId);
    }

    public ChainHead head() {
        return new ChainHead(seq, headHash);
    }
}

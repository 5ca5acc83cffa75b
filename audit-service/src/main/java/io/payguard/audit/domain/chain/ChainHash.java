package io.payguard.audit.domain.chain;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

import io.payguard.audit.domain.AuditRecord;

/** hash(n) = SHA-256(hash(n-1) || CanonicalForm(record n)); the chain starts from {@link #GENESIS} (32 zero bytes). */
public final class ChainHash {

    public static final int LENGTH = 32;
    private static final byte[] GENESIS_BYTES = new byte[LENGTH];

    private ChainHash() {}

    public static byte[] genesis() {
        return GENESIS_BYTES.clone();
    }

    public static byte[] link(byte[] previous, AuditRecord record, Instant recordedAt) {
        return link(previous, record, recordedAt, null);
    }

    /** The link over canonical form 2 when {@code sealed} is set, else form 1. */
    public static byte[] link(byte[] previous, AuditRecord record, Instant recordedAt, Sealed sealed) {
        MessageDigest sha = sha256();
        sha.update(previous);
        sha.update(CanonicalForm.of(record, recordedAt, sealed));
        return sha.digest();
    }

    public static String hex(byte[] hash) {
        return hash == null ? null : HexFormat.of().formatHex(hash);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}

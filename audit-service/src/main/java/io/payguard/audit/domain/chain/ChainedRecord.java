package io.payguard.audit.domain.chain;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

import io.payguard.audit.domain.AuditRecord;

/**
 * A record at its place in the chain, as stored: position, the previous record's hash and its own. {@code sealed} is
 * null for canonical form 1 (personal fields in clear in {@code record}); for form 2 it holds the sealed personal
 * fields the hash covers, and {@code record}'s personal fields are the decrypted values (null when not decrypted or
 * erased).
 */
public record ChainedRecord(
        long seq, Instant recordedAt, AuditRecord record, byte[] prevHash, byte[] hash, Sealed sealed) {

    public ChainedRecord {
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(prevHash, "prevHash");
        Objects.requireNonNull(hash, "hash");
        recordedAt = recordedAt.truncatedTo(ChronoUnit.MICROS);
    }

    /** A canonical-form-1 record (personal fields in clear). */
    public ChainedRecord(long seq, Instant recordedAt, AuditRecord record, byte[] prevHash, byte[] hash) {
        this(seq, recordedAt, record, prevHash, hash, null);
    }

    /** Chains {@code record} after {@code head} in canonical form 1. */
    public static ChainedRecord append(ChainHead head, AuditRecord record, Instant recordedAt) {
        return append(head, record, recordedAt, null);
    }

    /** Chains {@code record} after {@code head}: form 2 with {@code sealed}'s personal fields, form 1 when null. */
    public static ChainedRecord append(ChainHead head, AuditRecord record, Instant recordedAt, Sealed sealed) {
        Instant at = recordedAt.truncatedTo(ChronoUnit.MICROS);
        return new ChainedRecord(
                head.seq() + 1, at, record, head.hash(), ChainHash.link(head.hash(), record, at, sealed), sealed);
    }

    /** The canonical form version the hash covers (1 or 2). */
    public int form() {
        return sealed == null ? CanonicalForm.V1 : CanonicalForm.V2;
    }

    /** True when this (read) record shows a personal field as erased: its subject's key was shredded. */
    public boolean erased() {
        return sealed != null && sealed.erasedIn(record);
    }

    /** The same stored record with its personal fields as read ({@code opened}: decrypted, null where erased). */
    public ChainedRecord withRecord(AuditRecord opened) {
        return new ChainedRecord(seq, recordedAt, opened, prevHash, hash, sealed);
    }

    public ChainHead asHead() {
        return new ChainHead(seq, hash);
    }
}

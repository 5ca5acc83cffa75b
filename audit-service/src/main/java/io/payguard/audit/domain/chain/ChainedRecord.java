package io.payguard.audit.domain.chain;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

import io.payguard.audit.domain.AuditRecord;

/** A record at its place in the chain, as stored: position, the previous record's hash and its own. */
public record ChainedRecord(long seq, Instant recordedAt, AuditRecord record, byte[] prevHash, byte[] hash) {

    public ChainedRecord {
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(prevHash, "prevHash");
        Objects.requireNonNull(hash, "hash");
        recordedAt = recordedAt.truncatedTo(ChronoUnit.MICROS);
    }

    /** Chains {@code record} after {@code head}. */
    public static ChainedRecord append(ChainHead head, AuditRecord record, Instant recordedAt) {
        Instant at = recordedAt.truncatedTo(ChronoUnit.MICROS);
        return new ChainedRecord(head.seq() + 1, at, record, head.hash(), ChainHash.link(head.hash(), record, at));
    }

    public ChainHead asHead() {
        return new ChainHead(seq, hash);
    }
}

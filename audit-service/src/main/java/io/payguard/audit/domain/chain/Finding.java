package io.payguard.audit.domain.chain;

import java.util.UUID;

/**
 * One thing verification found wrong, located by chain position and record id.
 *
 * @param seq      the position concerned (for DELETED: the first missing position)
 * @param recordId the record concerned (for DELETED: the record found after the gap; null at the tail)
 */
public record Finding(Kind kind, long seq, UUID recordId, String detail) {

    public enum Kind {
        /** The record's content no longer matches its hash (or its hash is not the one its successor committed to). */
        EDITED,
        /** Positions are missing: the records there were removed. */
        DELETED,
        /** A record that the chain never linked: forged or copied in. */
        INSERTED,
        /** A genuine record found away from its place: its predecessor and successor are elsewhere. */
        REORDERED,
        /** A link that breaks for no reason the verifier can name (e.g. the range does not start at its anchor). */
        BROKEN_LINK,
        /** A signed checkpoint whose hash is not in the chain at its position. */
        CHECKPOINT_MISMATCH,
        /** A checkpoint whose signature does not hold. */
        SIGNATURE_INVALID
    }
}

package io.payguard.auth.privacy.domain;

import java.time.Instant;

/** A legal hold on a data subject: while it is active, no erasure of the subject goes on. */
public record LegalHold(
        String id,
        String subject,
        String reason,
        String setBy,
        Instant setAt,
        Instant releasedAt,
        String releasedBy,
        String releaseReason) {

    public boolean active() {
        return releasedAt == null;
    }

    public LegalHold released(String by, String why, Instant at) {
        return new LegalHold(id, subject, reason, setBy, setAt, at, by, why);
    }
}

package io.payguard.audit.domain.chain;

import io.payguard.audit.domain.AuditRecord;

/**
 * The personal part of a canonical-form-2 record as stored: the five personal fields sealed under the data subject's
 * key (or {@link #ERASED} when the key was already destroyed when the record was written) and the blind indexes. The
 * hash covers exactly these texts, so the chain verifies without any key, also after the subject's key is shredded.
 *
 * @param subjectIndex blind index of the data subject (personalData.dataSubject, else actor.subject): names the key
 * @param actorIndex   blind index of actor.subject (search by actor), null without an actor subject
 */
public record Sealed(
        String subjectIndex,
        String actorIndex,
        String actorSubject,
        String originIp,
        String userAgent,
        String dataSubject,
        String reason) {

    /** Stored instead of a ciphertext when the subject's key was destroyed before the record was written. */
    public static final String ERASED = "erased";

    public Sealed {
        if (subjectIndex == null || subjectIndex.isBlank()) {
            throw new IllegalArgumentException("sealed record without subject index");
        }
    }

    /**
     * True when a field that was sealed has no readable value in {@code opened} (the record as read: decrypted where
     * the key exists, null where it was shredded).
     */
    public boolean erasedIn(AuditRecord opened) {
        var pd = opened.personalData();
        return lost(actorSubject, opened.actor().subject())
                || lost(originIp, opened.origin().ip())
                || lost(userAgent, opened.origin().userAgent())
                || lost(dataSubject, pd == null ? null : pd.dataSubject())
                || lost(reason, pd == null ? null : pd.reason());
    }

    private static boolean lost(String stored, String plain) {
        return stored != null && plain == null;
    }
}

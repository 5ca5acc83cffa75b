package io.payguard.auth.privacy.domain;

import java.time.Period;

/** A purpose of processing as configured: its current version and texts, legal basis and retention. */
public record Purpose(
        String id,
        int version,
        String title,
        String textEn,
        String textZh,
        String legalBasis,
        boolean separateConsent,
        String thirdParty,
        Period retention) {

    public static final String CONSENT = "consent";

    /** Whether the customer's consent is what allows it (else a contract or the law does, and consent is not asked). */
    public boolean needsConsent() {
        return CONSENT.equals(legalBasis);
    }

    /** The text shown to the customer, as hashed into the evidence: both languages of this version. */
    public String shownText() {
        return version + "\n" + textEn + "\n" + textZh;
    }
}

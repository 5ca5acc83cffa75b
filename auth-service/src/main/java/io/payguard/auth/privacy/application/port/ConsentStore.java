package io.payguard.auth.privacy.application.port;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.payguard.auth.privacy.domain.Consent;
import io.smallrye.mutiny.Uni;

/** Consents and their history; every call runs in the caller's session or transaction. */
public interface ConsentStore {

    /** A history row: one change with its evidence ({@code subject} is the pseudonym once the customer is erased). */
    record Change(String subject, String purpose, String status, Consent.Evidence evidence, Instant holdUntil) {}

    Uni<List<Consent>> current(String subject);

    /** The current decision for one purpose, locked for the change. */
    Uni<Optional<Consent>> lock(String subject, String purpose);

    Uni<Void> save(Consent consent, Change change);

    /** The changes, oldest first. */
    Uni<List<Change>> history(String subject);

    /**
     * Replaces the subject by the pseudonym in the history (kept until {@code holdUntil}) and drops the current rows;
     * answers how many history rows the pseudonym has (the same on a repeat).
     */
    Uni<Integer> pseudonymise(String subject, String pseudonym, Instant holdUntil);
}

package io.payguard.auth.privacy.application;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.auth.privacy.application.port.ConsentEvents;
import io.payguard.auth.privacy.application.port.ConsentStore;
import io.payguard.auth.privacy.application.port.CustomerAccounts;
import io.payguard.auth.privacy.config.PrivacyConfig;
import io.payguard.auth.privacy.domain.Consent;
import io.payguard.auth.privacy.domain.DataSubjectRequest.Outcome;
import io.payguard.auth.shared.application.port.SubjectProfiles;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * What auth-service itself holds about a data subject, for its participant: the profiles (in clear: it is the
 * subject's own export), the consents with their history, the KYC tier; and its part of an erasure (profiles
 * shredded, consent evidence pseudonymised and held). The Keycloak user is deleted last by the coordinator.
 */
@ApplicationScoped
public class OwnPrivacyData {

    public static final String SERVICE = "auth-service";
    static final String COORDINATOR = DsrService.COORDINATOR;
    static final String CONSENT_EVIDENCE_BASIS =
            "PIPL art. 14 / GDPR art. 7(1): the controller must be able to show that consent was given";

    public record Export(
            List<SubjectProfiles.ProfileData> profiles,
            List<Consent> consents,
            List<ConsentStore.Change> history,
            Optional<Integer> kycTier) {}

    private final SubjectProfiles profiles;
    private final ConsentStore consents;
    private final CustomerAccounts accounts;
    private final ConsentEvents events;
    private final PrivacyConfig config;
    private final Clock clock;

    public OwnPrivacyData(
            SubjectProfiles profiles,
            ConsentStore consents,
            CustomerAccounts accounts,
            ConsentEvents events,
            PrivacyConfig config,
            Clock clock) {
        this.profiles = profiles;
        this.consents = consents;
        this.accounts = accounts;
        this.events = events;
        this.config = config;
        this.clock = clock;
    }

    /** Runs in the caller's session (the participant is called inside a transaction). */
    public Uni<Export> export(String subject) {
        return profiles.of(subject)
                .flatMap(found -> consents.current(subject)
                        .flatMap(current -> consents.history(subject)
                                .flatMap(history -> accounts.kycTier(subject)
                                        .onFailure()
                                        .recoverWithItem(Optional.empty())
                                        .map(tier -> new Export(found, current, history, tier)))));
    }

    /** Erases auth-service's part; idempotent per request (a repeat answers the same counts). */
    public Uni<List<Outcome>> erase(String subject, String pseudonym) {
        Instant holdUntil = clock.instant()
                .atZone(java.time.ZoneOffset.UTC)
                .plus(config.consentEvidenceHold())
                .toInstant();
        return profiles.erase(subject)
                .flatMap(erased -> withdrawAll(subject)
                        .chain(() -> consents.pseudonymise(subject, pseudonym, holdUntil))
                        .map(held -> List.of(
                                new Outcome(SERVICE, "profile", "erased", erased, null, null),
                                new Outcome(
                                        SERVICE,
                                        "consents",
                                        "pseudonymised_held",
                                        held,
                                        holdUntil,
                                        CONSENT_EVIDENCE_BASIS),
                                new Outcome(SERVICE, "identity_account", "erased", 1, null, null))));
    }

    /** Every consent in force becomes withdrawn on {@code privacy.consents}, so no service's view keeps it. */
    private Uni<Void> withdrawAll(String subject) {
        Instant now = clock.instant();
        return consents.current(subject)
                .flatMap(current -> Multi.createFrom()
                        .iterable(current)
                        .filter(c -> Consent.GRANTED.equals(c.status()))
                        .onItem()
                        .transformToUniAndConcatenate(c -> events.changed(
                                new Consent(subject, c.purpose(), Consent.WITHDRAWN, c.version(), "api", now),
                                COORDINATOR))
                        .collect()
                        .asList()
                        .replaceWithVoid());
    }
}

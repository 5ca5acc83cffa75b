package io.payguard.auth.kyc.application;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.auth.kyc.application.port.CustomerDirectory;
import io.payguard.auth.kyc.application.port.KycTierEvents;
import io.payguard.auth.kyc.domain.KycTier;
import io.payguard.auth.kyc.domain.KycTierAssignment;
import io.payguard.auth.kyc.domain.KycTierAssignment.Outcome;
import io.payguard.kernel.failure.ApplicationException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Puts a customer on a KYC tier. The tier lives in Keycloak (an external system: no transaction spans it and the
 * outbox), so the change is made there first and then recorded on {@code security.events} through the outbox; if
 * the record cannot be written, the previous tier is restored (compensation) and the failure answered, so no
 * tier changes without its audit record. Assigning the tier a customer already has writes nothing to Keycloak but
 * is still recorded: the evidence an officer asserted is part of the trail even when it confirms the status quo.
 */
@ApplicationScoped
public class KycTierService {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(KycTierService.class);

    /** Keycloak user ids (UUIDs, or {@code f:<provider>:<id>} for federated users); nothing that could alter an admin URL. */
    private static final Pattern SUBJECT = Pattern.compile("[A-Za-z0-9:_-]{1,128}");

    /** Who asks, as the audit record shows them. */
    public record Actor(String subject, String clientId, Set<String> roles) {}

    private final CustomerDirectory directory;
    private final KycTierEvents events;
    private final Clock clock;

    public KycTierService(CustomerDirectory directory, KycTierEvents events, Clock clock) {
        this.directory = directory;
        this.events = events;
        this.clock = clock;
    }

    public Uni<Outcome> assign(String subject, KycTierAssignment assignment, Actor actor) {
        if (subject == null || !SUBJECT.matcher(subject).matches()) {
            return Uni.createFrom().failure(notFound());
        }
        return directory
                .kycTier(subject)
                .map(found -> found.orElseThrow(KycTierService::notFound))
                .flatMap(current -> {
                    Outcome outcome = assignment.applyTo(current);
                    Instant now = clock.instant();
                    return switch (outcome) {
                        case Outcome.Unchanged unchanged -> record(subject, assignment, outcome, actor, now);
                        case Outcome.Changed changed ->
                            directory
                                    .assignKycTier(subject, changed.tier())
                                    .chain(() -> record(subject, assignment, outcome, actor, now)
                                            .onFailure()
                                            .call(failure -> restore(subject, changed.previous())));
                    };
                });
    }

    private Uni<Outcome> record(
            String subject, KycTierAssignment assignment, Outcome outcome, Actor actor, Instant now) {
        return Panache.withTransaction(() -> events.assigned(subject, assignment, outcome, actor, now))
                .replaceWith(outcome);
    }

    private Uni<Void> restore(String subject, KycTier previous) {
        return directory
                .assignKycTier(subject, previous)
                .onFailure()
                .invoke(e -> LOG.errorf(
                        "the KYC tier of customer %s was changed but could not be recorded, and restoring tier %d failed "
                                + "too (%s): Keycloak holds an unaudited tier",
                        subject, previous.level(), e.getClass().getSimpleName()))
                .onFailure()
                .recoverWithNull();
    }

    public static ApplicationException notFound() {
        return ApplicationException.notFound("customer_not_found", "Customer not found");
    }
}

package io.payguard.auth.privacy.adapter.out.consent;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.auth.privacy.application.port.ConsentCheck;
import io.payguard.auth.privacy.application.port.ConsentStore;
import io.payguard.auth.privacy.domain.Consent;
import io.payguard.kernel.failure.ApplicationException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * {@link ConsentCheck} on the registry's own table (auth-service holds the consents). Other services use the platform
 * {@code ConsentView} over {@code privacy.consents}, which refuses with the same problem.
 */
@ApplicationScoped
public class RegistryConsentCheck implements ConsentCheck {

    private final ConsentStore store;

    public RegistryConsentCheck(ConsentStore store) {
        this.store = store;
    }

    @Override
    public Uni<Void> require(String subject, String purpose) {
        return Panache.withSession(() -> store.current(subject)).map(found -> {
            boolean granted =
                    found.stream().anyMatch(c -> c.purpose().equals(purpose) && Consent.GRANTED.equals(c.status()));
            if (!granted) {
                throw ApplicationException.notPermitted(
                        "consent_required",
                        "Consent required",
                        "The purpose '" + purpose
                                + "' needs the customer's consent, which was not given or was withdrawn.");
            }
            return null;
        });
    }
}

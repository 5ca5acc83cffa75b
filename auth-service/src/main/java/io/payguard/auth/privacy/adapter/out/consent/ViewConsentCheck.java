package io.payguard.auth.privacy.adapter.out.consent;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.auth.privacy.application.port.ConsentCheck;
import io.payguard.platform.protection.privacy.ConsentView;
import io.smallrye.mutiny.Uni;

/**
 * {@link ConsentCheck} with the platform's {@link ConsentView}: the consents as every service sees them, read from
 * {@code privacy.consents} into memory (no call per check); refuses 403 {@code consent_required} naming the purpose.
 */
@ApplicationScoped
public class ViewConsentCheck implements ConsentCheck {

    private final ConsentView view;

    public ViewConsentCheck(ConsentView view) {
        this.view = view;
    }

    @Override
    public Uni<Void> require(String subject, String purpose) {
        return Uni.createFrom().item(() -> {
            view.require(subject, purpose);
            return null;
        });
    }
}

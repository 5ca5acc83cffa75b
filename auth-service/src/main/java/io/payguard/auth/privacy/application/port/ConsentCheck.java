package io.payguard.auth.privacy.application.port;

import io.smallrye.mutiny.Uni;

/**
 * Whether a customer's consent to a purpose is in force, from the facts on {@code privacy.consents}; refuses with 403
 * {@code consent_required} naming the purpose otherwise.
 */
public interface ConsentCheck {

    Uni<Void> require(String subject, String purpose);
}

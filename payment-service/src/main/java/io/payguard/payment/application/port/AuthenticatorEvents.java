package io.payguard.payment.application.port;

import io.payguard.payment.domain.Authenticator;
import io.smallrye.mutiny.Uni;

/**
 * Security facts of authenticators on {@code security.events} (audit trail), in the caller's transaction: who
 * registered or revoked which authenticator. No key material: the credential id only as a SHA-256 hash.
 */
public interface AuthenticatorEvents {

    /** {@code actorSubject}/{@code actorRole}: the customer themself, or the operator who revoked. */
    Uni<Void> registered(Authenticator authenticator, String actorSubject, String actorRole);

    Uni<Void> revoked(Authenticator authenticator, String actorSubject, String actorRole);
}

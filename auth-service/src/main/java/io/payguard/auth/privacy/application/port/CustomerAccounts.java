package io.payguard.auth.privacy.application.port;

import java.util.Optional;

import io.smallrye.mutiny.Uni;

/** The customer's identity in the identity provider (Keycloak). */
public interface CustomerAccounts {

    /** The customer's e-mail address, or empty when there is no such user or no address. */
    Uni<Optional<String>> email(String subject);

    /** The customer's KYC tier (1 when unset), or empty for no such user. */
    Uni<Optional<Integer>> kycTier(String subject);

    /** Deletes the user; a user already gone is no failure. */
    Uni<Void> delete(String subject);
}

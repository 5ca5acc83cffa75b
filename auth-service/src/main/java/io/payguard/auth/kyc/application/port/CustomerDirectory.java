package io.payguard.auth.kyc.application.port;

import java.util.Optional;

import io.payguard.auth.kyc.domain.KycTier;
import io.smallrye.mutiny.Uni;

/** Where customers' identities and their KYC tier live (Keycloak in PayGuard: the tokens carry the tier from there). */
public interface CustomerDirectory {

    /** The customer's current tier, or empty when no customer has this subject (unknown, or not a customer). */
    Uni<Optional<KycTier>> kycTier(String subject);

    /** Stores the customer's tier; their next access token carries it. */
    Uni<Void> assignKycTier(String subject, KycTier tier);
}

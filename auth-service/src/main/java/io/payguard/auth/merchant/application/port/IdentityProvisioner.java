package io.payguard.auth.merchant.application.port;

import io.smallrye.mutiny.Uni;

/** Creates the OAuth 2.0 client a merchant's servers authenticate with (Keycloak in PayGuard). */
public interface IdentityProvisioner {

    /** Credentials of a freshly created confidential client: the secret is returned once, never stored here. */
    record ProvisionedClient(String clientId, String clientSecret) {}

    /**
     * Creates the merchant's client. A PayGuard merchant client of that id that already exists is one an earlier
     * onboarding created but could not record (its secret was never handed out): it is taken over with a freshly
     * generated secret. A client of that id that PayGuard did not create is a 409 {@code client_exists}.
     */
    Uni<ProvisionedClient> createMerchantClient(String clientId, String displayName);

    /** Removes a merchant client whose onboarding failed after it was created; no client of that id is fine. */
    Uni<Void> removeMerchantClient(String clientId);
}

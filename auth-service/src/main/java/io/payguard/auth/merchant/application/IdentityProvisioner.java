package io.payguard.auth.merchant.application;

import io.smallrye.mutiny.Uni;

/** Creates the OAuth 2.0 client a merchant's servers authenticate with (Keycloak in PayGuard). */
public interface IdentityProvisioner {

    /** Credentials of a freshly created confidential client: the secret is returned once, never stored here. */
    record ProvisionedClient(String clientId, String clientSecret) {
    }

    Uni<ProvisionedClient> createMerchantClient(String clientId, String displayName);
}

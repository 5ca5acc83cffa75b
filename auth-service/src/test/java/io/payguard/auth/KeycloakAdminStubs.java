package io.payguard.auth;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;

import com.github.tomakehurst.wiremock.WireMockServer;

/** Stubs of Keycloak's side of the auth service's admin calls (contract tests; the e2e suite uses the real Keycloak). */
public final class KeycloakAdminStubs {

    /** The bearer token the stubbed admin API expects. */
    public static final String ADMIN_TOKEN = "admin-token";

    private KeycloakAdminStubs() {}

    /** The auth service's service account gets {@link #ADMIN_TOKEN} by client credentials. */
    public static void serviceAccountToken(WireMockServer keycloak) {
        keycloak.stubFor(post(urlMatching("(/auth)?/realms/quarkus/protocol/openid-connect/token"))
                .atPriority(1)
                .withRequestBody(containing("grant_type=client_credentials"))
                .withRequestBody(containing("client_id=payguard-auth-service"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"access_token\":\"" + ADMIN_TOKEN + "\",\"expires_in\":60}")));
    }
}

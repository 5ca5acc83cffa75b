package io.payguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Against the running suite and the real Keycloak: no token, client credentials, PKCE, audiences. */
class SuiteSecurityIT {

    private final Http http = new Http();

    @ParameterizedTest
    @ValueSource(strings = {"auth", "payment", "wallet", "audit"})
    void everyServiceIsHealthyAndRefusesAnonymousCalls(String service) {
        assertThat(http.get(Stack.serviceUrl(service) + "/q/health/ready", Map.of())
                        .status())
                .isEqualTo(200);
        var r = http.get(Stack.serviceUrl(service) + "/v1/me", Map.of());
        assertThat(r.status()).isEqualTo(401);
    }

    @Test
    void aMerchantTokenFromClientCredentialsIsAcceptedByThePaymentService() {
        String token = Keycloak.clientCredentials("demo-merchant-a", Stack.get("PAYGUARD_MERCHANT_A_SECRET"));
        var r = http.get(Stack.serviceUrl("payment") + "/v1/me", Map.of("Authorization", "Bearer " + token));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("clientId").asText()).isEqualTo("demo-merchant-a");
        assertThat(r.json().get("roles").toString()).contains("\"merchant\"");
    }

    @Test
    void aMerchantTokenIsNotValidForTheAuditApi() {
        String token = Keycloak.clientCredentials("demo-merchant-b", Stack.get("PAYGUARD_MERCHANT_B_SECRET"));
        var r = http.get(Stack.serviceUrl("audit") + "/v1/me", Map.of("Authorization", "Bearer " + token));
        assertThat(r.status())
                .as("merchant clients carry no payguard-audit-api audience")
                .isEqualTo(401);
    }

    @Test
    void aWrongClientSecretGetsNoToken() {
        var r = http.postForm(
                Stack.keycloak() + "/protocol/openid-connect/token",
                Map.of("grant_type", "client_credentials", "client_id", "demo-merchant-a", "client_secret", "wrong"),
                Map.of());
        assertThat(r.status()).isEqualTo(401);
    }

    @Test
    void aCustomerLogsInWithParAndPkceAndCallsTheWalletServiceWithDpop() {
        var session = Keycloak.customerSession("alice");
        String url = Stack.serviceUrl("wallet") + "/v1/me";
        var r = http.get(url, session.headers("GET", url));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("clientId").asText()).isEqualTo(Keycloak.WEB_CLIENT);
        assertThat(r.json().get("roles").toString()).contains("\"customer\"");

        // the bound token alone is worthless: as a Bearer token, with a replayed proof, with another key's proof
        assertThat(http.get(url, Map.of("Authorization", "Bearer " + session.accessToken()))
                        .status())
                .isEqualTo(401);
        var headers = session.headers("GET", url);
        assertThat(http.get(url, headers).status()).isEqualTo(200);
        assertThat(http.get(url, headers).status()).as("replayed proof").isEqualTo(401);
        var stranger = io.payguard.platform.testing.DpopProofs.newKey();
        assertThat(http.get(
                                url,
                                Map.of(
                                        "Authorization",
                                        "DPoP " + session.accessToken(),
                                        "DPoP",
                                        stranger.proof("GET", url, session.accessToken())))
                        .status())
                .as("another key")
                .isEqualTo(401);
        assertThat(http.get(
                                url,
                                Map.of(
                                        "Authorization",
                                        "DPoP " + session.accessToken(),
                                        "DPoP",
                                        session.key()
                                                .proof(
                                                        "GET",
                                                        Stack.serviceUrl("payment") + "/v1/me",
                                                        session.accessToken())))
                        .status())
                .as("proof for another URL")
                .isEqualTo(401);
    }

    @Test
    void aPkceCodeWithTheWrongVerifierIsRefused() {
        var code = Keycloak.loginWithPkce("bob", Stack.get("PAYGUARD_DEMO_PASSWORD"));
        var r = Keycloak.exchange(code, Keycloak.randomUrlSafe(48), io.payguard.platform.testing.DpopProofs.newKey());
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("invalid_grant");
    }

    @Test
    void thePublicClientsMustPushTheirAuthorizationRequests() {
        var direct = http.get(
                Stack.keycloak() + "/protocol/openid-connect/auth?"
                        + Http.form(Map.of(
                                "client_id",
                                Keycloak.WEB_CLIENT,
                                "response_type",
                                "code",
                                "redirect_uri",
                                Keycloak.WEB_REDIRECT,
                                "scope",
                                "openid",
                                "state",
                                "s2",
                                "code_challenge",
                                Keycloak.s256("y".repeat(50)),
                                "code_challenge_method",
                                "S256")),
                Map.of());
        String location = direct.raw().headers().firstValue("Location").orElse("");
        assertThat(direct.status() == 400 || location.contains("error="))
                .as("a non-pushed request is refused: %s %s", direct.status(), location)
                .isTrue();
        assertThat(direct.body()).doesNotContain("kc-form-login");
    }

    @Test
    void theWebClientCannotUseThePasswordGrantOrImplicitFlow() {
        var password = http.postForm(
                Stack.keycloak() + "/protocol/openid-connect/token",
                Map.of(
                        "grant_type",
                        "password",
                        "client_id",
                        Keycloak.WEB_CLIENT,
                        "username",
                        "alice",
                        "password",
                        Stack.get("PAYGUARD_DEMO_PASSWORD")),
                Map.of());
        assertThat(password.status()).isIn(400, 401);
        var implicit = http.get(
                Stack.keycloak() + "/protocol/openid-connect/auth?"
                        + Http.form(Map.of(
                                "client_id",
                                Keycloak.WEB_CLIENT,
                                "response_type",
                                "token",
                                "redirect_uri",
                                Keycloak.WEB_REDIRECT,
                                "scope",
                                "openid",
                                "nonce",
                                "n-0S6_WzA2Mj")),
                Map.of());
        String location = implicit.raw().headers().firstValue("Location").orElse("");
        assertThat(location).as("implicit flow must be refused").doesNotContain("access_token=");
    }

    @Test
    void anUnregisteredRedirectUriIsRefused() {
        var r = Keycloak.pushAuthorizationRequest(Map.of(
                "response_type",
                "code",
                "redirect_uri",
                "https://attacker.example/cb",
                "scope",
                "openid",
                "code_challenge",
                Keycloak.s256("x".repeat(50)),
                "code_challenge_method",
                "S256"));
        assertThat(r.status()).isEqualTo(400);
    }

    @Test
    void pkceIsRequired() {
        var r = Keycloak.pushAuthorizationRequest(Map.of(
                "response_type", "code", "redirect_uri", Keycloak.WEB_REDIRECT, "scope", "openid", "state", "s1"));
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.body()).contains("invalid_request");
    }
}

package io.payguard.platform.web;

import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.payguard.platform.web.apikey.ApiKeyIdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * The authenticated caller, whichever way they came in (OAuth 2.0 token or API key). Resources use this, never
 * the raw principal: customers are their token's {@code sub}, merchants their client id ({@code azp}, or
 * the merchant behind an API key).
 */
@RequestScoped
public class Caller {

    private final SecurityIdentity identity;

    public Caller(SecurityIdentity identity) {
        this.identity = identity;
    }

    public boolean viaApiKey() {
        return "api-key".equals(identity.getAttribute(ApiKeyIdentityProvider.AUTH_METHOD));
    }

    public String subject() {
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            return jwt.getSubject();
        }
        return identity.isAnonymous() ? null : identity.getPrincipal().getName();
    }

    public String clientId() {
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            return jwt.getClaim("azp");
        }
        return identity.getAttribute(ApiKeyIdentityProvider.CLIENT_ID);
    }

    public String apiKeyId() {
        return identity.getAttribute(ApiKeyIdentityProvider.API_KEY_ID);
    }

    /** The API key's mode ({@code test} or {@code live}); null for OAuth 2.0 callers. */
    public String apiKeyMode() {
        return identity.getAttribute(ApiKeyIdentityProvider.API_KEY_MODE);
    }

    public Set<String> roles() {
        return identity.getRoles();
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }

    /** OAuth scopes of the token, or the API key's scopes. */
    public List<String> scopes() {
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            String scope = jwt.getClaim("scope");
            return scope == null || scope.isBlank() ? List.of() : List.of(scope.split(" "));
        }
        Set<String> keyScopes = identity.getAttribute(ApiKeyIdentityProvider.SCOPES);
        return keyScopes == null ? List.of() : keyScopes.stream().sorted().toList();
    }

    /** The merchant a merchant-role caller acts for. */
    public String merchantId() {
        if (!identity.hasRole(Roles.MERCHANT)) {
            throw new ProblemException(403, "merchant_required", "Merchant credentials required", null);
        }
        return clientId();
    }

    /** For operations an API key may not perform (managing keys): the merchant's OAuth client id. */
    public String requireOAuthClient() {
        if (viaApiKey()) {
            throw new ProblemException(
                    403,
                    "oauth_required",
                    "OAuth 2.0 client credentials required",
                    "API keys cannot manage API keys; use the merchant's OAuth 2.0 client");
        }
        return merchantId();
    }

    /**
     * The RFC 7638 thumbprint of the key the caller's token is bound to ({@code cnf.jkt}, RFC 9449), or null for a token
     * that is not DPoP-bound (and for API keys). A bound token reaches a resource only with a valid proof of that key
     * ({@code DpopProofFilter}).
     */
    public String keyThumbprint() {
        return identity.getPrincipal() instanceof JsonWebToken jwt
                ? io.payguard.platform.web.dpop.DpopProofFilter.boundKey(jwt.getClaim("cnf"))
                : null;
    }

    /** A short actor description for audit records: never a secret. */
    public String describe() {
        return viaApiKey() ? "api-key:" + apiKeyId() : "client:" + clientId() + " subject:" + subject();
    }
}

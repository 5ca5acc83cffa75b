package io.payguard.platform.web;

import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.payguard.platform.web.apikey.ApiKeyIdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * The authenticated caller, whichever way they came in (OAuth 2.0 token or API key). Resources use this, never
 * the raw principal: customers are their token's {@code sub}; merchants their client id ({@code azp}), the merchant
 * behind an API key, or, for a person logged in to a merchant's team through an app client (the merchant dashboard),
 * the token's {@code merchant_id} claim, which Keycloak maps from the user's admin-only {@code merchant_id} attribute.
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

    /** The public app clients people log in with; their client id is never a merchant. */
    static final Set<String> APP_CLIENTS = Set.of("payguard-web", "payguard-mobile");

    /**
     * The merchant a merchant-role caller acts for: the {@code merchant_id} claim of a team member's token, else the
     * merchant's own client id or API key. A merchant-role person without a membership acts for no merchant (403), so
     * the app client's id can never stand in for one.
     */
    public String merchantId() {
        if (!identity.hasRole(Roles.MERCHANT)) {
            throw new ProblemException(403, "merchant_required", "Merchant credentials required", null);
        }
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            Object member = jwt.getClaim("merchant_id");
            if (member instanceof String id && !id.isBlank()) {
                return id;
            }
            if (APP_CLIENTS.contains(clientId())) {
                throw new ProblemException(
                        403,
                        "merchant_membership_required",
                        "No merchant membership",
                        "this user account is not a member of a merchant's team");
            }
        }
        return clientId();
    }

    /** The merchant of a merchant-role caller, or null for any other caller (or a member of no merchant). */
    public String merchantIdOrNull() {
        try {
            return identity.hasRole(Roles.MERCHANT) ? merchantId() : null;
        } catch (ProblemException e) {
            return null;
        }
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

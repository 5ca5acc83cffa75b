package io.payguard.platform.web.apikey;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.kernel.ApiKeyFormat;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Accepts {@code Authorization: Bearer sk_…} (and {@code pk_}, {@code rk_}) beside OAuth 2.0 tokens. It runs
 * before the OIDC mechanism and steps aside (null identity) for anything that is not shaped like a key, so
 * JWTs still go to OIDC.
 */
@ApplicationScoped
public class ApiKeyAuthenticationMechanism implements HttpAuthenticationMechanism {

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String header = context.request().getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Uni.createFrom().nullItem();
        }
        String presented = header.substring(7).trim();
        if (!ApiKeyFormat.looksLikeKey(presented)) {
            return Uni.createFrom().nullItem();
        }
        return identityProviderManager.authenticate(new ApiKeyAuthenticationRequest(presented));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer"));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(ApiKeyAuthenticationRequest.class);
    }

    @Override
    public int getPriority() {
        // Above OIDC's mechanism, so that a key is never parsed as a JWT.
        return DEFAULT_PRIORITY + 1000;
    }
}

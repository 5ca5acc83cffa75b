package io.payguard.platform.web.apikey;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.platform.web.Roles;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/** Turns a presented API key into the merchant's identity, with the key's scopes as attributes. */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyAuthenticationRequest> {

    public static final String AUTH_METHOD = "payguard.auth-method";
    public static final String API_KEY_ID = "payguard.api-key-id";
    public static final String SCOPES = "payguard.scopes";
    public static final String CLIENT_ID = "payguard.client-id";
    /** The key's mode ({@code test} or {@code live}): signed requests may be required per mode. */
    public static final String API_KEY_MODE = "payguard.api-key-mode";

    private final ApiKeyRegistry registry;
    private final ApiKeyUsage usage;
    private final Clock clock;

    public ApiKeyIdentityProvider(ApiKeyRegistry registry, ApiKeyUsage usage, Clock clock) {
        this.registry = registry;
        this.usage = usage;
        this.clock = clock;
    }

    @Override
    public Class<ApiKeyAuthenticationRequest> getRequestType() {
        return ApiKeyAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(
            ApiKeyAuthenticationRequest request, AuthenticationRequestContext context) {
        var grant = registry.lookup(request.secret()).orElse(null);
        if (grant == null) {
            return Uni.createFrom().failure(new AuthenticationFailedException("unknown API key"));
        }
        if (!grant.usableAt(clock.instant())) {
            return Uni.createFrom()
                    .failure(new AuthenticationFailedException("API key " + grant.keyId() + " is revoked or expired"));
        }
        usage.used(grant);
        return Uni.createFrom()
                .item(QuarkusSecurityIdentity.builder()
                        .setPrincipal(new QuarkusPrincipal(grant.merchantId()))
                        .addRole(Roles.MERCHANT)
                        .addAttribute(AUTH_METHOD, "api-key")
                        .addAttribute(API_KEY_ID, grant.keyId())
                        .addAttribute(CLIENT_ID, grant.merchantId())
                        .addAttribute(SCOPES, grant.scopes())
                        .addAttribute(API_KEY_MODE, grant.mode() == null ? "" : grant.mode())
                        .build());
    }
}

package io.payguard.platform.web.dpop;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.oidc.TenantResolver;
import io.vertx.ext.web.RoutingContext;

/**
 * Requests with {@code Authorization: DPoP …} go to the {@code dpop} OIDC tenant (same realm and audience,
 * {@code authorization-scheme=DPoP}), where the OIDC extension verifies the proof and the token's binding to
 * it (RFC 9449). Everything else uses the default Bearer tenant.
 */
@ApplicationScoped
public class DpopTenantResolver implements TenantResolver {

    public static final String TENANT = "dpop";

    @Override
    public String resolve(RoutingContext context) {
        String header = context.request().getHeader("Authorization");
        return header != null && header.regionMatches(true, 0, "DPoP ", 0, 5) ? TENANT : null;
    }
}

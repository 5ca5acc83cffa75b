package io.payguard.platform.web.dpop;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import jakarta.json.JsonObject;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.payguard.platform.web.CorrelationId;
import io.payguard.platform.web.Problem;
import io.payguard.platform.web.security.AuthenticationFailureAuditor;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.vertx.ext.web.RoutingContext;

/**
 * What PayGuard adds to the OIDC extension's DPoP support, after authentication:
 * <ul>
 * <li>a token bound to a key ({@code cnf.jkt}) is refused when presented as a plain Bearer token;</li>
 * <li>every DPoP proof is re-checked by {@link DpopProofVerifier}, including an {@code iat} window
 * (default 60 s back, 5 s ahead) and single use of its {@code jti} ({@link DpopReplayCache}).</li>
 * </ul>
 * The signature is verified once per request. The OIDC extension (3.33, {@code BearerAuthenticationMechanism} and
 * {@code OidcIdentityProvider}) checks {@code typ}, {@code htm}, {@code htu}, the proof's signature with its header
 * key, that key's thumbprint against {@code cnf.jkt} and {@code ath}, and leaves the proof it checked in the routing
 * context ({@code dpop_proof}). When that is exactly the proof of this request the filter skips only the signature
 * (an ECDSA verification, the costliest step of a DPoP request); otherwise it verifies everything itself.
 * {@code ServiceWiringContract} sends forged proofs to every service, so an extension that stopped checking would
 * fail the build.
 */
public class DpopProofFilter {

    /** Where the OIDC extension leaves the DPoP proof it verified (its {@code OidcConstants.DPOP_PROOF}). */
    static final String OIDC_VERIFIED_PROOF = "dpop_proof";

    private final CurrentIdentityAssociation identity;
    private final DpopReplayCache replays;
    private final DpopProofVerifier verifier;
    private final Clock clock;
    private final Optional<String> publicBaseUrl;
    private final AuthenticationFailureAuditor failures;

    public DpopProofFilter(
            CurrentIdentityAssociation identity,
            DpopReplayCache replays,
            Clock clock,
            AuthenticationFailureAuditor failures,
            @ConfigProperty(name = "payguard.dpop.max-proof-age", defaultValue = "PT60S") Duration maxAge,
            @ConfigProperty(name = "payguard.dpop.max-clock-skew", defaultValue = "PT5S") Duration skew,
            @ConfigProperty(name = "payguard.dpop.public-base-url") Optional<String> publicBaseUrl) {
        this.identity = identity;
        this.replays = replays;
        this.clock = clock;
        this.verifier = new DpopProofVerifier(maxAge, skew);
        this.publicBaseUrl = publicBaseUrl;
        this.failures = failures;
    }

    @ServerRequestFilter(priority = jakarta.ws.rs.Priorities.AUTHENTICATION + 10)
    public Response checkProof(RoutingContext ctx) {
        var current = identity.getIdentity();
        if (current == null || !(current.getPrincipal() instanceof JsonWebToken jwt)) {
            return null;
        }
        String jkt = boundKey(jwt.getClaim("cnf"));
        String authorization = ctx.request().getHeader("Authorization");
        boolean dpopScheme = authorization != null && authorization.regionMatches(true, 0, "DPoP ", 0, 5);
        if (jkt == null && !dpopScheme) {
            return null;
        }
        if (jkt == null || !dpopScheme) {
            return refuse(
                    ctx,
                    jkt == null
                            ? "a DPoP request needs a key-bound token"
                            : "this token is bound to a key: send it as 'Authorization: DPoP' with a DPoP proof");
        }
        var proofs = ctx.request().headers().getAll("DPoP");
        String url = publicBaseUrl
                .map(base -> base.replaceAll("/$", "") + ctx.request().path())
                .orElseGet(() -> ctx.request().absoluteURI());
        boolean verifiedUpstream = proofs.size() == 1 && proofs.get(0).equals(ctx.get(OIDC_VERIFIED_PROOF));
        var outcome = proofs.size() != 1
                ? new DpopProofVerifier.Invalid("exactly one DPoP proof is required")
                : verifier.verify(
                        proofs.get(0),
                        ctx.request().method().name(),
                        url,
                        authorization.substring(5).trim(),
                        clock.instant(),
                        verifiedUpstream);
        if (outcome instanceof DpopProofVerifier.Invalid invalid) {
            return refuse(ctx, invalid.reason());
        }
        var valid = (DpopProofVerifier.Valid) outcome;
        if (!valid.jkt().equals(jkt)) {
            return refuse(ctx, "the token is bound to another key");
        }
        if (!replays.firstUse(valid.jkt(), valid.jti())) {
            return refuse(ctx, "this DPoP proof was already used");
        }
        return null;
    }

    /** The {@code cnf.jkt} confirmation, whichever JSON shape the principal exposes it in. */
    public static String boundKey(Object cnf) {
        if (cnf instanceof JsonObject o) {
            return o.containsKey("jkt") ? o.getString("jkt") : null;
        }
        if (cnf instanceof java.util.Map<?, ?> m && m.get("jkt") != null) {
            return m.get("jkt").toString();
        }
        if (cnf instanceof String json && json.contains("jkt")) {
            return new io.vertx.core.json.JsonObject(json).getString("jkt");
        }
        return null;
    }

    private Response refuse(RoutingContext ctx, String detail) {
        failures.refused(ctx, "dpop_invalid");
        return Response.status(401)
                .type(Problem.MEDIA_TYPE)
                .header("WWW-Authenticate", "DPoP error=\"invalid_dpop_proof\"")
                .entity(Problem.of(401, "dpop_required", "Proof of possession required", detail, CorrelationId.of(ctx)))
                .build();
    }
}

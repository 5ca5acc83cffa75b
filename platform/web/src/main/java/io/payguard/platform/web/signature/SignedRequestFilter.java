package io.payguard.platform.web.signature;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.WithFormRead;

import io.payguard.platform.web.Caller;
import io.payguard.platform.web.CorrelationId;
import io.payguard.platform.web.Problem;
import io.payguard.platform.web.merchant.MerchantDirectory;
import io.payguard.platform.web.merchant.MerchantState;
import io.payguard.platform.web.security.AuthenticationFailureAuditor;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Verifies the HTTP message signature (RFC 9421, {@link HttpSignatureVerifier}) of a merchant's call to an operation
 * annotated {@link SignedRequest}, after authentication and authorisation, with the keys the merchant registered in the
 * auth service (read from the {@link MerchantDirectory}). A signature is required when the merchant's state says
 * {@code requestSigning: required} or the API key's mode is in {@code payguard.request-signing.required-modes};
 * otherwise an absent signature is accepted and a present one must still verify. Refusals are 401 problems, each a
 * security event ({@link AuthenticationFailureAuditor#signatureRefused}) and a metric.
 *
 * <p>
 * The filter needs the raw body for {@code Content-Digest}: {@link WithFormRead} makes Quarkus REST run it after the
 * body has been read into memory (non-blocking endpoints; the size is bounded by
 * {@code quarkus.http.limits.max-body-size}), so reading the entity stream here does not block, and the bytes are put
 * back for the JSON reader.
 */
public class SignedRequestFilter {

    private final Instance<MerchantDirectory> directory;
    private final Instance<Caller> callers;
    private final SignatureReplayCache replays;
    private final AuthenticationFailureAuditor auditor;
    private final Clock clock;
    private final Duration maxSkew;
    private final Set<String> requiredModes;
    private final Optional<String> publicBaseUrl;

    public SignedRequestFilter(
            Instance<MerchantDirectory> directory,
            Instance<Caller> callers,
            SignatureReplayCache replays,
            AuthenticationFailureAuditor auditor,
            Clock clock,
            @ConfigProperty(name = "payguard.request-signing.max-skew", defaultValue = "PT300S") Duration maxSkew,
            @ConfigProperty(name = "payguard.request-signing.required-modes", defaultValue = "none")
                    List<String> requiredModes,
            @ConfigProperty(name = "payguard.request-signing.public-base-url") Optional<String> publicBaseUrl) {
        this.directory = directory;
        this.callers = callers;
        this.replays = replays;
        this.auditor = auditor;
        this.clock = clock;
        this.maxSkew = maxSkew;
        this.requiredModes = Set.copyOf(requiredModes);
        this.publicBaseUrl = publicBaseUrl;
    }

    @SignedRequest
    @WithFormRead
    @ServerRequestFilter(priority = Priorities.AUTHORIZATION + 20)
    public Uni<Response> verify(ContainerRequestContext request, ResourceInfo resource, RoutingContext ctx)
            throws IOException {
        Caller caller = callers.get();
        String merchantId = caller.merchantIdOrNull();
        if (merchantId == null || directory.isUnsatisfied()) {
            return Uni.createFrom().nullItem();
        }
        var entity = request.getEntityStream();
        byte[] body = entity == null ? new byte[0] : entity.readAllBytes();
        request.setEntityStream(new ByteArrayInputStream(body));
        var signed = new HttpSignatureVerifier.Request(
                ctx.request().method().name(),
                targetUri(ctx),
                name -> ctx.request().headers().getAll(name),
                body,
                takesIdempotencyKey(resource));
        boolean modeRequires = modeRequires(caller);
        // waits for the directory's catch-up after a start (a merchant's requirement must never be missed)
        return directory
                .get()
                .lookup(merchantId)
                .map(state -> decide(ctx, merchantId, state, signed, modeRequires))
                .onFailure(MerchantDirectory.NotCaughtUp.class)
                .recoverWithItem(() -> Response.status(503)
                        .type(Problem.MEDIA_TYPE)
                        .header("Retry-After", "1")
                        .entity(Problem.of(
                                503,
                                "merchant_directory_loading",
                                "Merchant directory loading",
                                "This instance is still reading the merchant directory; retry shortly",
                                CorrelationId.of(ctx)))
                        .build());
    }

    private Response decide(
            RoutingContext ctx,
            String merchantId,
            Optional<MerchantState> state,
            HttpSignatureVerifier.Request signed,
            boolean modeRequires) {
        var verifier =
                new HttpSignatureVerifier(maxSkew, (keyId, nonce) -> replays.firstUse(merchantId + "/" + keyId, nonce));
        var outcome = verifier.verify(signed, keyId -> state.flatMap(s -> s.verificationKey(keyId)), clock.instant());
        boolean required =
                modeRequires || state.map(MerchantState::signingRequired).orElse(false);
        return switch (outcome) {
            case HttpSignatureVerifier.Verified verified -> null;
            case HttpSignatureVerifier.Absent absent ->
                required
                        ? refuse(
                                ctx,
                                merchantId,
                                new HttpSignatureVerifier.Refused(
                                        HttpSignatureVerifier.Reason.SIGNATURE_REQUIRED,
                                        "this operation must be signed (RFC 9421) with one of the merchant's registered keys",
                                        null))
                        : null;
            case HttpSignatureVerifier.Refused refused -> refuse(ctx, merchantId, refused);
        };
    }

    private boolean modeRequires(Caller caller) {
        String mode = caller.viaApiKey() ? caller.apiKeyMode() : null;
        return mode != null && requiredModes.contains(mode);
    }

    private static boolean takesIdempotencyKey(ResourceInfo resource) {
        var method = resource.getResourceMethod();
        SignedRequest annotation = method == null ? null : method.getAnnotation(SignedRequest.class);
        if (annotation == null && resource.getResourceClass() != null) {
            annotation = resource.getResourceClass().getAnnotation(SignedRequest.class);
        }
        return annotation == null || annotation.idempotencyKey();
    }

    /**
     * What the client addressed: {@code payguard.request-signing.public-base-url} + path and query when set (a
     * deployment behind a TLS-terminating proxy that does not forward the original host and scheme), else the absolute
     * URI as Vert.x sees it, which honours {@code X-Forwarded-*} / {@code Forwarded} when
     * {@code quarkus.http.proxy.proxy-address-forwarding} (and {@code enable-forwarded-host}) are on.
     */
    private String targetUri(RoutingContext ctx) {
        return publicBaseUrl
                .map(base -> base.replaceAll("/$", "") + ctx.request().uri())
                .orElseGet(() -> ctx.request().absoluteURI());
    }

    private Response refuse(RoutingContext ctx, String merchantId, HttpSignatureVerifier.Refused refused) {
        auditor.signatureRefused(
                ctx, merchantId, refused.keyId(), refused.reason().code());
        var response = Response.status(401)
                .type(Problem.MEDIA_TYPE)
                .entity(Problem.of(
                        401,
                        refused.reason().code(),
                        "Request signature refused",
                        refused.detail(),
                        CorrelationId.of(ctx)));
        if (refused.reason() == HttpSignatureVerifier.Reason.SIGNATURE_REQUIRED) {
            response.header("Accept-Signature", acceptSignature());
        }
        return response.build();
    }

    /** RFC 9421 section 5.1: what to sign. */
    static String acceptSignature() {
        return "sig1=(\"@method\" \"@target-uri\" \"content-digest\" \"idempotency-key\");created;keyid;nonce";
    }
}

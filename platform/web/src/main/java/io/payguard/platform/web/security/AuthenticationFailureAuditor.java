package io.payguard.platform.web.security;

import java.time.Clock;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.micrometer.core.instrument.MeterRegistry;
import io.payguard.platform.messaging.CloudEvent;
import io.payguard.platform.messaging.Outbox;
import io.payguard.platform.messaging.Topics;
import io.payguard.platform.web.CorrelationId;
import io.quarkus.security.spi.runtime.AuthenticationFailureEvent;
import io.vertx.ext.web.RoutingContext;

/**
 * Every failed authentication (bad or expired token, wrong audience, unknown or revoked API key) becomes a
 * security event on {@code security.events} for the audit service, with the source address, the reason
 * class and the correlation id — never the credential itself. Events per source address are capped per
 * second so that a flood of bad tokens cannot flood the outbox; the counter metric still counts them all.
 */
@ApplicationScoped
public class AuthenticationFailureAuditor {

    public static final String EVENT_TYPE = "io.payguard.security.authentication.failed.v1";
    /** A money-moving request refused for its HTTP message signature (platform/web SignedRequestFilter). */
    public static final String SIGNATURE_REFUSED_TYPE = "io.payguard.security.request_signature.refused.v1";

    private static final Logger LOG = Logger.getLogger(AuthenticationFailureAuditor.class);

    private final Outbox outbox;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final MeterRegistry meters;
    private final String service;
    private final int maxEventsPerSourcePerSecond;
    private final ConcurrentHashMap<String, AtomicLong> window = new ConcurrentHashMap<>();
    private volatile long windowSecond;

    public AuthenticationFailureAuditor(
            Outbox outbox,
            ObjectMapper mapper,
            Clock clock,
            MeterRegistry meters,
            @ConfigProperty(name = "quarkus.application.name") String service,
            @ConfigProperty(name = "payguard.security.failed-auth-events-per-source-per-second", defaultValue = "20")
                    int maxPerSecond) {
        this.outbox = outbox;
        this.mapper = mapper;
        this.clock = clock;
        this.meters = meters;
        this.service = service;
        this.maxEventsPerSourcePerSecond = maxPerSecond;
    }

    void onFailure(@ObservesAsync AuthenticationFailureEvent event) {
        Object rc = event.getEventProperties().get(RoutingContext.class.getName());
        record(rc instanceof RoutingContext r ? r : null, classify(event.getAuthenticationFailure()));
    }

    /**
     * A request refused by PayGuard's own checks after (or before) the OIDC extension had its say: a malformed,
     * replayed or stale DPoP proof, a token presented with the wrong scheme. {@code reason} is a stable class such
     * as {@code dpop_invalid}, never the credential.
     */
    public void refused(RoutingContext ctx, String reason) {
        record(ctx, reason);
    }

    private void record(RoutingContext ctx, String reason) {
        meters.counter("payguard.security.authentication.failures", "reason", reason)
                .increment();
        String ip = sourceOf(ctx);
        if (!admit(ip)) {
            return;
        }
        ObjectNode data = mapper.createObjectNode();
        data.putObject("actor").put("subject", "anonymous");
        data.put("action", "authentication");
        data.put("objectType", "credential");
        data.put("objectId", ctx == null ? null : credentialKind(ctx.request().getHeader("Authorization")));
        data.put("outcome", "failure");
        data.put("reason", reason);
        describeRequest(data, ctx, ip);
        publish(EVENT_TYPE, "credential", "authentication", ip, data);
    }

    /**
     * A merchant's request to a money-moving operation refused for its signature ({@code reason}: the problem code,
     * e.g. {@code signature_replayed}); keyed by merchant id, capped per source address like failed authentications.
     * Never the signature or a header value beyond the key id.
     */
    public void signatureRefused(RoutingContext ctx, String merchantId, String keyId, String reason) {
        meters.counter("payguard.security.request_signature.refusals", "reason", reason)
                .increment();
        String ip = sourceOf(ctx);
        if (!admit(ip)) {
            return;
        }
        ObjectNode data = mapper.createObjectNode();
        data.putObject("actor").put("subject", merchantId);
        data.put("action", "request_signature.verify");
        data.put("objectType", "merchant");
        data.put("objectId", merchantId);
        data.put("outcome", "failure");
        data.put("reason", reason);
        data.put("merchantId", merchantId);
        data.put("keyId", keyId == null || keyId.length() > 64 ? null : keyId);
        describeRequest(data, ctx, ip);
        publish(SIGNATURE_REFUSED_TYPE, "merchant/" + merchantId, "merchant", merchantId, data);
    }

    private static String sourceOf(RoutingContext ctx) {
        return ctx == null || ctx.request().remoteAddress() == null
                ? "unknown"
                : ctx.request().remoteAddress().hostAddress();
    }

    private void describeRequest(ObjectNode data, RoutingContext ctx, String ip) {
        ObjectNode origin = data.putObject("origin");
        origin.put("ip", ip);
        origin.put("userAgent", ctx == null ? null : ctx.request().getHeader("User-Agent"));
        data.put("path", ctx == null ? null : ctx.request().path());
        data.put("correlationId", ctx == null ? null : CorrelationId.of(ctx));
        data.put("service", service);
    }

    private void publish(String type, String subject, String aggregate, String key, ObjectNode data) {
        var ce = CloudEvent.of(
                UUID.randomUUID().toString(), "/payguard/" + service, type, subject, clock.instant(), data);
        outbox.appendStandalone(Topics.SECURITY_EVENTS, aggregate, key, ce)
                .subscribe()
                .with(ok -> {}, e -> LOG.warnf("could not record a security event %s: %s", type, e.toString()));
    }

    private boolean admit(String source) {
        long second = clock.millis() / 1000;
        if (second != windowSecond) {
            windowSecond = second;
            window.clear();
        }
        return window.computeIfAbsent(source, s -> new AtomicLong()).incrementAndGet() <= maxEventsPerSourcePerSecond;
    }

    /** Which kind of credential was presented, without any of its content. */
    static String credentialKind(String authorization) {
        if (authorization == null) {
            return "none";
        }
        String value = authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim()
                : authorization.regionMatches(true, 0, "DPoP ", 0, 5)
                        ? authorization.substring(5).trim()
                        : authorization;
        if (value.startsWith("sk_") || value.startsWith("rk_") || value.startsWith("pk_")) {
            return "api-key";
        }
        return value.chars().filter(c -> c == '.').count() == 2 ? "jwt" : "other";
    }

    static String classify(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            text.append(' ').append(t.getClass().getSimpleName()).append(' ').append(t.getMessage());
        }
        String s = text.toString().toLowerCase(Locale.ROOT);
        if (s.contains("expired") && !s.contains("api key")) {
            return "token_expired";
        }
        if (s.contains("audience") || s.contains("aud ")) {
            return "wrong_audience";
        }
        if (s.contains("issuer")) {
            return "wrong_issuer";
        }
        if (s.contains("signature") || s.contains("key resolution") || s.contains("unresolvablekey")) {
            return "bad_signature";
        }
        if (s.contains("unknown api key")) {
            return "unknown_api_key";
        }
        if (s.contains("api key")) {
            return "revoked_or_expired_api_key";
        }
        if (s.contains("algorithm") || s.contains("alg")) {
            return "algorithm_refused";
        }
        return "invalid_credentials";
    }
}

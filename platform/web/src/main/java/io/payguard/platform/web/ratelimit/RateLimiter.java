package io.payguard.platform.web.ratelimit;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.MeterRegistry;
import io.payguard.platform.web.Caller;
import io.payguard.platform.web.CorrelationId;
import io.payguard.platform.web.Problem;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;

/**
 * Rate limits with Bucket4j token buckets kept in a bounded Caffeine cache: 429 with {@code Retry-After} and
 * {@code RateLimit-*} headers when a bucket is empty; {@code RateLimit-Limit}, {@code -Remaining} and {@code -Reset}
 * (seconds until the bucket is full again) on every answer to an identified caller.
 */
@ApplicationScoped
public class RateLimiter {

    private record GroupLimit(String name, List<String> prefixes, RateLimitConfig.Limit limit) {}

    private final RateLimitConfig config;
    private final MeterRegistry meters;
    private final jakarta.enterprise.inject.Instance<Caller> callers;
    private final List<GroupLimit> groups;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .maximumSize(200_000)
            .expireAfterAccess(Duration.ofMinutes(10))
            .build();

    public RateLimiter(
            RateLimitConfig config, MeterRegistry meters, jakarta.enterprise.inject.Instance<Caller> callers) {
        this.config = config;
        this.callers = callers;
        this.meters = meters;
        this.groups = config.groups().entrySet().stream()
                .map(e -> new GroupLimit(e.getKey(), e.getValue().pathPrefixes(), e.getValue()))
                // the longest prefix wins when groups overlap
                .sorted(Comparator.comparingInt((GroupLimit g) -> g.prefixes().stream()
                                .mapToInt(String::length)
                                .max()
                                .orElse(0))
                        .reversed())
                .toList();
    }

    /** Coarse per-address limit, before authentication (health and metrics are exempt). */
    void register(@Observes Filters filters) {
        filters.register(
                ctx -> {
                    if (!config.enabled() || ctx.request().path().startsWith("/q/")) {
                        ctx.next();
                        return;
                    }
                    String ip = ctx.request().remoteAddress() == null
                            ? "unknown"
                            : ctx.request().remoteAddress().hostAddress();
                    ConsumptionProbe probe =
                            bucket("addr:" + ip, config.perAddress()).tryConsumeAndReturnRemaining(1);
                    if (probe.isConsumed()) {
                        ctx.next();
                    } else {
                        reject(ctx, probe, config.perAddress(), "address");
                    }
                },
                800);
    }

    /** Per caller and endpoint group, after authentication. */
    @ServerRequestFilter
    public Response perCaller(ContainerRequestContext request, RoutingContext ctx) {
        Caller caller = callers.get();
        if (!config.enabled() || caller.subject() == null) {
            return null;
        }
        String path = request.getUriInfo().getPath();
        GroupLimit group = groups.stream()
                .filter(g -> g.prefixes().stream().anyMatch(path::startsWith))
                .findFirst()
                .orElse(null);
        RateLimitConfig.Limit limit = group == null ? config.defaults() : group.limit();
        String who = caller.viaApiKey()
                ? "key:" + caller.apiKeyId()
                : "client:" + caller.clientId() + "/" + caller.subject();
        ConsumptionProbe probe = bucket((group == null ? "default" : group.name()) + "|" + who, limit)
                .tryConsumeAndReturnRemaining(1);
        ctx.response().headers().set("RateLimit-Limit", String.valueOf(limit.capacity()));
        ctx.response().headers().set("RateLimit-Remaining", String.valueOf(probe.getRemainingTokens()));
        ctx.response().headers().set("RateLimit-Reset", String.valueOf(resetSeconds(probe, limit)));
        if (probe.isConsumed()) {
            return null;
        }
        meters.counter("payguard.ratelimit.rejected", "scope", group == null ? "default" : group.name())
                .increment();
        long retry = retryAfterSeconds(probe);
        return Response.status(429)
                .type(Problem.MEDIA_TYPE)
                .header("Retry-After", retry)
                .entity(Problem.of(
                        429, "rate_limited", "Too many requests", "retry after " + retry + " s", CorrelationId.of(ctx)))
                .build();
    }

    private Bucket bucket(String key, RateLimitConfig.Limit limit) {
        return buckets.get(
                key,
                k -> Bucket.builder()
                        .addLimit(Bandwidth.builder()
                                .capacity(limit.capacity())
                                .refillGreedy(limit.refillPerSecond(), Duration.ofSeconds(1))
                                .build())
                        .build());
    }

    private void reject(RoutingContext ctx, ConsumptionProbe probe, RateLimitConfig.Limit limit, String scope) {
        meters.counter("payguard.ratelimit.rejected", "scope", scope).increment();
        long retry = retryAfterSeconds(probe);
        var problem = Problem.of(
                429, "rate_limited", "Too many requests", "retry after " + retry + " s", CorrelationId.of(ctx));
        ctx.response()
                .setStatusCode(429)
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader("Retry-After", String.valueOf(retry))
                .putHeader("RateLimit-Limit", String.valueOf(limit.capacity()))
                .putHeader("RateLimit-Remaining", "0")
                .putHeader("RateLimit-Reset", String.valueOf(resetSeconds(probe, limit)))
                .end(Json.encode(problem));
    }

    /** Seconds until the bucket is full again (its missing tokens at the refill rate, rounded up). */
    static long resetSeconds(ConsumptionProbe probe, RateLimitConfig.Limit limit) {
        long missing = Math.max(0, limit.capacity() - probe.getRemainingTokens());
        long rate = Math.max(1, limit.refillPerSecond());
        return (missing + rate - 1) / rate;
    }

    private static long retryAfterSeconds(ConsumptionProbe probe) {
        return Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
    }
}

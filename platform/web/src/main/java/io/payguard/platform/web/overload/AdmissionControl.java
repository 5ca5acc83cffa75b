package io.payguard.platform.web.overload;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.payguard.platform.web.CorrelationId;
import io.payguard.platform.web.Problems;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;

/**
 * Load shedding: at most {@code payguard.http.max-in-flight} API requests are worked on at once; one more is refused at
 * once with {@code 503 overloaded} and {@code Retry-After}, before authentication, parsing or any database work.
 *
 * <p>Why: a service that restarts into a backlog (clients retrying everything that failed while it was down) on a cold
 * JVM takes every request it is offered, so each one waits behind all the others, the clients' timeouts run out, they
 * retry, and the service spends its CPU on work whose caller has gone: the fault-injection suite saw payment-service hold
 * about 1,000 requests at once and time out for minutes after a restart. Bounded, the requests it admits finish within
 * their callers' patience, the JIT warms up on useful work, and the rest are told plainly when to come back (the same
 * Idempotency-Key makes the retry safe). A refusal costs microseconds.
 *
 * <p>The bound adapts ({@link AdaptiveLimit}): it starts at {@code payguard.http.max-in-flight} and a request that took
 * longer than {@code payguard.http.adaptive.slow} (5 s, half of a common client timeout) cuts it by
 * {@code adaptive.backoff} (to 90 %), never under {@code adaptive.min-in-flight}; fast requests raise it again by one.
 * A fixed 64 was too many for a payment-service on half a core (a cold JVM after a restart beside another service's
 * catch-up): all 64 were worked on at once, each outlasted its caller's 10 s timeout, and the callers saw no answer
 * instead of a quick 503 (fault-injection suite). {@code adaptive.slow=0} keeps the limit fixed.
 *
 * <p>The slot is given back when the response ends or the connection closes (Vert.x end handler; Quarkus REST cancels
 * the work of a closed request). Health, metrics and the OpenAPI documents ({@code /q/...}) are never refused, so probes
 * keep telling the truth. Metrics: {@code payguard_http_in_flight} (gauge), {@code payguard_http_in_flight_limit}
 * (gauge, the adaptive limit now) and {@code payguard_http_shed_total}.
 */
@ApplicationScoped
public class AdmissionControl {

    /** Before every other PayGuard filter (the request guard and the correlation id run at 1000, rate limits at 800). */
    static final int PRIORITY = 1100;

    private final AdaptiveLimit limit;
    private final String retryAfter;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Counter shed;

    @Inject
    public AdmissionControl(
            MeterRegistry meters,
            @ConfigProperty(name = "payguard.http.max-in-flight", defaultValue = "64") int maxInFlight,
            @ConfigProperty(name = "payguard.http.overload-retry-after", defaultValue = "PT1S") Duration retryAfter,
            @ConfigProperty(name = "payguard.http.adaptive.min-in-flight", defaultValue = "4") int minInFlight,
            @ConfigProperty(name = "payguard.http.adaptive.slow", defaultValue = "PT5S") Duration slow,
            @ConfigProperty(name = "payguard.http.adaptive.backoff", defaultValue = "0.9") double backoff) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("payguard.http.max-in-flight must be at least 1, was " + maxInFlight);
        }
        this.limit = new AdaptiveLimit(Math.min(Math.max(1, minInFlight), maxInFlight), maxInFlight, slow, backoff);
        this.retryAfter = Long.toString(Math.max(1, retryAfter.toSeconds()));
        this.shed = Counter.builder("payguard.http.shed")
                .description("API requests refused with 503 overloaded (the in-flight limit reached)")
                .register(meters);
        Gauge.builder("payguard.http.in.flight", inFlight, AtomicInteger::get)
                .description("API requests being worked on")
                .register(meters);
        Gauge.builder("payguard.http.in.flight.limit", limit, AdaptiveLimit::limit)
                .description(
                        "API requests admitted at once now (adapts between adaptive.min-in-flight and max-in-flight)")
                .register(meters);
    }

    /** A fixed limit (tests). */
    AdmissionControl(MeterRegistry meters, int limit, Duration retryAfter) {
        this(meters, limit, retryAfter, limit, Duration.ZERO, 0.5);
    }

    void register(@Observes Filters filters) {
        filters.register(this::admit, PRIORITY);
    }

    void admit(RoutingContext ctx) {
        String path = ctx.request().path();
        if (path == null || path.startsWith("/q/")) {
            ctx.next();
            return;
        }
        int now = inFlight.incrementAndGet();
        int bound = limit.limit();
        if (now > bound) {
            inFlight.decrementAndGet();
            shed.increment();
            ctx.response()
                    .headers()
                    .set(CorrelationId.HEADER, CorrelationId.of(ctx))
                    .set("Retry-After", retryAfter);
            Problems.end(
                    ctx,
                    503,
                    "overloaded",
                    "Service overloaded",
                    "more than " + bound + " requests are in progress; retry after " + retryAfter
                            + " s (with the same Idempotency-Key)");
            return;
        }
        long admitted = System.nanoTime();
        var released = new java.util.concurrent.atomic.AtomicBoolean();
        ctx.addEndHandler(done -> {
            if (released.compareAndSet(false, true)) {
                inFlight.decrementAndGet();
                limit.completed(System.nanoTime() - admitted, now);
            }
        });
        ctx.next();
    }

    /** The in-flight limit now. */
    public int limit() {
        return limit.limit();
    }

    /** Requests being worked on now (for tests and the readiness of nothing: overload is not unreadiness). */
    public int inFlight() {
        return inFlight.get();
    }
}

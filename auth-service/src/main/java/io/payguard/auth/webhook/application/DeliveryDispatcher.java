package io.payguard.auth.webhook.application;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.payguard.auth.webhook.application.port.DeliveryStore;
import io.payguard.auth.webhook.application.port.DeliveryStore.Next;
import io.payguard.auth.webhook.application.port.EndpointStore;
import io.payguard.auth.webhook.application.port.EventStore;
import io.payguard.auth.webhook.application.port.WebhookEvents;
import io.payguard.auth.webhook.application.port.WebhookTransport;
import io.payguard.auth.webhook.config.WebhookConfig;
import io.payguard.auth.webhook.domain.Attempt;
import io.payguard.auth.webhook.domain.ClaimedDelivery;
import io.payguard.auth.webhook.domain.RetryPolicy;
import io.payguard.auth.webhook.domain.SigningSecrets;
import io.payguard.platform.messaging.DueWork;
import io.payguard.platform.messaging.PeriodicTask;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * Sends due deliveries. {@code dispatch.workers} {@link PeriodicTask}s each claim a batch of due deliveries with a
 * lease ({@link DeliveryStore#claimDue}: {@code FOR UPDATE SKIP LOCKED}, so two workers or replicas never send the
 * same attempt, and a crash mid-send leaves a lease that expires and the delivery due again), then send them one after
 * the other ({@link DueWork#each}): each is signed with every currently valid secret of its endpoint, sent, and its
 * attempt logged in one transaction with the delivery's next state (delivered, retry at a jittered backoff, or given
 * up) and the endpoint's health; an endpoint failing for {@code disable-after} is disabled and the merchant told.
 * At least once: a crash after the receiver answered and before the outcome committed sends the event again.
 */
@ApplicationScoped
public class DeliveryDispatcher {

    private static final Logger LOG = Logger.getLogger(DeliveryDispatcher.class);

    private final DeliveryStore deliveries;
    private final EventStore events;
    private final EndpointStore endpoints;
    private final WebhookTransport transport;
    private final WebhookEvents announcements;
    private final SecretSealer sealer;
    private final Clock clock;
    private final WebhookConfig config;
    private final RetryPolicy retry;
    private final MeterRegistry registry;
    private final Timer latency;
    private final AtomicLong pending = new AtomicLong();
    private final List<PeriodicTask> workers = new ArrayList<>();
    private final PeriodicTask gauge = new PeriodicTask("webhook pending gauge", this::refreshGauge);

    public DeliveryDispatcher(
            DeliveryStore deliveries,
            EventStore events,
            EndpointStore endpoints,
            WebhookTransport transport,
            WebhookEvents announcements,
            SecretSealer sealer,
            Clock clock,
            WebhookConfig config,
            MeterRegistry registry) {
        this.deliveries = deliveries;
        this.events = events;
        this.endpoints = endpoints;
        this.transport = transport;
        this.announcements = announcements;
        this.sealer = sealer;
        this.clock = clock;
        this.config = config;
        this.retry = new RetryPolicy(
                config.retry().initialDelay(),
                config.retry().maxDelay(),
                config.retry().giveUpAfter());
        this.registry = registry;
        this.latency = Timer.builder("payguard.webhooks.delivery.latency")
                .description("Time from sending a webhook to the receiver's answer (or the failure)")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        Gauge.builder("payguard.webhooks.pending", pending, AtomicLong::get)
                .description("Webhook deliveries waiting for an attempt")
                .register(registry);
        for (int i = 0; i < Math.max(1, config.dispatch().workers()); i++) {
            workers.add(new PeriodicTask("webhook delivery round", this::round));
        }
    }

    void start(@Observes StartupEvent ignored, Vertx vertx) {
        workers.forEach(worker -> worker.start(vertx, config.dispatch().interval()));
        gauge.start(vertx, config.dispatch().gaugeInterval());
    }

    void stop(@Observes ShutdownEvent ignored, Vertx vertx) {
        workers.forEach(worker -> worker.stop(vertx));
        gauge.stop(vertx);
    }

    /** One round of one worker: claims due deliveries and attempts each; returns how many were delivered. */
    public Uni<Integer> round() {
        Instant now = clock.instant();
        String token = UUID.randomUUID().toString();
        return DueWork.each(
                "webhook delivery",
                deliveries.claimDue(
                        now,
                        now.plus(config.dispatch().lease()),
                        token,
                        config.dispatch().batch()),
                this::attempt);
    }

    private Uni<Boolean> attempt(ClaimedDelivery claim) {
        Uni<SigningSecrets> opened = sealer.alreadyOpen(claim.secrets())
                .map(open -> Uni.createFrom().item(open))
                .orElseGet(() -> Panache.withSession(() -> sealer.open(claim.endpointId(), claim.secrets())));
        return opened.flatMap(secrets -> {
                    Instant sentAt = clock.instant();
                    return transport.send(
                            claim.attempt(),
                            claim.mode(),
                            claim.url(),
                            claim.eventId(),
                            sentAt,
                            claim.payload().getBytes(StandardCharsets.UTF_8),
                            secrets.valid(sentAt));
                })
                .flatMap(attempt -> {
                    count(attempt);
                    return Panache.withTransaction(() -> conclude(claim, attempt));
                })
                .map(ignored -> true);
    }

    private Uni<Void> conclude(ClaimedDelivery claim, Attempt attempt) {
        Instant now = clock.instant();
        Next next = attempt.delivered()
                ? new Next.Delivered(now)
                : retry.next(
                                claim.attempt(),
                                claim.createdAt(),
                                now,
                                ThreadLocalRandom.current().nextDouble())
                        .<Next>map(Next.RetryAt::new)
                        .orElseGet(() -> new Next.GiveUp(now));
        return deliveries
                .record(claim, attempt, next)
                .chain(() -> deliveries.endpointHealth(claim.endpointId(), attempt.delivered(), attempt.at()))
                .flatMap(failingSince -> failingSince.isPresent()
                                && !failingSince
                                        .get()
                                        .plus(config.disableAfter())
                                        .isAfter(now)
                        ? disable(claim, failingSince.get(), now)
                        : Uni.createFrom().voidItem());
    }

    /** The endpoint has failed every attempt for {@code disable-after}: disabled, and the merchant told. */
    private Uni<Void> disable(ClaimedDelivery claim, Instant failingSince, Instant now) {
        return deliveries.disableForFailing(claim.endpointId(), now).flatMap(disabled -> {
            if (!disabled) {
                return Uni.createFrom().voidItem();
            }
            LOG.warnf(
                    "webhook endpoint %s of merchant %s disabled: every attempt failed since %s",
                    claim.endpointId(), claim.merchantId(), failingSince);
            return endpoints
                    .findOwned(claim.merchantId(), claim.endpointId())
                    .map(found -> found.orElseThrow().endpoint())
                    .flatMap(endpoint -> announcements.endpointDisabled(
                            endpoint, "evt_" + UUID.randomUUID().toString().replace("-", ""), failingSince, now))
                    .flatMap(event -> events.record(event, now))
                    .replaceWithVoid();
        });
    }

    private void count(Attempt attempt) {
        Counter.builder("payguard.webhooks.attempts")
                .description("Webhook delivery attempts by outcome")
                .tag("outcome", attempt.outcome().name().toLowerCase(java.util.Locale.ROOT))
                .register(registry)
                .increment();
        latency.record(attempt.latency());
    }

    private Uni<Long> refreshGauge() {
        return deliveries.pending().invoke(pending::set);
    }
}

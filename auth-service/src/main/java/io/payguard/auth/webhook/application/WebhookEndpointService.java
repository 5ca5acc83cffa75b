package io.payguard.auth.webhook.application;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.auth.webhook.application.port.DeliveryStore;
import io.payguard.auth.webhook.application.port.EndpointStore;
import io.payguard.auth.webhook.application.port.WebhookTransport;
import io.payguard.auth.webhook.config.WebhookConfig;
import io.payguard.auth.webhook.domain.Delivery;
import io.payguard.auth.webhook.domain.EndpointMode;
import io.payguard.auth.webhook.domain.EndpointRules;
import io.payguard.auth.webhook.domain.EndpointStatus;
import io.payguard.auth.webhook.domain.EventIds;
import io.payguard.auth.webhook.domain.SigningSecrets;
import io.payguard.auth.webhook.domain.WebhookEndpoint;
import io.payguard.kernel.failure.ApplicationException;
import io.payguard.platform.webhooks.WebhookSigning;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * A merchant's webhook endpoints: create (the secret shown once), list, read, change, delete, rotate the secret, the
 * delivery log and redelivery. Someone else's endpoint and one that does not exist look the same (404).
 */
@ApplicationScoped
public class WebhookEndpointService {

    public static final String ENDPOINT_PREFIX = "we_";
    public static final String DELIVERY_PREFIX = "wd_";

    /** A created endpoint or rotated secret: the only moment the secret is handed out. */
    public record WithSecret(WebhookEndpoint endpoint, String secret) {}

    /** What a merchant may change; null leaves a field as it is. */
    public record Changes(String url, String description, List<String> enabledEvents, EndpointStatus status) {}

    private final EndpointStore endpoints;
    private final DeliveryStore deliveries;
    private final WebhookTransport transport;
    private final SecretSealer sealer;
    private final Clock clock;
    private final WebhookConfig config;
    private final Supplier<String> newSecret;
    private final SecureRandom random = new SecureRandom();

    public WebhookEndpointService(
            EndpointStore endpoints,
            DeliveryStore deliveries,
            WebhookTransport transport,
            SecretSealer sealer,
            Clock clock,
            WebhookConfig config) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.transport = transport;
        this.sealer = sealer;
        this.clock = clock;
        this.config = config;
        this.newSecret = WebhookSigning::newSecret;
    }

    public Uni<WithSecret> create(
            String merchantId, String url, String description, List<String> enabledEvents, EndpointMode mode) {
        EndpointRules.url(url);
        requireAcceptable(mode, url);
        String desc = EndpointRules.description(description);
        List<String> events = EndpointRules.enabledEvents(enabledEvents);
        Instant now = clock.instant();
        byte[] idBytes = new byte[12];
        random.nextBytes(idBytes);
        var endpoint = new WebhookEndpoint(
                EventIds.of(ENDPOINT_PREFIX, idBytes),
                merchantId,
                mode,
                url,
                desc,
                events,
                EndpointStatus.ENABLED,
                now,
                now,
                null,
                null,
                null);
        String secret = newSecret.get();
        return Panache.withTransaction(() -> endpoints.count(merchantId).flatMap(count -> {
            if (count >= config.maxEndpointsPerMerchant()) {
                return Uni.createFrom()
                        .failure(ApplicationException.refused(
                                "too_many_webhook_endpoints",
                                "Too many webhook endpoints",
                                "a merchant has at most " + config.maxEndpointsPerMerchant() + " webhook endpoints"));
            }
            return sealer.seal(endpoint.id(), SigningSecrets.only(secret))
                    .flatMap(locked -> endpoints.add(endpoint, locked))
                    .replaceWith(new WithSecret(endpoint, secret));
        }));
    }

    public Uni<List<WebhookEndpoint>> list(String merchantId, String startingAfter, int limit) {
        return Panache.withSession(() -> endpoints.list(merchantId, startingAfter, limit));
    }

    public Uni<WebhookEndpoint> get(String merchantId, String id) {
        requireId(id);
        return Panache.withSession(() -> endpoints
                .findOwned(merchantId, id)
                .map(found ->
                        found.orElseThrow(WebhookEndpointService::notFound).endpoint()));
    }

    public Uni<WebhookEndpoint> update(String merchantId, String id, Changes changes) {
        requireId(id);
        String url = changes.url() == null ? null : EndpointRules.url(changes.url());
        String desc = EndpointRules.description(changes.description());
        List<String> events =
                changes.enabledEvents() == null ? null : EndpointRules.enabledEvents(changes.enabledEvents());
        Instant now = clock.instant();
        return Panache.withTransaction(() -> lockOwned(merchantId, id).flatMap(stored -> {
            WebhookEndpoint current = stored.endpoint();
            if (url != null) {
                requireAcceptable(current.mode(), url);
            }
            WebhookEndpoint changed = current.withChanges(url, desc, events, changes.status(), now);
            return endpoints.update(changed).replaceWith(changed);
        }));
    }

    /** Deletes the endpoint: its pending deliveries are canceled and its signing secrets shredded. */
    public Uni<Void> delete(String merchantId, String id) {
        requireId(id);
        Instant now = clock.instant();
        return Panache.withTransaction(() -> lockOwned(merchantId, id)
                .flatMap(stored -> endpoints.delete(id, now).chain(() -> sealer.shred(id))));
    }

    /** A new secret; the current one keeps signing for {@code overlap} (both sign each delivery until then). */
    public Uni<WithSecret> rotateSecret(String merchantId, String id, Duration overlap) {
        requireId(id);
        SigningSecrets.checkOverlap(overlap);
        Instant now = clock.instant();
        String secret = newSecret.get();
        return Panache.withTransaction(() -> lockOwned(merchantId, id)
                .flatMap(stored -> sealer.open(id, stored.secrets())
                        .map(open -> open.rotate(secret, overlap, now))
                        .flatMap(rotated -> sealer.seal(id, rotated))
                        .flatMap(locked ->
                                endpoints.updateSecrets(id, locked, now).replaceWith(locked))
                        .map(locked -> new WithSecret(
                                withPreviousExpiry(stored.endpoint(), locked.previousExpiresAt(), now), secret))));
    }

    public Uni<List<Delivery>> deliveries(String merchantId, String id, String startingAfter, int limit) {
        requireId(id);
        return Panache.withSession(() ->
                lockFree(merchantId, id).flatMap(endpoint -> deliveries.list(endpoint.id(), startingAfter, limit)));
    }

    /** A new attempt now, also for a delivery that failed or was delivered; 409 while an attempt is running. */
    public Uni<Delivery> redeliver(String merchantId, String id, String deliveryId) {
        requireId(id);
        if (!EventIds.wellFormed(DELIVERY_PREFIX, deliveryId)) {
            throw notFound();
        }
        Instant now = clock.instant();
        return Panache.withTransaction(() -> lockOwned(merchantId, id).flatMap(stored -> {
            if (stored.endpoint().status() != EndpointStatus.ENABLED) {
                return Uni.createFrom()
                        .failure(ApplicationException.stateConflict(
                                "webhook_endpoint_disabled",
                                "Webhook endpoint disabled",
                                "enable the endpoint before redelivering"));
            }
            return deliveries.redeliver(id, deliveryId, now).flatMap(result -> {
                if (result.isEmpty()) {
                    return Uni.createFrom().failure(notFound());
                }
                if (!result.get()) {
                    return Uni.createFrom()
                            .failure(ApplicationException.stateConflict(
                                    "delivery_in_progress",
                                    "Delivery in progress",
                                    "an attempt of this delivery is running; try again in a moment"));
                }
                return deliveries
                        .find(id, deliveryId)
                        .map(found -> found.orElseThrow(WebhookEndpointService::notFound));
            });
        }));
    }

    private void requireAcceptable(EndpointMode mode, String url) {
        String refusal = transport.refusal(mode, url);
        if (refusal != null) {
            throw ApplicationException.invalid("invalid_webhook_url", "Invalid webhook URL", refusal);
        }
    }

    private Uni<EndpointStore.Stored> lockOwned(String merchantId, String id) {
        return endpoints.lockOwned(merchantId, id).map(found -> found.orElseThrow(WebhookEndpointService::notFound));
    }

    private Uni<WebhookEndpoint> lockFree(String merchantId, String id) {
        return endpoints
                .findOwned(merchantId, id)
                .map(found ->
                        found.orElseThrow(WebhookEndpointService::notFound).endpoint());
    }

    private static WebhookEndpoint withPreviousExpiry(WebhookEndpoint e, Instant previousExpiresAt, Instant now) {
        return new WebhookEndpoint(
                e.id(),
                e.merchantId(),
                e.mode(),
                e.url(),
                e.description(),
                e.enabledEvents(),
                e.status(),
                e.createdAt(),
                now,
                previousExpiresAt,
                e.failingSince(),
                e.disabledReason());
    }

    private static void requireId(String id) {
        if (!EventIds.wellFormed(ENDPOINT_PREFIX, id)) {
            throw notFound();
        }
    }

    static ApplicationException notFound() {
        return ApplicationException.notFound("not_found", "Not found");
    }
}

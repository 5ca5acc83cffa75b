package io.payguard.auth.webhook.application;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.auth.webhook.application.port.EventStore;
import io.payguard.auth.webhook.application.port.EventStore.StoredEvent;
import io.payguard.auth.webhook.domain.EventIds;
import io.payguard.auth.webhook.domain.EventTypes;
import io.payguard.auth.webhook.domain.MerchantFact;
import io.payguard.kernel.failure.ApplicationException;
import io.payguard.platform.messaging.ProcessedEvents;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Merchant events: records each consumed fact once (the idempotent consumer's record and the event commit together,
 * and the event id is derived from the fact's CloudEvent id), queues its deliveries in the same transaction, and
 * serves the events API.
 */
@ApplicationScoped
public class MerchantEventService {

    public static final String EVENT_PREFIX = "evt_";

    private final EventStore events;
    private final ProcessedEvents processed;
    private final Clock clock;

    public MerchantEventService(EventStore events, ProcessedEvents processed, Clock clock) {
        this.events = events;
        this.processed = processed;
        this.clock = clock;
    }

    /** Records the fact as a merchant event and queues its deliveries, once per (consumer, CloudEvent id). */
    public Uni<Boolean> record(String consumer, MerchantFact fact) {
        return processed.once(
                consumer,
                fact.sourceId(),
                () -> events.record(fact.toEvent(), clock.instant()).replaceWithVoid());
    }

    public Uni<List<StoredEvent>> list(EventStore.Query query) {
        if (query.type() != null && !EventTypes.known(query.type())) {
            throw ApplicationException.invalid("invalid_type", "Invalid type", "type: not a known event type");
        }
        Instant from = query.createdFrom();
        Instant to = query.createdTo();
        if (from != null && to != null && !from.isBefore(to)) {
            throw ApplicationException.invalid(
                    "invalid_created_range", "Invalid time range", "createdFrom must be before createdTo");
        }
        if (query.startingAfter() != null && !EventIds.wellFormed(EVENT_PREFIX, query.startingAfter())) {
            throw ApplicationException.invalid(
                    "invalid_starting_after", "Invalid cursor", "starting_after: not an event id");
        }
        return Panache.withSession(() -> events.list(query));
    }

    public Uni<StoredEvent> get(String merchantId, String id) {
        if (!EventIds.wellFormed(EVENT_PREFIX, id)) {
            throw WebhookEndpointService.notFound();
        }
        return Panache.withSession(() ->
                events.findOwned(merchantId, id).map(found -> found.orElseThrow(WebhookEndpointService::notFound)));
    }
}

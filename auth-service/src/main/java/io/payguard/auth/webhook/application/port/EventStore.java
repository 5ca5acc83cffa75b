package io.payguard.auth.webhook.application.port;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.payguard.auth.webhook.domain.MerchantEvent;
import io.smallrye.mutiny.Uni;

/** Merchant events and their fan-out to deliveries; called inside the use case's transaction. */
public interface EventStore {

    /** An event as the API shows it: its stored webhook body (JSON text). */
    record StoredEvent(String id, String type, Instant createdAt, String body) {}

    /** The filters of the events list. */
    record Query(
            String merchantId, String type, Instant createdFrom, Instant createdTo, String startingAfter, int limit) {}

    /**
     * Stores the event unless one with its id exists; when stored, queues one pending delivery per enabled endpoint of
     * its merchant (and mode) subscribed to its type, due at once. Returns how many deliveries were queued, or empty
     * when the event existed already.
     */
    Uni<Optional<Integer>> record(MerchantEvent event, Instant now);

    Uni<List<StoredEvent>> list(Query query);

    Uni<Optional<StoredEvent>> findOwned(String merchantId, String id);
}

package io.payguard.platform.messaging;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The idempotent-consumer record: an effect runs in the same transaction as the insert of
 * {@code (consumer, event id)} into {@code processed_event}, so a redelivered event finds its row and
 * has no second effect. Two concurrent deliveries of one event serialise on the primary key.
 */
@ApplicationScoped
public class ProcessedEvents {

    private final Clock clock;

    public ProcessedEvents(Clock clock) {
        this.clock = clock;
    }

    /**
     * Runs {@code effect} once per (consumer, event id), in one transaction with the processed-event record.
     *
     * @return true when the effect ran, false when the event had already been processed
     */
    public Uni<Boolean> once(String consumer, String eventId, Supplier<Uni<Void>> effect) {
        return Panache.withTransaction(() -> markProcessed(consumer, eventId)
                .flatMap(first -> first
                        ? effect.get().replaceWith(Boolean.TRUE)
                        : Uni.createFrom().item(Boolean.FALSE)));
    }

    /** Must run inside a transaction; true when this (consumer, event) was not seen before. */
    public Uni<Boolean> markProcessed(String consumer, String eventId) {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery(
                                "INSERT INTO processed_event (consumer, event_id, processed_at) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING")
                        .setParameter(1, consumer)
                        .setParameter(2, eventId)
                        .setParameter(3, OffsetDateTime.now(clock))
                        .executeUpdate())
                .map(inserted -> inserted == 1);
    }
}

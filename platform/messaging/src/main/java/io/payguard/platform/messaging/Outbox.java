package io.payguard.platform.messaging;

import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

/**
 * Appends events to the transactional outbox. Must be called inside the transaction that makes the
 * state change the event announces ({@code Panache.withTransaction} / {@code @WithTransaction}), so both
 * commit or neither does; {@link OutboxRelay} then delivers them to Kafka at least once.
 */
@ApplicationScoped
public class Outbox {

    private final CloudEventCodec codec;

    public Outbox(CloudEventCodec codec) {
        this.codec = codec;
    }

    public Uni<Void> append(String topic, String aggregateType, String aggregateId, CloudEvent event) {
        var row = new OutboxEventEntity();
        row.id = UUID.fromString(event.id());
        row.topic = topic;
        row.aggregateType = aggregateType;
        row.aggregateId = aggregateId;
        row.type = event.type();
        row.payload = codec.write(event);
        row.createdAt = event.time().atOffset(ZoneOffset.UTC);
        return row.persist().replaceWithVoid();
    }
}

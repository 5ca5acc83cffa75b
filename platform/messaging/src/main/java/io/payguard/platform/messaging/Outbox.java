package io.payguard.platform.messaging;

import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Appends events to the transactional outbox. Must be called inside the transaction that makes the
 * state change the event announces ({@code Panache.withTransaction} / {@code @WithTransaction}), so both
 * commit or neither does; {@link OutboxRelay} then delivers them to Kafka at least once.
 */
@ApplicationScoped
public class Outbox {

    private final CloudEventCodec codec;
    private final Pool pool;
    private final OutboxRelay relay;

    public Outbox(CloudEventCodec codec, Pool pool, OutboxRelay relay) {
        this.codec = codec;
        this.pool = pool;
        this.relay = relay;
    }

    /**
     * For facts that change no state of their own (a failed authentication, a data access): the outbox row is
     * committed on its own, outside any Hibernate session, so callers on any thread can record them.
     */
    public Uni<Void> appendStandalone(String topic, String aggregateType, String aggregateId, CloudEvent event) {
        return pool.preparedQuery(INSERT + "($1, $2, $3, $4, $5, $6, $7)")
                .execute(Tuple.tuple(row(topic, aggregateType, aggregateId, event)))
                .invoke(relay::wake)
                .replaceWithVoid();
    }

    /**
     * In the caller's Hibernate Reactive transaction, as one native statement: the row is written at once, not kept as
     * a managed entity until a flush (cheaper, and the session never holds the payloads). {@link OutboxEventEntity}
     * stays the table's mapping. Once the transaction has committed, the relay is woken in-process ({@link AfterCommit}).
     */
    public Uni<Void> append(String topic, String aggregateType, String aggregateId, CloudEvent event) {
        return Panache.getSession()
                .invoke(session -> AfterCommit.register(session, relay::wake))
                .chain(() -> NativeSql.update(
                        INSERT + "(?1, ?2, ?3, ?4, ?5, ?6, ?7)", row(topic, aggregateType, aggregateId, event)))
                .replaceWithVoid();
    }

    private static final String INSERT =
            "INSERT INTO outbox_event (id, aggregate_type, aggregate_id, type, topic, payload, created_at) VALUES ";

    private java.util.List<Object> row(String topic, String aggregateType, String aggregateId, CloudEvent event) {
        return java.util.List.of(
                UUID.fromString(event.id()),
                aggregateType,
                aggregateId,
                event.type(),
                topic,
                codec.write(event),
                event.time().atOffset(ZoneOffset.UTC));
    }
}

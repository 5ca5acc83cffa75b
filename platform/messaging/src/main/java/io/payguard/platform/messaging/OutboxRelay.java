package io.payguard.platform.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Moves committed outbox rows to Kafka. A batch is deleted with {@code FOR UPDATE SKIP LOCKED} (so several
 * replicas can relay side by side) in a transaction that commits only after the broker acknowledged every
 * record, sent in order. A crash between the acknowledgement and the commit re-sends the batch: delivery is at
 * least once and consumers de-duplicate by event id.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    public static final String CHANNEL = "payguard-outbox";

    private final Pool pool;
    private final MutinyEmitter<String> emitter;
    private final int batchSize;
    private final Counter published;
    private final Counter failures;
    private final Duration pollInterval;
    private final AtomicBoolean inRound = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    /** Rounds failed in a row: an outage is logged when it starts and when it ends, not every 50 ms. */
    private int failedRounds;

    private long timerId;
    private volatile boolean stopped;
    private volatile io.vertx.mutiny.pgclient.PgConnection listener;
    private Vertx vertx;

    public OutboxRelay(
            Pool pool,
            @Channel(CHANNEL) MutinyEmitter<String> emitter,
            @ConfigProperty(name = "payguard.outbox.batch-size", defaultValue = "500") int batchSize,
            @ConfigProperty(name = "payguard.outbox.poll-interval", defaultValue = "PT0.05S") Duration pollInterval,
            MeterRegistry registry) {
        this.pollInterval = pollInterval;
        this.pool = pool;
        this.emitter = emitter;
        this.batchSize = batchSize;
        this.published = Counter.builder("payguard.outbox.published")
                .description("Outbox events acknowledged by Kafka")
                .register(registry);
        this.failures = Counter.builder("payguard.outbox.relay.failures")
                .description("Relay rounds that failed and will be retried")
                .register(registry);
    }

    /**
     * Relays when PostgreSQL says an outbox row was committed ({@code LISTEN payguard_outbox}; the insert trigger
     * notifies, and notifications are delivered only on commit), and on a Vert.x timer as a safety net (Quarkus'
     * scheduler does not go below one second). One round at a time; a wake-up during a round runs another.
     */
    void start(@Observes StartupEvent ignored, Vertx vertx) {
        this.vertx = vertx;
        timerId = vertx.setPeriodic(pollInterval.toMillis(), id -> relayRound());
        listen();
    }

    void stop(@Observes ShutdownEvent ignored, Vertx vertx) {
        stopped = true;
        vertx.cancelTimer(timerId);
        if (listener != null) {
            listener.closeAndForget();
        }
    }

    private void listen() {
        if (stopped) {
            return;
        }
        pool.getConnection()
                .subscribe()
                .with(
                        conn -> {
                            var pg = io.vertx.mutiny.pgclient.PgConnection.cast(conn);
                            pg.notificationHandler(n -> relayRound());
                            pg.closeHandler(() -> {
                                listener = null;
                                if (!stopped) {
                                    vertx.setTimer(1000, id -> listen());
                                }
                            });
                            pg.query("LISTEN payguard_outbox")
                                    .execute()
                                    .subscribe()
                                    .with(ok -> listener = pg, e -> {
                                        LOG.warnf("outbox LISTEN failed, relaying by polling only: %s", e.toString());
                                        pg.closeAndForget();
                                    });
                        },
                        e -> {
                            LOG.warnf("no connection for outbox LISTEN, retrying: %s", e.toString());
                            vertx.setTimer(1000, id -> listen());
                        });
    }

    private void relayRound() {
        if (!inRound.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        again.set(false);
        drain().subscribe()
                .with(
                        n -> {
                            if (failedRounds > 0) {
                                LOG.infof("outbox relay works again after %d failed rounds", failedRounds);
                                failedRounds = 0;
                            }
                            inRound.set(false);
                            if (again.getAndSet(false)) {
                                relayRound();
                            }
                        },
                        e -> {
                            failures.increment();
                            if (failedRounds++ == 0) {
                                LOG.warnf(
                                        "outbox relay round failed, retrying every round until it works (logged again when it does): %s",
                                        e.toString());
                            } else {
                                LOG.debugf("outbox relay round %d failed: %s", failedRounds, e.toString());
                            }
                            inRound.set(false);
                        });
    }

    /** Relays until the outbox is empty; returns how many events were published. */
    public Uni<Integer> drain() {
        return relayBatch().flatMap(n -> n < batchSize ? Uni.createFrom().item(n) : drain().map(m -> m + n));
    }

    /**
     * One statement takes the batch: the oldest unlocked rows are deleted (and so locked) in this transaction and
     * returned; they are sent in {@code seq} order and the transaction commits only after the broker acknowledged
     * every one. A failed send rolls back, and the rows are there again for the next round.
     */
    Uni<Integer> relayBatch() {
        return pool.withTransaction(conn -> conn.preparedQuery(
                        "DELETE FROM outbox_event WHERE id IN (SELECT id FROM outbox_event ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED) "
                                + "RETURNING seq, id, topic, aggregate_id, type, payload")
                .execute(Tuple.of(batchSize))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(0);
                    }
                    List<Row> batch = new ArrayList<>(rows.size());
                    rows.forEach(batch::add);
                    // RETURNING keeps no order: the batch goes out as it was written
                    batch.sort(java.util.Comparator.comparingLong(r -> r.getLong("seq")));
                    List<Uni<Void>> sends = new ArrayList<>(batch.size());
                    for (Row row : batch) {
                        sends.add(send(row));
                    }
                    return Uni.join()
                            .all(sends)
                            .andFailFast()
                            .invoke(() -> published.increment(batch.size()))
                            .map(x -> batch.size());
                }));
    }

    private Uni<Void> send(Row row) {
        var headers = new RecordHeaders()
                .add("content-type", CloudEvent.STRUCTURED_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8))
                .add("ce_type", row.getString("type").getBytes(StandardCharsets.UTF_8))
                .add("ce_id", row.getUUID("id").toString().getBytes(StandardCharsets.UTF_8));
        var metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(row.getString("topic"))
                .withKey(row.getString("aggregate_id"))
                .withHeaders(headers)
                .build();
        return emitter.sendMessage(Message.of(row.getString("payload")).addMetadata(metadata));
    }
}

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
    /** The longest timer interval when no after-commit hook wakes the relay. */
    static final Duration WITHOUT_HOOK = Duration.ofMillis(50);

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

    private final Counter commitWakeups;
    private final Counter timerWakeups;

    private long timerId;
    private volatile boolean stopped;

    public OutboxRelay(
            Pool pool,
            @Channel(CHANNEL) MutinyEmitter<String> emitter,
            @ConfigProperty(name = "payguard.outbox.batch-size", defaultValue = "500") int batchSize,
            @ConfigProperty(name = "payguard.outbox.poll-interval", defaultValue = "PT0.5S") Duration pollInterval,
            MeterRegistry registry) {
        // the timer is the safety net behind the after-commit wake-up; without that hook it is the only trigger
        this.pollInterval = AfterCommit.available() ? pollInterval : min(pollInterval, WITHOUT_HOOK);
        this.pool = pool;
        this.emitter = emitter;
        this.batchSize = batchSize;
        this.published = Counter.builder("payguard.outbox.published")
                .description("Outbox events acknowledged by Kafka")
                .register(registry);
        this.failures = Counter.builder("payguard.outbox.relay.failures")
                .description("Relay rounds that failed and will be retried")
                .register(registry);
        this.commitWakeups = Counter.builder("payguard.outbox.wakeups")
                .description("Relay wake-ups: after a commit that appended events, or by the safety-net timer")
                .tag("source", "commit")
                .register(registry);
        this.timerWakeups = Counter.builder("payguard.outbox.wakeups")
                .description("Relay wake-ups: after a commit that appended events, or by the safety-net timer")
                .tag("source", "timer")
                .register(registry);
    }

    /**
     * Relays when a transaction that appended to the outbox has committed ({@link #wake()}, called in-process by
     * {@link Outbox} through Hibernate Reactive's after-completion hook), and on a Vert.x timer as a safety net for rows
     * written without that hook (other replicas, JDBC writers, a Hibernate Reactive that lacks it) and for rounds that
     * failed (the broker or the database was down): every {@code payguard.outbox.poll-interval}, 0.5 s by default, or
     * at most every 50 ms without the hook. Quarkus' scheduler does not go below one second. One round at a time; a wake-up during a round runs another.
     */
    void start(@Observes StartupEvent ignored, Vertx vertx) {
        timerId = vertx.setPeriodic(pollInterval.toMillis(), id -> {
            timerWakeups.increment();
            relayRound();
        });
        if (AfterCommit.available()) {
            LOG.debugf("outbox relay wakes after each commit that appended events, and every %s", pollInterval);
        } else {
            LOG.warnf(
                    "this Hibernate Reactive gives no after-commit hook: the outbox relay polls every %s only",
                    pollInterval);
        }
    }

    void stop(@Observes ShutdownEvent ignored, Vertx vertx) {
        stopped = true;
        vertx.cancelTimer(timerId);
    }

    /**
     * Runs a relay round now (or right after the one under way): called once a transaction that appended to the outbox
     * has committed. Cheap and safe from any thread; many wake-ups during one round fold into one more round.
     */
    public void wake() {
        if (stopped) {
            return;
        }
        commitWakeups.increment();
        relayRound();
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

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
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
                .add(EventHeaders.TYPE, row.getString("type").getBytes(StandardCharsets.UTF_8))
                .add("ce_id", row.getUUID("id").toString().getBytes(StandardCharsets.UTF_8));
        var metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(row.getString("topic"))
                .withKey(row.getString("aggregate_id"))
                .withHeaders(headers)
                .build();
        return emitter.sendMessage(Message.of(row.getString("payload")).addMetadata(metadata));
    }
}

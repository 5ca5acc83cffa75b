package io.payguard.audit.application;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.payguard.audit.application.port.ChainStore;
import io.payguard.audit.application.port.CheckpointSigner;
import io.payguard.audit.application.port.SubjectSealing;
import io.payguard.audit.config.AuditConfig;
import io.payguard.audit.domain.AuditRecord;
import io.payguard.audit.domain.chain.ChainHead;
import io.payguard.audit.domain.chain.ChainedRecord;
import io.payguard.audit.domain.chain.Checkpoint;
import io.payguard.platform.messaging.ConsumerFailures;
import io.payguard.platform.messaging.MessageFailure;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Appends records to the hash chain in batches: consumers hand each event over and get a future that completes
 * when its batch has committed (they ack the Kafka message then, so delivery stays at least once). One thread
 * drains the queue; each batch is one transaction that locks the chain head, inserts the processed-event rows
 * (the same {@code processed_event} protocol as {@code ProcessedEvents}, batched: a redelivered event is
 * skipped), chains and inserts the new records, moves the head and, every N records, signs a checkpoint.
 * Personal fields are sealed per data subject before the transaction ({@link SubjectSealing}, canonical form 2).
 * A batch waits up to {@code payguard.audit.chain.linger} for more records after its first, and while a batch commits
 * the next one accumulates, so batches grow with the load and transactions do not.
 */
@ApplicationScoped
public class ChainAppender {

    public static final String CONSUMER = "audit-recorder";
    private static final Logger LOG = Logger.getLogger(ChainAppender.class);

    private record Pending(String eventId, AuditRecord record, CompletableFuture<Boolean> done) {}

    /** What a chain transaction did (head, time, checkpoint signed or not, records chained), acted on once it committed. */
    private record Appended(ChainHead head, Instant at, boolean checkpoint, int chained) {}

    private final ChainStore store;
    private final SubjectSealing sealing;
    private final LegacyRecordAdoption legacy;
    private final CheckpointSigner signer;
    private final SecurityAlerts alerts;
    private final Clock clock;
    private final AuditConfig config;
    private final ConsumerFailures consumerFailures;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Counter recorded;
    private final Counter duplicates;
    private final Counter failures;
    private final Counter checkpoints;
    private final Timer batchTimer;
    private volatile boolean running;
    private Thread worker;
    private volatile long lastCheckpointSeq;
    private volatile Instant lastCheckpointAt;

    public ChainAppender(
            ChainStore store,
            SubjectSealing sealing,
            LegacyRecordAdoption legacy,
            CheckpointSigner signer,
            SecurityAlerts alerts,
            Clock clock,
            AuditConfig config,
            ConsumerFailures consumerFailures,
            MeterRegistry registry) {
        this.consumerFailures = consumerFailures;
        this.store = store;
        this.sealing = sealing;
        this.legacy = legacy;
        this.signer = signer;
        this.alerts = alerts;
        this.clock = clock;
        this.config = config;
        this.recorded = Counter.builder("payguard.audit.records.recorded")
                .description("Records appended to the chain")
                .register(registry);
        this.duplicates = Counter.builder("payguard.audit.records.duplicates")
                .description("Redelivered events skipped")
                .register(registry);
        this.failures = Counter.builder("payguard.audit.chain.append.failures")
                .description("Append batches that failed and were retried")
                .register(registry);
        this.checkpoints = Counter.builder("payguard.audit.chain.checkpoints")
                .description("Checkpoints signed")
                .register(registry);
        this.batchTimer = Timer.builder("payguard.audit.chain.append.batch")
                .description("Append transactions")
                .register(registry);
        registry.gauge("payguard.audit.chain.pending", queue, LinkedBlockingQueue::size);
    }

    void start(@Observes StartupEvent ignored) throws SQLException {
        lastCheckpointSeq = store.session(s -> {
            s.registerKey(signer.keyId(), signer.algorithm(), signer.publicKey(), clock.instant());
            return s.lastCheckpointSeq();
        });
        lastCheckpointAt = clock.instant();
        running = true;
        worker = Thread.ofPlatform().name("audit-chain-appender").daemon().start(this::run);
    }

    void stop(@Observes ShutdownEvent ignored) throws InterruptedException {
        running = false;
        if (worker != null) {
            worker.interrupt();
            worker.join(5_000);
        }
    }

    /**
     * Queues one event's record. The returned stage completes with true once it is in the chain, false when the
     * event had been recorded before. It never completes exceptionally for a database outage: the batch is retried
     * until it commits. It completes exceptionally only when the database refuses this very record (poison, see
     * {@link MessageFailure}): the consumer dead-letters it.
     */
    public CompletionStage<Boolean> submit(String eventId, AuditRecord record) {
        var done = new CompletableFuture<Boolean>();
        queue.add(new Pending(eventId, record, done));
        return done;
    }

    /** True while consumers may hand over more without waiting for a commit. */
    public boolean hasRoom() {
        return queue.size() < config.chain().maxPending();
    }

    private void run() {
        try {
            legacy.adopt();
        } catch (SQLException | RuntimeException e) {
            LOG.errorf("could not chain the records of audit_record_v1: %s", e.toString());
        }
        int max = config.chain().maxBatch();
        long tick = Math.max(50, Math.min(1_000, config.checkpoint().every().toMillis()));
        while (running) {
            try {
                Pending first = queue.poll(tick, TimeUnit.MILLISECONDS);
                if (first != null) {
                    var batch = new ArrayList<Pending>(max);
                    batch.add(first);
                    queue.drainTo(batch, max - 1);
                    linger(batch, max);
                    appendUntilDone(batch);
                }
                if (!clock.instant()
                        .isBefore(lastCheckpointAt.plus(config.checkpoint().every()))) {
                    checkpointIfMoved();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | SQLException e) {
                failures.increment();
                LOG.warnf("audit chain appender round failed, will retry: %s", e.toString());
            }
        }
    }

    /** Waits up to {@code chain.linger} for more records, while the batch has room. */
    private void linger(List<Pending> batch, int max) throws InterruptedException {
        long until = System.nanoTime() + config.chain().linger().toNanos();
        while (batch.size() < max) {
            long left = until - System.nanoTime();
            Pending next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
            if (next == null) {
                return;
            }
            batch.add(next);
            queue.drainTo(batch, max - batch.size());
        }
    }

    /**
     * Appends the batch, retrying with the platform's back-off through any outage ({@link ConsumerFailures#failed}).
     * When the database refuses the batch for its content, each record is tried alone, so only the poison one fails.
     */
    private void appendUntilDone(List<Pending> batch) throws InterruptedException {
        int failed = 0;
        while (true) {
            try {
                var sample = Timer.start();
                append(batch);
                sample.stop(batchTimer);
                if (failed > 0) {
                    consumerFailures.recovered(CONSUMER, failed);
                }
                return;
            } catch (SQLException | RuntimeException e) {
                failures.increment();
                if (MessageFailure.of(e).poison()) {
                    if (failed > 0) {
                        consumerFailures.recovered(CONSUMER, failed);
                    }
                    refused(batch, e);
                    return;
                }
                var wait = consumerFailures.failed(CONSUMER, ++failed, e);
                if (!running) {
                    return; // left unacknowledged: Kafka redelivers them after the restart
                }
                TimeUnit.MILLISECONDS.sleep(wait.toMillis());
            }
        }
    }

    private void refused(List<Pending> batch, Exception e) throws InterruptedException {
        if (batch.size() == 1) {
            batch.get(0).done().completeExceptionally(e);
            return;
        }
        for (Pending p : batch) {
            appendUntilDone(List.of(p));
        }
    }

    private void append(List<Pending> batch) throws SQLException {
        var unique = new LinkedHashMap<String, Pending>();
        batch.forEach(p -> unique.putIfAbsent(p.eventId(), p));
        var outcomes = new LinkedHashMap<Pending, Boolean>();
        // sealed before the transaction: the subjects' keys come from the keyring's cache, new ones from the KMS
        var sealed = sealing.seal(batch.stream().map(Pending::record).toList());
        Appended appended = store.transaction(s -> {
            Instant now = clock.instant();
            ChainHead head = s.lockHead();
            var fresh = s.markProcessed(CONSUMER, List.copyOf(unique.keySet()), now);
            var chained = new ArrayList<ChainedRecord>(fresh.size());
            for (int i = 0; i < batch.size(); i++) {
                Pending p = batch.get(i);
                boolean first = unique.get(p.eventId()) == p && fresh.contains(p.eventId());
                if (first) {
                    var r = ChainedRecord.append(head, p.record(), now, sealed.get(i));
                    chained.add(r);
                    head = r.asHead();
                }
                outcomes.put(p, first);
            }
            s.insert(chained);
            s.moveHead(head);
            alerts.onAppended(s, chained);
            boolean checkpoint =
                    head.seq() - lastCheckpointSeq >= config.checkpoint().everyRecords();
            if (checkpoint) {
                s.insertCheckpoint(sign(head, now));
            }
            return new Appended(head, now, checkpoint, chained.size());
        });
        // committed
        if (appended.checkpoint()) {
            checkpointed(appended.head(), appended.at());
        }
        recorded.increment(appended.chained());
        duplicates.increment(batch.size() - appended.chained());
        outcomes.forEach((p, first) -> p.done().complete(first));
    }

    /**
     * Signs the head now if records arrived since the last checkpoint (the time-based rule). When it has not moved
     * the transaction wrote nothing: ending it only releases the head lock.
     */
    public synchronized void checkpointIfMoved() throws SQLException {
        Appended signed = store.transaction(s -> {
            ChainHead head = s.lockHead();
            Instant now = clock.instant();
            boolean moved = head.seq() > s.lastCheckpointSeq();
            if (moved) {
                s.insertCheckpoint(sign(head, now));
            }
            return new Appended(head, now, moved, 0);
        });
        if (signed.checkpoint()) {
            checkpointed(signed.head(), signed.at());
        } else {
            lastCheckpointAt = signed.at();
        }
    }

    private Checkpoint sign(ChainHead head, Instant at) {
        var unsigned = new Checkpoint(head.seq(), head.hash(), at, signer.keyId(), signer.algorithm(), null);
        return new Checkpoint(
                head.seq(),
                head.hash(),
                unsigned.createdAt(),
                signer.keyId(),
                signer.algorithm(),
                signer.sign(unsigned.payload()));
    }

    private void checkpointed(ChainHead head, Instant at) {
        lastCheckpointSeq = head.seq();
        lastCheckpointAt = at;
        checkpoints.increment();
    }
}

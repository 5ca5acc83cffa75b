package io.payguard.platform.messaging;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Keeps {@code processed_event} from growing without bound: every {@code purge-interval} it deletes the rows older
 * than {@code payguard.messaging.processed-event.retention}, in batches of {@code purge-batch} (each a short statement
 * with SKIP LOCKED, so replicas do not queue behind each other), at most {@code purge-max-batches} per round.
 * <p>
 * A row is what makes a redelivered event a no-op, so the retention must be longer than any consumed topic keeps its
 * records (Kafka's default is 7 days; the default here is 14): an event can only be delivered again while its topic
 * still holds it. The service refuses to start with a retention under 24 h.
 */
@ApplicationScoped
public class ProcessedEventsRetention {

    private static final Logger LOG = Logger.getLogger(ProcessedEventsRetention.class);
    static final Duration MIN_RETENTION = Duration.ofHours(24);

    private final Pool pool;
    private final Clock clock;
    private final Duration retention;
    private final Duration interval;
    private final int batch;
    private final int maxBatches;
    private final PeriodicTask task = new PeriodicTask("processed-event purge", this::purge);

    public ProcessedEventsRetention(Pool pool, Clock clock,
            @ConfigProperty(name = "payguard.messaging.processed-event.retention", defaultValue = "P14D") Duration retention,
            @ConfigProperty(name = "payguard.messaging.processed-event.purge-interval", defaultValue = "PT10M") Duration interval,
            @ConfigProperty(name = "payguard.messaging.processed-event.purge-batch", defaultValue = "1000") int batch,
            @ConfigProperty(name = "payguard.messaging.processed-event.purge-max-batches", defaultValue = "100") int maxBatches) {
        if (retention.compareTo(MIN_RETENTION) < 0) {
            throw new IllegalArgumentException("payguard.messaging.processed-event.retention must be at least 24 h (is " + retention + ")");
        }
        this.pool = pool;
        this.clock = clock;
        this.retention = retention;
        this.interval = interval;
        this.batch = batch;
        this.maxBatches = maxBatches;
    }

    void start(@Observes StartupEvent ignored, Vertx vertx) {
        task.start(vertx, interval);
    }

    void stop(@Observes ShutdownEvent ignored, Vertx vertx) {
        task.stop(vertx);
    }

    /** Deletes the rows older than the retention, batch after batch, within the round's bound; returns how many. */
    public Uni<Integer> purge() {
        var before = OffsetDateTime.ofInstant(clock.instant().minus(retention), ZoneOffset.UTC);
        return batches(before, maxBatches, 0).invoke(n -> {
            if (n > 0) {
                LOG.infof("purged %d processed-event records older than %s", n, retention);
            }
        });
    }

    private Uni<Integer> batches(OffsetDateTime before, int left, int deleted) {
        if (left == 0) {
            return Uni.createFrom().item(deleted);
        }
        return pool.preparedQuery("DELETE FROM processed_event WHERE ctid IN (SELECT ctid FROM processed_event WHERE processed_at < $1 "
                + "LIMIT $2 FOR UPDATE SKIP LOCKED)").execute(Tuple.of(before, batch))
                .flatMap(rows -> rows.rowCount() < batch ? Uni.createFrom().item(deleted + rows.rowCount())
                        : batches(before, left - 1, deleted + rows.rowCount()));
    }
}

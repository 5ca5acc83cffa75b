package io.payguard.platform.messaging;

import java.time.Clock;
import java.time.Duration;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.vertx.mutiny.sqlclient.Pool;

/**
 * Keeps {@code processed_event} from growing without bound: every {@code purge-interval} it deletes the rows older
 * than {@code payguard.messaging.processed-event.retention}, in batches of {@code purge-batch} (each a short statement
 * with SKIP LOCKED, so replicas do not queue behind each other), at most {@code purge-max-batches} per round.
 * <p>
 * A row is what makes a redelivered event a no-op, so the retention must be longer than any consumed topic keeps its
 * records (Kafka's default is 7 days; the default here is 14): an event can only be delivered again while its topic
 * still holds it. The service refuses to start with a retention under 24 h.
 */
@Singleton
public class ProcessedEventsRetention extends RetentionJob {

    static final Duration MIN_RETENTION = Duration.ofHours(24);

    public ProcessedEventsRetention(
            Pool pool,
            Clock clock,
            @ConfigProperty(name = "payguard.messaging.processed-event.retention", defaultValue = "P14D")
                    Duration retention,
            @ConfigProperty(name = "payguard.messaging.processed-event.purge-interval", defaultValue = "PT10M")
                    Duration interval,
            @ConfigProperty(name = "payguard.messaging.processed-event.purge-batch", defaultValue = "1000") int batch,
            @ConfigProperty(name = "payguard.messaging.processed-event.purge-max-batches", defaultValue = "100")
                    int maxBatches) {
        super(
                "processed-event records",
                "payguard.messaging.processed-event.retention",
                pool,
                clock,
                "processed_event",
                "processed_at < $1",
                new RetentionJob.FixedSettings(retention, interval, batch, maxBatches),
                MIN_RETENTION);
    }
}

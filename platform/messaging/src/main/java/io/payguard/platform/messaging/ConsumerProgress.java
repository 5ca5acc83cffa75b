package io.payguard.platform.messaging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

/**
 * How far behind each consumer is, measured the way that matters to whoever waits for its effects: the age of the last
 * record it processed (processing time minus the record's Kafka timestamp). Fed by {@link ConsumerFailures#process}
 * for every record it acknowledges; exported as {@code payguard.messaging.record.age.seconds{consumer}}.
 *
 * <p>Used to hold back work that only makes sense once a consumer is current: payment-service re-sends a wallet command
 * whose answer has not arrived, but while its wallet-answers consumer works through a backlog (after a restart, say)
 * the answers are there, merely queued, and a re-send would only add a duplicate answer to that queue.
 */
@ApplicationScoped
public class ConsumerProgress {

    /** The last record a consumer acknowledged: when, and how old it was then. */
    public record Last(Instant processedAt, Duration age) {}

    private final Clock clock;
    private final MeterRegistry registry;
    private final Instant started;
    private final Map<String, Last> last = new ConcurrentHashMap<>();

    public ConsumerProgress(Clock clock, MeterRegistry registry) {
        this.clock = clock;
        this.registry = registry;
        this.started = clock.instant();
    }

    /** Records that {@code consumer} acknowledged {@code message} now (a message without a Kafka timestamp is ignored). */
    public void processed(String consumer, Message<?> message) {
        message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(IncomingKafkaRecordMetadata::getTimestamp)
                .filter(t -> t.toEpochMilli() > 0)
                .ifPresent(produced -> processed(consumer, produced));
    }

    /** Records that {@code consumer} acknowledged, now, a record produced at {@code produced}. */
    public void processed(String consumer, Instant produced) {
        Instant now = clock.instant();
        Duration age = Duration.between(produced, now);
        var previous = last.put(consumer, new Last(now, age.isNegative() ? Duration.ZERO : age));
        if (previous == null) {
            Gauge.builder("payguard.messaging.record.age.seconds", last, m -> {
                        var l = m.get(consumer);
                        return l == null ? 0 : l.age().toMillis() / 1000.0;
                    })
                    .description("Age of the last record this consumer processed, when it processed it (lag in time)")
                    .tag("consumer", consumer)
                    .register(registry);
        }
    }

    /**
     * Whether {@code consumer} may be working through a backlog, so that effects of records already produced may still
     * be on their way: true when its last record was more than {@code tolerance} old and was processed within the last
     * {@code recent}, or, when this process has not yet processed any record, during the first {@code recent} after
     * start (a restarted process reads what its predecessor left unread first). False once it processes a record
     * younger than {@code tolerance}, and when it has been idle (or stuck) for longer than {@code recent}.
     */
    public boolean catchingUp(String consumer, Duration tolerance, Duration recent) {
        Instant now = clock.instant();
        Last l = last.get(consumer);
        if (l == null) {
            return now.isBefore(started.plus(recent));
        }
        return l.age().compareTo(tolerance) > 0 && now.isBefore(l.processedAt().plus(recent));
    }

    /** The last record {@code consumer} processed in this process, if any. */
    public java.util.Optional<Last> last(String consumer) {
        return java.util.Optional.ofNullable(last.get(consumer));
    }
}

package io.payguard.platform.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The one failure policy of every PayGuard consumer (see {@link MessageFailure}): a poison message is dead-lettered at
 * once (nacked: the channel's {@code failure-strategy=dead-letter-queue} writes it to {@code <topic>.dlq} with
 * {@code dead-letter-reason} and our {@value #REASON_HEADER} header), counted in
 * {@code payguard.messaging.dead_letters{consumer,topic,reason}} and logged at WARN without its content; any other
 * failure is retried with exponential back-off ({@code payguard.messaging.retry.initial-delay} doubling up to
 * {@code max-delay}) until it succeeds, however long the outage. While it waits the message is not acknowledged and,
 * since a channel processes one message at a time, the connector pauses the partitions: nothing piles up. Retries are
 * counted in {@code payguard.messaging.retries{consumer,cause}} and the messages waiting in
 * {@code payguard.messaging.retrying{consumer}}.
 */
@ApplicationScoped
public class ConsumerFailures {

    private static final Logger LOG = Logger.getLogger(ConsumerFailures.class);
    public static final String REASON_HEADER = "payguard-dead-letter-reason";

    private final CloudEventCodec codec;
    private final MeterRegistry registry;
    private final Backoff backoff;
    private final ConsumerProgress progress;
    private final Map<String, AtomicInteger> retrying = new ConcurrentHashMap<>();

    public ConsumerFailures(
            CloudEventCodec codec,
            MeterRegistry registry,
            ConsumerProgress progress,
            @ConfigProperty(name = "payguard.messaging.retry.initial-delay", defaultValue = "PT0.5S")
                    Duration initialDelay,
            @ConfigProperty(name = "payguard.messaging.retry.max-delay", defaultValue = "PT30S") Duration maxDelay) {
        this.codec = codec;
        this.registry = registry;
        this.backoff = new Backoff(initialDelay, maxDelay);
        this.progress = progress;
    }

    /**
     * Reads the message as a CloudEvent and applies {@code effect}, retrying non-poison failures until done; acks on
     * success (and records the consumer's progress, {@link ConsumerProgress}), dead-letters poison. For consumers of
     * {@code Message<String>} (their acknowledgement is manual).
     */
    public Uni<Void> process(String consumer, Message<String> message, Function<CloudEvent, Uni<?>> effect) {
        CloudEvent event;
        try {
            event = codec.read(message.getPayload());
        } catch (MalformedEventException e) {
            return Uni.createFrom().completionStage(deadLetter(consumer, message, MessageFailure.UNPARSEABLE, e));
        }
        return untilDone(consumer, () -> effect.apply(event).replaceWithVoid())
                .invoke(() -> progress.processed(consumer, message))
                .onItem()
                .transformToUni(x -> Uni.createFrom().completionStage(message.ack()))
                .onFailure()
                .recoverWithUni(e -> Uni.createFrom()
                        .completionStage(deadLetter(
                                consumer, message, MessageFailure.of(e).reason(), e)));
    }

    /**
     * Runs {@code work} until it succeeds or fails with poison (then the returned Uni fails with it). Waits run on the
     * caller's Vert.x context, so a Hibernate Reactive session opened by {@code work} stays on its context.
     */
    public <T> Uni<T> untilDone(String consumer, Supplier<Uni<T>> work) {
        Context context = Vertx.currentContext();
        var failures = new AtomicInteger();
        return attempt(consumer, work, failures, context).onTermination().invoke((item, failure, cancelled) -> {
            if (failures.get() == 0) {
                return;
            }
            if (failure == null && !cancelled) {
                recovered(consumer, failures.get());
            } else {
                gauge(consumer).decrementAndGet();
            }
        });
    }

    /** Resubscribes after each wait (no nesting: an outage of days does not deepen the stack or the operator chain). */
    private <T> Uni<T> attempt(String consumer, Supplier<Uni<T>> work, AtomicInteger failures, Context context) {
        return Uni.createFrom()
                .<T>deferred(work::get)
                .onFailure(e -> !MessageFailure.of(e).poison())
                .retry()
                .when(errors -> errors.onItem()
                        .transformToUniAndConcatenate(
                                e -> sleep(failed(consumer, failures.incrementAndGet(), e), context)
                                        .replaceWith(e)));
    }

    private static Uni<Void> sleep(Duration wait, Context context) {
        if (context == null) {
            return Uni.createFrom().voidItem().onItem().delayIt().by(wait);
        }
        return Uni.createFrom()
                .emitter(em ->
                        context.runOnContext(v -> context.owner().setTimer(wait.toMillis(), id -> em.complete(null))));
    }

    /**
     * Records the {@code attempt}-th failure of one message or batch that will be retried, and returns how long to wait
     * before the next attempt. Call {@link #recovered} once it succeeds.
     */
    public Duration failed(String consumer, int attempt, Throwable failure) {
        var verdict = MessageFailure.of(failure);
        Duration wait = backoff.delay(attempt);
        if (attempt == 1) {
            gauge(consumer).incrementAndGet();
        }
        Counter.builder("payguard.messaging.retries")
                .description("Processing attempts that failed for a non-poison reason and are retried")
                .tags("consumer", consumer, "cause", verdict.reason())
                .register(registry)
                .increment();
        if (verdict.kind() == MessageFailure.Kind.UNEXPECTED) {
            LOG.errorf(
                    "%s: unexpected failure (%s), attempt %d, retrying in %d ms; the message is kept, someone must look: %s",
                    consumer, verdict.reason(), attempt, wait.toMillis(), MessageFailure.describe(failure));
        } else {
            LOG.warnf(
                    "%s: infrastructure failure (%s), attempt %d, retrying in %d ms: %s",
                    consumer, verdict.reason(), attempt, wait.toMillis(), MessageFailure.describe(failure));
        }
        return wait;
    }

    /** The message or batch that failed {@code failedAttempts} times is done retrying (went through, or proved poison). */
    public void recovered(String consumer, int failedAttempts) {
        gauge(consumer).decrementAndGet();
        LOG.infof("%s: done retrying after %d failed attempts", consumer, failedAttempts);
    }

    /**
     * Sends a poison message to its dead-letter topic: counts it, logs it at WARN (where it came from and why, never
     * its content) and nacks it with the reason in a header.
     */
    public CompletionStage<Void> deadLetter(String consumer, Message<?> message, String reason, Throwable cause) {
        String topic = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(IncomingKafkaRecordMetadata::getTopic)
                .orElse("unknown");
        String where = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(m -> m.getTopic() + "-" + m.getPartition() + "@" + m.getOffset())
                .orElse("?");
        String description = MessageFailure.describe(cause);
        Counter.builder("payguard.messaging.dead_letters")
                .description("Poison messages sent to a dead-letter topic (<topic>.dlq)")
                .tags("consumer", consumer, "topic", topic, "reason", reason)
                .register(registry)
                .increment();
        LOG.warnf("%s: poison message %s (%s) sent to the dead-letter topic: %s", consumer, where, reason, description);
        var headers = new RecordHeaders().add(REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        var metadata =
                OutgoingKafkaRecordMetadata.builder().withHeaders(headers).build();
        Throwable nack = cause instanceof MalformedEventException
                ? cause
                : new MalformedEventException(reason + ": " + description);
        return message.nack(nack, Metadata.of(metadata));
    }

    private AtomicInteger gauge(String consumer) {
        return retrying.computeIfAbsent(consumer, c -> {
            var value = new AtomicInteger();
            Gauge.builder("payguard.messaging.retrying", value, AtomicInteger::get)
                    .description(
                            "Messages (or batches) of this consumer waiting to be retried after a non-poison failure")
                    .tag("consumer", c)
                    .register(registry);
            return value;
        });
    }
}

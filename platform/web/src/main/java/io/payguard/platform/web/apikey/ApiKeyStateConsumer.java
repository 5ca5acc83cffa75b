package io.payguard.platform.web.apikey;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.payguard.platform.messaging.CloudEventCodec;
import io.payguard.platform.messaging.MalformedEventException;

/**
 * Feeds the {@link ApiKeyRegistry}. Each service instance reads the whole compacted topic with its own
 * consumer group and never commits, so a restart rebuilds the registry from the topic.
 */
@ApplicationScoped
public class ApiKeyStateConsumer {

    private static final Logger LOG = Logger.getLogger(ApiKeyStateConsumer.class);

    private final ApiKeyRegistry registry;
    private final CloudEventCodec codec;
    private final ApiKeyRegistryReadiness readiness;

    public ApiKeyStateConsumer(ApiKeyRegistry registry, CloudEventCodec codec, ApiKeyRegistryReadiness readiness) {
        this.registry = registry;
        this.codec = codec;
        this.readiness = readiness;
    }

    @Incoming(ApiKeyStates.CHANNEL)
    public void consume(org.apache.kafka.clients.consumer.ConsumerRecord<String, String> record) {
        try {
            registry.apply(codec.read(record.value()));
        } catch (MalformedEventException | IllegalArgumentException | java.time.format.DateTimeParseException e) {
            // One bad record must not stop key updates; it is reported, not echoed.
            LOG.warnf("skipped an unreadable API key state record: %s", e.getMessage());
        }
        readiness.consumed(record.partition(), record.offset());
    }
}

package io.payguard.platform.web.merchant;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.payguard.platform.messaging.CloudEventCodec;
import io.payguard.platform.messaging.MalformedEventException;
import io.quarkus.arc.properties.IfBuildProperty;

/**
 * Feeds the {@link MerchantDirectory}. Each service instance reads the whole compacted topic with its own consumer
 * group and never commits, so a restart rebuilds the directory from the topic.
 */
@ApplicationScoped
@IfBuildProperty(name = MerchantStates.ENABLED, stringValue = "true", enableIfMissing = true)
public class MerchantStateConsumer {

    private static final Logger LOG = Logger.getLogger(MerchantStateConsumer.class);

    private final MerchantDirectory directory;
    private final CloudEventCodec codec;

    public MerchantStateConsumer(MerchantDirectory directory, CloudEventCodec codec) {
        this.directory = directory;
        this.codec = codec;
    }

    @Incoming(MerchantStates.CHANNEL)
    public void consume(org.apache.kafka.clients.consumer.ConsumerRecord<String, String> record) {
        try {
            directory.apply(codec.read(record.value()));
        } catch (MalformedEventException | IllegalArgumentException e) {
            // One bad record must not stop merchant updates; it is reported, not echoed.
            LOG.warnf(
                    "skipped an unreadable merchant state record at %s-%d@%d: %s",
                    record.topic(), record.partition(), record.offset(), e.getMessage());
        }
        directory.consumed(record.partition(), record.offset());
    }
}

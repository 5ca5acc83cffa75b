package io.payguard.platform.messaging;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

/**
 * The CloudEvent attributes {@link OutboxRelay} also puts in Kafka headers ({@code ce_type}, {@code ce_id}), read
 * without parsing the payload: a consumer that handles a few types of a busy topic can pass over the others cheaply.
 * A record without the header (written by another producer) has none, and the consumer parses it as before.
 */
public final class EventHeaders {

    public static final String TYPE = "ce_type";

    private EventHeaders() {}

    /** The {@code ce_type} header of a Kafka record, if it has one. */
    public static Optional<String> type(Message<?> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class).flatMap(m -> {
            Header last = m.getHeaders().lastHeader(TYPE);
            return last == null || last.value() == null
                    ? Optional.empty()
                    : Optional.of(new String(last.value(), StandardCharsets.UTF_8));
        });
    }
}

package io.payguard.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.payguard.platform.testing.LocalKafka;

/** The DLQ replay against a real broker: records go back to their topic once, cleaned of the dead-letter headers. */
class DeadLetterReplayTest {

    @Test
    void replaysEachDeadLetterToItsTopicOnce() throws Exception {
        String bootstrap = LocalKafka.bootstrapServers();
        String key = "replay-" + UUID.randomUUID();
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class.getName()))) {
            for (String value : List.of("first", "second")) {
                var r = new ProducerRecord<>("ledger.events.dlq", key, value);
                r.headers()
                        .add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8))
                        .add("dead-letter-topic", "ledger.events".getBytes(StandardCharsets.UTF_8))
                        .add("dead-letter-reason", "unknown wallet command type".getBytes(StandardCharsets.UTF_8))
                        .add(ConsumerFailures.REASON_HEADER, "invalid".getBytes(StandardCharsets.UTF_8));
                producer.send(r).get();
            }
        }

        var dry = DeadLetterReplay.replay(bootstrap, "ledger.events.dlq", true);
        assertThat(dry).hasSize(2).allSatisfy(r -> {
            assertThat(r.to()).isEqualTo("ledger.events");
            assertThat(r.reason()).isEqualTo("invalid");
        });
        assertThat(DeadLetterReplay.replay(bootstrap, "ledger.events.dlq", true))
                .as("a dry run commits nothing")
                .hasSize(2);

        assertThat(DeadLetterReplay.replay(bootstrap, "ledger.events.dlq", false))
                .hasSize(2);
        assertThat(DeadLetterReplay.replay(bootstrap, "ledger.events.dlq", false))
                .as("committed: nothing left to replay")
                .isEmpty();

        var back = LocalKafka.read(
                "ledger.events",
                read -> read.stream().filter(r -> key.equals(r.key())).count() >= 2,
                Duration.ofSeconds(30));
        var ours = back.stream().filter(r -> key.equals(r.key())).toList();
        assertThat(ours).extracting(ConsumerRecord::value).containsExactly("first", "second");
        assertThat(ours.get(0).headers().lastHeader("content-type")).isNotNull();
        assertThat(ours.get(0).headers().lastHeader("dead-letter-reason")).isNull();
        assertThat(ours.get(0).headers().lastHeader(ConsumerFailures.REASON_HEADER))
                .isNull();
    }
}

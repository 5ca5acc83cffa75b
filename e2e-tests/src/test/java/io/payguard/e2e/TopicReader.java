package io.payguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads every record of the running suite's topics (Kafka's internal ones left out) from the beginning to the end they had when asked. */
final class TopicReader {

    private TopicReader() {}

    /** Feeds every record to {@code each}; returns the topics read. Fails when a partition was not read to its end within 5 minutes. */
    static List<String> readAll(String purpose, Consumer<ConsumerRecord<byte[], byte[]>> each) throws Exception {
        return read(purpose, topic -> true, each);
    }

    /** As {@link #readAll}, for the topics {@code wanted} accepts. */
    static List<String> read(
            String purpose, java.util.function.Predicate<String> wanted, Consumer<ConsumerRecord<byte[], byte[]>> each)
            throws Exception {
        var props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Stack.get("KAFKA_BOOTSTRAP_SERVERS"));
        try (var admin = Admin.create(props)) {
            var topics = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                    .filter(t -> !t.startsWith("__"))
                    .filter(wanted)
                    .sorted()
                    .toList();
            var partitions = new ArrayList<TopicPartition>();
            for (var d : admin.describeTopics(topics)
                    .allTopicNames()
                    .get(30, TimeUnit.SECONDS)
                    .values()) {
                d.partitions().forEach(p -> partitions.add(new TopicPartition(d.name(), p.partition())));
            }
            var spec = new HashMap<TopicPartition, OffsetSpec>();
            partitions.forEach(tp -> spec.put(tp, OffsetSpec.latest()));
            var end = new HashMap<TopicPartition, Long>();
            admin.listOffsets(spec).all().get(30, TimeUnit.SECONDS).forEach((tp, info) -> end.put(tp, info.offset()));
            var c = new Properties();
            c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Stack.get("KAFKA_BOOTSTRAP_SERVERS"));
            c.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-" + purpose + "-" + UUID.randomUUID());
            c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
            try (var consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
                while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
                        && System.nanoTime() < deadline) {
                    consumer.poll(Duration.ofSeconds(1)).forEach(each);
                }
                for (var tp : partitions) {
                    assertThat(consumer.position(tp))
                            .as("read %s to its end", tp)
                            .isGreaterThanOrEqualTo(end.get(tp));
                }
            }
            return topics;
        }
    }
}

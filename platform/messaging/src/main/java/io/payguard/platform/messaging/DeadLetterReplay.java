package io.payguard.platform.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Re-publishes the records of a dead-letter topic ({@code <topic>.dlq}) to the topic they came from, once the cause
 * is fixed (a consumer bug, a contract change): same key, value and headers, without the {@code dead-letter-*} and
 * {@value ConsumerFailures#REASON_HEADER} headers. Consumers are idempotent, so a record replayed twice has one effect.
 * It reads with its own consumer group ({@code payguard-dlq-replay}) and commits after the broker acknowledged the
 * re-sent records, so a second run replays only what arrived since. {@code --dry-run} lists what it would replay
 * (where from and why, never the content) and commits nothing. A main class with only kafka-clients on the class path,
 * like {@link TopicSetup}; see platform/messaging's README.
 */
public final class DeadLetterReplay {

    public static final String GROUP = "payguard-dlq-replay";

    /** One record replayed (or, in a dry run, to be). */
    public record Replayed(String to, int partition, long offset, String reason) {}

    private DeadLetterReplay() {}

    public static List<Replayed> replay(String bootstrapServers, String deadLetterTopic, boolean dryRun)
            throws Exception {
        if (!deadLetterTopic.endsWith(".dlq")) {
            throw new IllegalArgumentException("not a dead-letter topic (<topic>.dlq): " + deadLetterTopic);
        }
        String fallbackTopic = deadLetterTopic.substring(0, deadLetterTopic.length() - ".dlq".length());
        var replayed = new ArrayList<Replayed>();
        try (var consumer = new KafkaConsumer<byte[], byte[]>(consumerProperties(bootstrapServers));
                var producer = new KafkaProducer<byte[], byte[]>(producerProperties(bootstrapServers))) {
            var partitions = consumer.partitionsFor(deadLetterTopic).stream()
                    .map(p -> new TopicPartition(deadLetterTopic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            // replay up to the end as it is now: records dead-lettered meanwhile wait for the next run
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                var sends = new ArrayList<Future<RecordMetadata>>();
                var commit = new java.util.HashMap<TopicPartition, OffsetAndMetadata>();
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofSeconds(1))) {
                    var tp = new TopicPartition(r.topic(), r.partition());
                    if (r.offset() >= end.get(tp)) {
                        continue;
                    }
                    String to = header(r, "dead-letter-topic", fallbackTopic);
                    String reason = header(r, ConsumerFailures.REASON_HEADER, header(r, "dead-letter-reason", "?"));
                    replayed.add(new Replayed(to, r.partition(), r.offset(), reason));
                    commit.put(tp, new OffsetAndMetadata(r.offset() + 1));
                    if (!dryRun) {
                        sends.add(producer.send(withoutDeadLetterHeaders(r, to)));
                    }
                }
                if (dryRun) {
                    continue;
                }
                for (var s : sends) {
                    s.get();
                }
                consumer.commitSync(commit);
            }
        }
        return replayed;
    }

    /** The record as it was before it was dead-lettered: the same key, value and headers, sent to {@code to}. */
    private static ProducerRecord<byte[], byte[]> withoutDeadLetterHeaders(
            ConsumerRecord<byte[], byte[]> r, String to) {
        var out = new ProducerRecord<>(to, null, r.key(), r.value());
        for (Header h : r.headers()) {
            if (!h.key().startsWith("dead-letter-") && !h.key().equals(ConsumerFailures.REASON_HEADER)) {
                out.headers().add(h);
            }
        }
        return out;
    }

    private static Properties consumerProperties(String bootstrapServers) {
        return properties(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG,
                GROUP,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                "false",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
    }

    private static Properties producerProperties(String bootstrapServers) {
        return properties(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                "true",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class.getName());
    }

    /** Client properties from name, value pairs. */
    private static Properties properties(String... nameValues) {
        var properties = new Properties();
        for (int i = 0; i < nameValues.length; i += 2) {
            properties.setProperty(nameValues[i], nameValues[i + 1]);
        }
        return properties;
    }

    private static String header(ConsumerRecord<?, ?> r, String name, String otherwise) {
        var h = r.headers().lastHeader(name);
        return h == null ? otherwise : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** {@code DeadLetterReplay <bootstrap servers> <topic>.dlq [--dry-run]} */
    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: DeadLetterReplay <bootstrap-servers> <topic>.dlq [--dry-run]");
            System.exit(2);
        }
        boolean dryRun = args.length > 2 && "--dry-run".equals(args[2]);
        var done = replay(args[0], args[1], dryRun);
        for (var r : done) {
            System.out.printf(
                    "%s %s-%d@%d -> %s (%s)%n",
                    dryRun ? "would replay" : "replayed", args[1], r.partition(), r.offset(), r.to(), r.reason());
        }
        System.out.printf("%d record(s) %s%n", done.size(), dryRun ? "to replay" : "replayed");
    }
}

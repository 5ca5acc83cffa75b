package io.payguard.platform.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;

/**
 * A real Kafka 4.1 broker (KRaft, single node) run in the test JVM on free loopback ports, once per JVM.
 * Topics are created on first use with 3 partitions.
 */
public final class LocalKafka {

    private static EmbeddedKafkaBroker broker;

    private LocalKafka() {}

    public static synchronized String bootstrapServers() {
        if (broker == null) {
            long start = System.nanoTime();
            broker = new EmbeddedKafkaBroker()
                    .withKafkaHost("127.0.0.1")
                    .withDeleteLogDirsOnClose(true)
                    .withAdditionalProperties(p -> {
                        p.put("num.partitions", "3");
                        p.put("auto.create.topics.enable", "true");
                        p.put("offsets.topic.replication.factor", "1");
                        p.put("transaction.state.log.replication.factor", "1");
                        p.put("transaction.state.log.min.isr", "1");
                        p.put("group.initial.rebalance.delay.ms", "0");
                    })
                    .start();
            createPayGuardTopics(broker.getAdvertisedListeners().replace("PLAINTEXT://", ""));
            System.out.printf(
                    "[payguard-test] Kafka ready on %s with PayGuard's topics in %d ms%n",
                    broker.getAdvertisedListeners(), (System.nanoTime() - start) / 1_000_000);
            Runtime.getRuntime().addShutdownHook(new Thread(LocalKafka::stop, "payguard-kafka-stop"));
        }
        return broker.getAdvertisedListeners().replace("PLAINTEXT://", "");
    }

    /**
     * Creates PayGuard's topics as {@code platform/messaging}'s {@code TopicSetup} declares them (partitions,
     * compaction), as {@code ./dev up} does. This module depends on no PayGuard module, so platform/messaging can
     * test itself with it: {@code TopicSetup} is called when it is on the classpath, which it is for every user but
     * this module's own build; without it topics are created on first use.
     */
    private static void createPayGuardTopics(String bootstrapServers) {
        Class<?> topicSetup;
        try {
            topicSetup = Class.forName("io.payguard.platform.messaging.TopicSetup");
        } catch (ClassNotFoundException absent) {
            return;
        }
        try {
            topicSetup.getMethod("ensure", String.class).invoke(null, bootstrapServers);
        } catch (java.lang.reflect.InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("creating PayGuard's topics failed", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("platform/messaging's TopicSetup.ensure(String) is not callable", e);
        }
    }

    /**
     * Reads {@code topic} of the test broker from its earliest offset (a fresh consumer group each call) until
     * {@code done} holds for everything read so far, or {@code timeout} passes; returns what was read (the caller
     * asserts on it). The one way tests read topics.
     */
    public static List<ConsumerRecord<String, String>> read(
            String topic, Predicate<List<ConsumerRecord<String, String>>> done, Duration timeout) {
        return read(topic, done, Duration.ZERO, timeout);
    }

    /**
     * As {@link #read(String, Predicate, Duration)}, but once {@code done} holds reading goes on for {@code settle}
     * more, so that what follows (a duplicate, a late extra record) is read too and the caller can assert its absence.
     * {@code timeout} bounds the wait for {@code done}; the settle time is read in full once it holds.
     */
    public static List<ConsumerRecord<String, String>> read(
            String topic, Predicate<List<ConsumerRecord<String, String>>> done, Duration settle, Duration timeout) {
        var read = new ArrayList<ConsumerRecord<String, String>>();
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "test-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                "false",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class.getName()))) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!done.test(read) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(read::add);
            }
            if (done.test(read)) {
                long settled = System.nanoTime() + settle.toNanos();
                while (System.nanoTime() < settled) {
                    consumer.poll(Duration.ofMillis(Math.min(200, Math.max(1, settle.toMillis()))))
                            .forEach(read::add);
                }
            }
        }
        return read;
    }

    /** The first record of {@code topic} whose value matches, read from the start within {@code timeout}; fails naming {@code what} otherwise. */
    public static ConsumerRecord<String, String> awaitRecord(
            String topic, Predicate<String> matches, String what, Duration timeout) {
        var read = read(
                topic,
                records -> records.stream().anyMatch(r -> r.value() != null && matches.test(r.value())),
                timeout);
        return read.stream()
                .filter(r -> r.value() != null && matches.test(r.value()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + what + " reached " + topic + " within " + timeout + " ("
                        + read.size() + " records read)"));
    }

    /** Sends structured CloudEvents (as the outbox relay does: {@code content-type: application/cloudevents+json}) and waits for the acks. */
    public static void send(String topic, String key, String... values) {
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            for (String value : values) {
                var record = new ProducerRecord<>(topic, key, value);
                record.headers().add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
                producer.send(record).get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("could not send to " + topic, e.getCause());
        }
    }

    private static synchronized void stop() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }
}

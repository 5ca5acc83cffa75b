package io.payguard.audit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.payguard.platform.testing.LocalKafka;

/** Sends structured CloudEvents as the outbox relay does, and reads a topic from the start until a condition holds. */
public final class KafkaTestClient {

    private KafkaTestClient() {}

    public static void send(String topic, String key, String... values) {
        LocalKafka.send(topic, key, values);
    }

    /** Reads {@code topic} from the earliest offset until {@code done} holds for what was read, or the deadline passes. */
    public static List<ConsumerRecord<String, String>> readUntil(
            String topic, Predicate<List<ConsumerRecord<String, String>>> done, Duration timeout) {
        return LocalKafka.read(topic, done, timeout);
    }

    public static String deadLetterReason(ConsumerRecord<String, String> r) {
        var reason = r.headers().lastHeader("dead-letter-reason");
        return reason == null ? "" : new String(reason.value(), StandardCharsets.UTF_8);
    }
}

package io.payguard.auth;

import java.time.Duration;
import java.util.function.Predicate;

import io.payguard.platform.testing.LocalKafka;

/** Reads a topic of the test broker from its start (a fresh group each time) until a record matches or 30 s pass. */
public final class KafkaRecords {

    private KafkaRecords() {}

    public static String await(String topic, Predicate<String> matches, String what) {
        return LocalKafka.awaitRecord(topic, matches, what, Duration.ofSeconds(30))
                .value();
    }
}

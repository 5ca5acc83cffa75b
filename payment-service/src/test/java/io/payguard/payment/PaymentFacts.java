package io.payguard.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.payguard.platform.testing.LocalKafka;

/** What a payment published on {@code payment.events}, read back from the test broker. */
public final class PaymentFacts {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PaymentFacts() {}

    /**
     * The types ({@code io.payguard.payment.<type>.v1}) of the payment's facts, in order, once {@code last} is among
     * them; reading goes on a second after that, so a duplicate would be seen too.
     */
    public static List<String> facts(String paymentId, String last) {
        var records = LocalKafka.read(
                "payment.events",
                read -> typesOf(read, paymentId).contains(last),
                Duration.ofSeconds(1),
                Duration.ofSeconds(20));
        var types = typesOf(records, paymentId);
        assertThat(types).as("facts of " + paymentId).contains(last);
        return types;
    }

    private static List<String> typesOf(List<ConsumerRecord<String, String>> records, String paymentId) {
        return records.stream()
                .filter(r -> paymentId.equals(r.key()))
                .map(r -> type(r.value()))
                .toList();
    }

    private static String type(String value) {
        try {
            return JSON.readTree(value)
                    .path("type")
                    .asText()
                    .replace("io.payguard.payment.", "")
                    .replace(".v1", "");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

package io.payguard.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

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
        var types = new ArrayList<String>();
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                LocalKafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "facts-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class.getName()))) {
            consumer.subscribe(List.of("payment.events"));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            long settle = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, settle)) {
                for (var r : consumer.poll(Duration.ofMillis(200))) {
                    if (paymentId.equals(r.key())) {
                        String type = JSON.readTree(r.value())
                                .path("type")
                                .asText()
                                .replace("io.payguard.payment.", "")
                                .replace(".v1", "");
                        types.add(type);
                        if (type.equals(last) && settle == Long.MAX_VALUE) {
                            settle = System.nanoTime() + Duration.ofSeconds(1).toNanos();
                        }
                    }
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(types).as("facts of " + paymentId).contains(last);
        return types;
    }
}

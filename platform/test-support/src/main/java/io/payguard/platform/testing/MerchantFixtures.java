package io.payguard.platform.testing;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Publishes merchant states on the test broker's {@code auth.merchants} topic, as auth-service does (the services under
 * test read it into their merchant directory). The demo merchants of the dev realm are published once per test JVM,
 * active, in CNY, with auth-service's default limits: like on {@code ./dev up}, they exist.
 */
public final class MerchantFixtures {

    public static final long DEFAULT_PER_TRANSACTION = 5_000_000;
    public static final long DEFAULT_DAILY = 50_000_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile boolean demoPublished;

    private MerchantFixtures() {}

    public static synchronized void publishDemoMerchants() {
        if (!demoPublished) {
            for (String id : new String[] {"demo-merchant-a", "demo-merchant-b"}) {
                publish(id, true, "CNY", DEFAULT_PER_TRANSACTION, DEFAULT_DAILY);
            }
            demoPublished = true;
        }
    }

    /**
     * Publishes one {@code io.payguard.auth.merchant.state.v1} (written here as the contract in contracts/events/README.md
     * spells it, not with the reader's own classes) and waits for the broker's acknowledgement.
     */
    public static void publish(
            String merchantId, boolean active, String currency, long perTransactionLimitMinor, long dailyLimitMinor) {
        var event = JSON.createObjectNode();
        event.put("specversion", "1.0");
        event.put("id", UUID.randomUUID().toString());
        event.put("source", "/payguard/auth-service");
        event.put("type", "io.payguard.auth.merchant.state.v1");
        event.put("subject", "merchant/" + merchantId);
        event.put("time", Instant.now().toString());
        event.put("datacontenttype", "application/json");
        event.putObject("data")
                .put("merchantId", merchantId)
                .put("status", active ? "ACTIVE" : "SUSPENDED")
                .put("currency", currency)
                .put("perTransactionLimitMinor", perTransactionLimitMinor)
                .put("dailyLimitMinor", dailyLimitMinor);
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                LocalKafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class.getName()))) {
            producer.send(new ProducerRecord<>("auth.merchants", merchantId, event.toString()))
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not publish the state of merchant " + merchantId, e);
        }
    }
}

package io.payguard.auth.webhook;

import static io.payguard.auth.webhook.WebhookFixtures.JSON;
import static io.payguard.auth.webhook.WebhookFixtures.endpoint;
import static io.payguard.auth.webhook.WebhookFixtures.merchant;
import static io.payguard.auth.webhook.WebhookFixtures.paymentFact;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.payguard.platform.testing.LocalKafka;
import io.payguard.platform.testing.PayGuardTestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * Delivery throughput: {@value #EVENTS} payment facts for one merchant, all published at once, delivered to one
 * endpoint on a local receiver (test profile: 4 workers, 50 ms rounds, batches of 50). Prints events/s from the first
 * publish to the last receipt, and p50/p99 of fact time to receipt. {@code -Pbenchmark} runs it.
 */
@Tag("benchmark")
@QuarkusTest
@QuarkusTestResource(value = PayGuardTestInfrastructure.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class WebhookThroughputBenchmarkTest {

    private static final int EVENTS = 2_000;

    /** All at once (one producer, no wait per record), as payment-service's relay publishes a burst. */
    private static void publish(String[] facts) throws Exception {
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalKafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            var sent = new ArrayList<java.util.concurrent.Future<?>>();
            for (String fact : facts) {
                sent.add(producer.send(
                        new ProducerRecord<>("payment.events", UUID.randomUUID().toString(), fact)));
            }
            for (var future : sent) {
                future.get();
            }
        }
    }

    @Test
    void deliversTwoThousandEventsToOneEndpoint() throws Exception {
        try (var receiver = new TestReceiver()) {
            String merchant = merchant();
            String path = "/ok/" + merchant;
            endpoint(merchant, receiver.url(path), List.of("payment_intent.succeeded"));
            var facts = new String[EVENTS];
            long start = System.currentTimeMillis();
            for (int i = 0; i < EVENTS; i++) {
                String paymentId = "pi_bench_" + i + "_" + UUID.randomUUID();
                facts[i] = paymentFact(
                        "io.payguard.payment.captured.v1",
                        merchant,
                        paymentId,
                        UUID.randomUUID().toString(),
                        Instant.now());
            }
            publish(facts);
            long published = System.currentTimeMillis();
            await().atMost(Duration.ofMinutes(5))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> receiver.received(path).size() >= EVENTS);
            var received = receiver.received(path);
            long end = received.stream()
                    .mapToLong(TestReceiver.Received::receivedAtMillis)
                    .max()
                    .orElseThrow();
            long first = received.stream()
                    .mapToLong(TestReceiver.Received::receivedAtMillis)
                    .min()
                    .orElseThrow();
            var latencies = new ArrayList<Long>();
            var ids = new HashSet<String>();
            for (var r : received) {
                var body = JSON.readTree(r.body());
                ids.add(body.path("id").asText());
                latencies.add(r.receivedAtMillis()
                        - Instant.parse(body.path("createdAt").asText()).toEpochMilli());
            }
            latencies.sort(Long::compare);
            assertThat(ids).hasSize(EVENTS);
            double seconds = (end - start) / 1000.0;
            System.out.printf(
                    "[webhooks benchmark] %d events to one endpoint: published in %d ms, all delivered after %.1f s:"
                            + " %.0f events/s end to end, %.0f deliveries/s from the first to the last receipt;"
                            + " fact-to-receipt latency p50 %d ms, p99 %d ms, max %d ms%n",
                    EVENTS,
                    published - start,
                    seconds,
                    EVENTS / seconds,
                    EVENTS / Math.max(0.001, (end - first) / 1000.0),
                    latencies.get(latencies.size() / 2),
                    latencies.get((int) (latencies.size() * 0.99)),
                    latencies.get(latencies.size() - 1));
        }
    }
}

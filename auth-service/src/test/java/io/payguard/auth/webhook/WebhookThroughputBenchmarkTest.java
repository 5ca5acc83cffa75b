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
import java.util.UUID;

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
            LocalKafka.send("payment.events", merchant, facts);
            long published = System.currentTimeMillis();
            await().atMost(Duration.ofMinutes(5))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> receiver.received(path).size() >= EVENTS);
            var received = receiver.received(path);
            long end = received.stream()
                    .mapToLong(TestReceiver.Received::receivedAtMillis)
                    .max()
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
                            + " %.0f events/s; fact-to-receipt latency p50 %d ms, p99 %d ms, max %d ms%n",
                    EVENTS,
                    published - start,
                    seconds,
                    EVENTS / seconds,
                    latencies.get(latencies.size() / 2),
                    latencies.get((int) (latencies.size() * 0.99)),
                    latencies.get(latencies.size() - 1));
        }
    }
}

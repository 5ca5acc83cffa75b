package io.payguard.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;

/** Retries until done through any number of infrastructure failures; poison stops at once. */
class ConsumerFailuresTest {

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final ConsumerFailures failures = new ConsumerFailures(
            new CloudEventCodec(new ObjectMapper()),
            registry,
            new ConsumerProgress(java.time.Clock.systemUTC(), registry),
            Duration.ofMillis(1),
            Duration.ofMillis(5));

    @Test
    void retriesInfrastructureFailuresUntilTheWorkGoesThrough() {
        var calls = new AtomicInteger();
        String result = failures.untilDone(
                        "c",
                        () -> calls.incrementAndGet() <= 50
                                ? Uni.createFrom().failure(new ConnectException("Connection refused"))
                                : Uni.createFrom().item("done"))
                .await()
                .atMost(Duration.ofSeconds(30));

        assertThat(result).isEqualTo("done");
        assertThat(calls).hasValue(51);
        assertThat(registry.get("payguard.messaging.retries")
                        .tags("consumer", "c", "cause", "database_unavailable")
                        .counter()
                        .count())
                .isEqualTo(50);
        assertThat(registry.get("payguard.messaging.retrying")
                        .tag("consumer", "c")
                        .gauge()
                        .value())
                .isZero();
    }

    @Test
    void poisonIsNotRetried() {
        var calls = new AtomicInteger();
        assertThatThrownBy(() -> failures.untilDone("p", () -> {
                            calls.incrementAndGet();
                            throw new MalformedEventException("wallet command needs 'paymentId'");
                        })
                        .await()
                        .atMost(Duration.ofSeconds(5)))
                .isInstanceOf(MalformedEventException.class);
        assertThat(calls).hasValue(1);
        assertThat(registry.find("payguard.messaging.retries").counters()).isEmpty();
    }
}

package io.payguard.payment.saga;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.payguard.payment.application.OutcomeSignals;
import io.payguard.platform.testing.PayGuardTestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * A confirm whose wait has less than a millisecond left must still be answered. Inside Quarkus, Mutiny's timeouts
 * run on Vert.x timers, which refuse delays under 1 ms: the wait then never ended and the request hung for good
 * (seen under load as "Cannot schedule a timer with delay < 1 ms").
 */
@QuarkusTest
@QuarkusTestResource(value = PayGuardTestInfrastructure.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class OutcomeSignalsTest {

    @Inject
    OutcomeSignals signals;

    @Test
    void aWaitWithLessThanAMillisecondLeftEndsAtOnce() {
        for (long nanos : new long[] {1, 999, 500_000, 999_999}) {
            var id = "pi_wait_" + nanos;
            var signal = signals.register(id);
            var answer =
                    signals.await(id, signal, Duration.ofNanos(nanos)).await().atMost(Duration.ofSeconds(5));
            assertThat(answer)
                    .as("a %d ns wait answers without a payment", nanos)
                    .isNull();
        }
    }

    @Test
    void aWaitOfAMillisecondOrMoreStillRunsOut() {
        var id = "pi_wait_1ms";
        var signal = signals.register(id);
        assertThat(signals.await(id, signal, Duration.ofMillis(1)).await().atMost(Duration.ofSeconds(5)))
                .isNull();
    }
}

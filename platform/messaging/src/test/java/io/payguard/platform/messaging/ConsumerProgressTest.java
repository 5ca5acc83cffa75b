package io.payguard.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** A consumer counts as catching up while the records it processes are old, and only while it is processing them. */
class ConsumerProgressTest {

    static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-12-06T12:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }
    }

    final TestClock clock = new TestClock();
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final ConsumerProgress progress = new ConsumerProgress(clock, registry);
    final Duration tolerance = Duration.ofSeconds(5);
    final Duration recent = Duration.ofSeconds(30);

    @Test
    void aFreshProcessCountsAsCatchingUpUntilItHasReadSomethingOrTheWindowPassed() {
        assertThat(progress.catchingUp("c", tolerance, recent))
                .as("nothing processed yet, just started")
                .isTrue();
        clock.advance(Duration.ofSeconds(31));
        assertThat(progress.catchingUp("c", tolerance, recent))
                .as("idle since start: nothing queued")
                .isFalse();
    }

    @Test
    void oldRecordsMeanABacklogAndAFreshOneMeansCurrent() {
        progress.processed("c", clock.instant().minusSeconds(90));
        assertThat(progress.catchingUp("c", tolerance, recent)).isTrue();
        assertThat(registry.get("payguard.messaging.record.age.seconds")
                        .tag("consumer", "c")
                        .gauge()
                        .value())
                .isEqualTo(90.0);

        clock.advance(Duration.ofSeconds(1));
        progress.processed("c", clock.instant().minusMillis(40));
        assertThat(progress.catchingUp("c", tolerance, recent)).as("caught up").isFalse();
        assertThat(registry.get("payguard.messaging.record.age.seconds")
                        .tag("consumer", "c")
                        .gauge()
                        .value())
                .isEqualTo(0.04);
        assertThat(progress.catchingUp("other", tolerance, recent))
                .as("per consumer")
                .isTrue();
    }

    @Test
    void aConsumerThatStoppedProcessingNoLongerCountsAsCatchingUp() {
        progress.processed("c", clock.instant().minusSeconds(90));
        clock.advance(Duration.ofSeconds(31));
        assertThat(progress.catchingUp("c", tolerance, recent))
                .as("stuck or idle for longer than the window")
                .isFalse();
    }
}

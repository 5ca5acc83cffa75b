package io.payguard.platform.web.overload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** Slow requests cut the limit fast, down to the minimum; fast ones under load raise it slowly, up to the maximum. */
class AdaptiveLimitTest {

    static final long SLOW = Duration.ofSeconds(6).toNanos();
    static final long FAST = Duration.ofMillis(30).toNanos();

    @Test
    void slowRequestsCutTheLimitMultiplicativelyAndFastOnesRaiseItByOne() {
        var limit = new AdaptiveLimit(4, 64, Duration.ofSeconds(5), 0.9);
        assertThat(limit.limit()).as("starts at the maximum").isEqualTo(64);

        limit.completed(SLOW, 64);
        assertThat(limit.limit()).isEqualTo(57);
        for (int i = 0; i < 30; i++) {
            limit.completed(SLOW, 60);
        }
        assertThat(limit.limit()).as("never under the minimum").isEqualTo(4);

        limit.completed(FAST, 1);
        assertThat(limit.limit())
                .as("not raised while most of the limit is unused")
                .isEqualTo(4);
        limit.completed(FAST, 2);
        assertThat(limit.limit()).isEqualTo(5);
        for (int i = 0; i < 200; i++) {
            limit.completed(FAST, limit.limit());
        }
        assertThat(limit.limit()).as("never over the maximum").isEqualTo(64);
    }

    @Test
    void aFixedLimitNeverMoves() {
        var limit = AdaptiveLimit.fixed(8);
        limit.completed(Duration.ofMinutes(5).toNanos(), 8);
        limit.completed(FAST, 8);
        assertThat(limit.limit()).isEqualTo(8);
        var zero = new AdaptiveLimit(2, 8, Duration.ZERO, 0.9);
        zero.completed(Duration.ofHours(1).toNanos(), 8);
        assertThat(zero.limit()).as("slow=0 disables the adaptation").isEqualTo(8);
    }

    @Test
    void nonsenseSettingsAreRefused() {
        assertThatThrownBy(() -> new AdaptiveLimit(0, 8, Duration.ofSeconds(5), 0.9))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AdaptiveLimit(9, 8, Duration.ofSeconds(5), 0.9))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AdaptiveLimit(1, 8, Duration.ofSeconds(5), 1.0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

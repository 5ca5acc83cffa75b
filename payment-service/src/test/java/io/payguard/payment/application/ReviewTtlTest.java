package io.payguard.payment.application;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The wallet must never expire a hold that an operator could still approve: the service refuses to start otherwise. */
class ReviewTtlTest {

    @Test
    void theReviewMustEndBeforeTheWalletHoldDoes() {
        assertThatCode(() -> ReviewService.requireReviewEndsBeforeHold(
                        Duration.ofHours(24), Duration.ofMinutes(1), Duration.ofDays(7)))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> ReviewService.requireReviewEndsBeforeHold(
                        Duration.ofDays(7), Duration.ofMinutes(1), Duration.ofDays(7)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("payguard.payment.hold-ttl");
        assertThatThrownBy(() -> ReviewService.requireReviewEndsBeforeHold(
                        Duration.ofHours(24).minusMinutes(1), Duration.ofMinutes(1), Duration.ofHours(24)))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ReviewService.requireReviewEndsBeforeHold(
                        Duration.ZERO, Duration.ofMinutes(1), Duration.ofDays(7)))
                .isInstanceOf(IllegalStateException.class);
    }
}

package io.payguard.audit.domain.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class FailedAuthenticationBurstTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    @Test
    void alertsOnceWhenAClientOrAnAddressPassesTheThresholdWithinAMinute() {
        var rule = new FailedAuthenticationBurst(3, Duration.ofMinutes(1));
        assertThat(rule.observe("c1", "10.0.0.1", T0)).isEmpty();
        assertThat(rule.observe("c1", "10.0.0.2", T0.plusSeconds(10))).isEmpty();
        assertThat(rule.observe("c1", "10.0.0.3", T0.plusSeconds(20))).isEmpty();
        var alerts = rule.observe("c1", "10.0.0.4", T0.plusSeconds(30));
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.keyKind()).isEqualTo("clientId");
            assertThat(a.key()).isEqualTo("c1");
            assertThat(a.count()).isEqualTo(4);
        });
        // still bursting inside the same window: no second alert
        assertThat(rule.observe("c1", "10.0.0.5", T0.plusSeconds(40))).isEmpty();
    }

    @Test
    void failuresSpreadOverMoreThanAMinuteDoNotAlertAndOneAddressAcrossClientsDoes() {
        var rule = new FailedAuthenticationBurst(3, Duration.ofMinutes(1));
        for (int i = 0; i < 10; i++) {
            assertThat(rule.observe("slow", null, T0.plusSeconds(25L * i))).isEmpty();
        }
        rule.observe("a", "192.0.2.1", T0);
        rule.observe("b", "192.0.2.1", T0.plusSeconds(1));
        rule.observe("c", "192.0.2.1", T0.plusSeconds(2));
        assertThat(rule.observe("d", "192.0.2.1", T0.plusSeconds(3)))
                .extracting(SecurityAlert::keyKind)
                .containsExactly("ip");
    }
}

package io.payguard.auth.webhook.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.payguard.kernel.failure.ApplicationException;

/** The webhook feature's rules, in milliseconds: backoff schedule, subscriptions, secret overlap, ids, field bounds. */
class WebhookDomainTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
    private final RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(30), Duration.ofHours(6), Duration.ofDays(3));

    @Test
    void backoffDoublesFromTheInitialDelayUpToTheCap() {
        assertThat(policy.ceiling(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.ceiling(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(policy.ceiling(5)).isEqualTo(Duration.ofSeconds(480));
        assertThat(policy.ceiling(10)).isEqualTo(Duration.ofSeconds(30L << 9));
        assertThat(policy.ceiling(11)).isEqualTo(Duration.ofHours(6));
        assertThat(policy.ceiling(1_000)).isEqualTo(Duration.ofHours(6));
    }

    @Test
    void fullJitterSpreadsTheWaitOverZeroToTheCeiling() {
        assertThat(policy.next(3, T0, T0, 0.0)).contains(T0);
        assertThat(policy.next(3, T0, T0, 0.5)).contains(T0.plusSeconds(60));
        assertThat(policy.next(3, T0, T0, 0.999_999))
                .get()
                .satisfies(at -> assertThat(at).isBefore(T0.plusSeconds(120)).isAfter(T0.plusSeconds(119)));
        assertThatThrownBy(() -> policy.next(1, T0, T0, 1.0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDeliveryIsGivenUpWhenItsNextAttemptWouldFallAfterGiveUpAfter() {
        Instant almostThreeDays = T0.plus(Duration.ofDays(3)).minusSeconds(60);
        assertThat(policy.next(20, T0, almostThreeDays, 0.0)).contains(almostThreeDays);
        assertThat(policy.next(20, T0, almostThreeDays, 0.5)).isEmpty();
        assertThat(policy.next(20, T0, T0.plus(Duration.ofDays(3)).plusMillis(1), 0.0))
                .isEmpty();
    }

    @Test
    void theScheduleRetriesForAtLeastThreeDaysWithMaximumWaits() {
        // the longest waits (unit close to 1) still leave attempts in the third day: ~3 days of retries
        Instant now = T0;
        int attempts = 1;
        while (true) {
            var next = policy.next(attempts, T0, now, 0.999);
            if (next.isEmpty()) {
                break;
            }
            now = next.get();
            attempts++;
        }
        assertThat(Duration.between(T0, now)).isGreaterThan(Duration.ofHours(66));
        assertThat(attempts).isBetween(15, 30);
    }

    @Test
    void subscriptionsMatchTheirTypesOrEverythingAndTheEndpointsMode() {
        assertThat(EventTypes.matches(List.of("*"), "refund.failed")).isTrue();
        assertThat(EventTypes.matches(List.of("payment_intent.succeeded"), "payment_intent.succeeded"))
                .isTrue();
        assertThat(EventTypes.matches(List.of("payment_intent.succeeded"), "payment_intent.payment_failed"))
                .isFalse();
        var endpoint = endpoint(EndpointMode.TEST, List.of("api_key.created"), EndpointStatus.ENABLED);
        assertThat(endpoint.receives("api_key.created", EndpointMode.TEST)).isTrue();
        assertThat(endpoint.receives("api_key.created", null)).isTrue();
        assertThat(endpoint.receives("api_key.created", EndpointMode.LIVE)).isFalse();
        assertThat(endpoint.receives("api_key.revoked", EndpointMode.TEST)).isFalse();
        assertThat(endpoint(EndpointMode.TEST, List.of("*"), EndpointStatus.DISABLED)
                        .receives("api_key.created", null))
                .isFalse();
    }

    @Test
    void bothSecretsSignDuringTheOverlapThenOnlyTheNewOne() {
        var secrets = SigningSecrets.only("whsec_old").rotate("whsec_new", Duration.ofHours(1), T0);
        assertThat(secrets.valid(T0)).containsExactly("whsec_new", "whsec_old");
        assertThat(secrets.valid(T0.plusSeconds(3599))).containsExactly("whsec_new", "whsec_old");
        assertThat(secrets.valid(T0.plusSeconds(3600))).containsExactly("whsec_new");
        assertThat(SigningSecrets.only("a").rotate("b", Duration.ZERO, T0).valid(T0))
                .containsExactly("b");
        // a second rotation during an overlap keeps only the secret it replaces
        assertThat(secrets.rotate("whsec_newer", Duration.ofHours(1), T0).valid(T0))
                .containsExactly("whsec_newer", "whsec_new");
        assertThatThrownBy(() -> secrets.rotate("x", Duration.ofDays(8), T0))
                .isInstanceOf(ApplicationException.class)
                .hasMessageContaining("604800");
        assertThatThrownBy(() -> secrets.rotate("x", Duration.ofSeconds(-1), T0))
                .isInstanceOf(ApplicationException.class);
    }

    @Test
    void eventIdsAreDerivedFromTheFactSoARedeliveryIsTheSameEvent() {
        String id = EventIds.fromSource("/payguard/payment-service", "5b0c6c84-0f0e-4c55-9d59-7e0f2b8a3c11");
        assertThat(id).matches("evt_[0-9a-f]{32}");
        assertThat(EventIds.fromSource("/payguard/payment-service", "5b0c6c84-0f0e-4c55-9d59-7e0f2b8a3c11"))
                .isEqualTo(id);
        assertThat(EventIds.fromSource("/payguard/auth-service", "5b0c6c84-0f0e-4c55-9d59-7e0f2b8a3c11"))
                .isNotEqualTo(id);
        assertThat(EventIds.wellFormed("evt_", id)).isTrue();
        assertThat(EventIds.wellFormed("we_", "we_" + "ab".repeat(12))).isTrue();
        assertThat(EventIds.wellFormed("we_", "we_../../x")).isFalse();
        assertThat(EventIds.wellFormed("we_", null)).isFalse();
    }

    @Test
    void enabledEventsAreKnownTypesOrAStarAlone() {
        assertThat(EndpointRules.enabledEvents(List.of("refund.failed", "refund.failed")))
                .containsExactly("refund.failed");
        assertThat(EndpointRules.enabledEvents(List.of("*"))).containsExactly("*");
        for (List<String> bad : List.of(List.<String>of(), List.of("nope"), List.of("*", "refund.failed"))) {
            assertThatThrownBy(() -> EndpointRules.enabledEvents(bad))
                    .isInstanceOf(ApplicationException.class)
                    .extracting(e -> ((ApplicationException) e).code())
                    .isEqualTo("invalid_enabled_events");
        }
        assertThatThrownBy(() -> EndpointRules.description("x".repeat(257))).isInstanceOf(ApplicationException.class);
        assertThatThrownBy(() -> EndpointRules.url("https://x.example/" + "a".repeat(2048)))
                .isInstanceOf(ApplicationException.class);
    }

    @Test
    void attemptsKeepOnlyAnExcerptOfTheResponse() {
        var attempt =
                new Attempt(1, T0, Attempt.Outcome.FAILED, 500, Duration.ofMillis(3), "http_status", "x".repeat(5000));
        assertThat(attempt.responseExcerpt()).hasSize(Attempt.MAX_EXCERPT);
    }

    private static WebhookEndpoint endpoint(EndpointMode mode, List<String> events, EndpointStatus status) {
        return new WebhookEndpoint(
                "we_" + "0".repeat(24), "m", mode, "https://x.example", null, events, status, T0, T0, null, null, null);
    }
}

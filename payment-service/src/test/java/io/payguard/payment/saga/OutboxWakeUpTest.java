package io.payguard.payment.saga;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.payguard.payment.Api;
import io.payguard.payment.PaymentFacts;
import io.payguard.platform.testing.PayGuardTestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * The outbox relay is woken in-process once a transaction that appended events has committed (issue 20: no
 * {@code pg_notify} trigger any more). The safety-net timer is set to an hour here, so an event that reaches Kafka
 * within seconds was sent because of the commit hook, and nothing else.
 */
@QuarkusTest
@TestProfile(OutboxWakeUpTest.TimerOff.class)
@QuarkusTestResource(value = PayGuardTestInfrastructure.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class OutboxWakeUpTest {

    public static class TimerOff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("payguard.outbox.poll-interval", "PT1H");
        }
    }

    @Inject
    MeterRegistry registry;

    @Inject
    AgroalDataSource db;

    @Test
    void aCommittedEventLeavesAtOnceWithoutTheTimer() throws Exception {
        double before = commitWakeups();
        String merchant = Api.merchant("merchant-" + UUID.randomUUID());
        long start = System.nanoTime();
        String id = Api.create(merchant, 1_234, "cust-" + UUID.randomUUID(), "wallet", "automatic");

        assertThat(PaymentFacts.facts(id, "created")).contains("created");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).as("created fact on Kafka with the relay timer at 1 h").isLessThan(Duration.ofSeconds(15));
        assertThat(commitWakeups()).as("wake-ups after commit").isGreaterThan(before);
        try (var c = db.getConnection();
                var s = c.prepareStatement("SELECT count(*) FROM outbox_event WHERE aggregate_id = ?")) {
            s.setString(1, id);
            try (var rs = s.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).as("outbox rows of the payment left").isZero();
            }
        }
        try (var c = db.getConnection();
                var s = c.prepareStatement(
                        "SELECT count(*) FROM pg_trigger WHERE tgname = 'outbox_event_notify' AND NOT tgisinternal");
                var rs = s.executeQuery()) {
            rs.next();
            assertThat(rs.getLong(1)).as("the notify trigger is gone").isZero();
        }
    }

    private double commitWakeups() {
        var counter =
                registry.find("payguard.outbox.wakeups").tag("source", "commit").counter();
        return counter == null ? 0 : counter.count();
    }
}

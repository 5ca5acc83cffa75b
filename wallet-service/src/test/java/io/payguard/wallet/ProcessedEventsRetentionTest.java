package io.payguard.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.payguard.platform.messaging.ProcessedEventsRetention;
import io.payguard.platform.testing.PayGuardTestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** processed_event does not grow without bound: rows past the retention (14 days) go, in batches; younger rows stay. */
@QuarkusTest
@QuarkusTestResource(value = PayGuardTestInfrastructure.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class ProcessedEventsRetentionTest {

    @Inject
    ProcessedEventsRetention retention;

    @Inject
    Pool pool;

    long count(String consumer, String ageCondition) {
        return pool.preparedQuery("SELECT count(*) FROM processed_event WHERE consumer = $1 AND " + ageCondition)
                .execute(Tuple.of(consumer))
                .await()
                .atMost(Duration.ofSeconds(10))
                .iterator()
                .next()
                .getLong(0);
    }

    @Test
    void rowsPastTheRetentionArePurgedInBatchesAndYoungerOnesStay() {
        String consumer = "retention-" + UUID.randomUUID().toString().substring(0, 8);
        pool.preparedQuery("INSERT INTO processed_event (consumer, event_id, processed_at) "
                        + "SELECT $1, 'old-' || g, now() - interval '15 days' - g * interval '1 minute' FROM generate_series(1, 5) g "
                        + "UNION ALL SELECT $1, 'young-' || g, now() - interval '13 days' FROM generate_series(1, 3) g")
                .execute(Tuple.of(consumer))
                .await()
                .atMost(Duration.ofSeconds(10));

        int purged = retention.purge().await().atMost(Duration.ofSeconds(30));

        assertThat(purged)
                .as("batches of 2 in the test profile, until one comes back short")
                .isGreaterThanOrEqualTo(5);
        assertThat(count(consumer, "event_id LIKE 'old-%'")).isZero();
        assertThat(count(consumer, "event_id LIKE 'young-%'")).isEqualTo(3);
        assertThat(retention.purge().await().atMost(Duration.ofSeconds(30)))
                .as("nothing left to purge")
                .isZero();
    }
}

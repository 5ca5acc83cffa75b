package io.payguard.wallet;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.payguard.wallet.load.DurablePostgresResource;
import io.payguard.wallet.load.LedgerLoad;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * The long concurrency run (issue 5: >= 32 clients on 10 hot accounts for >= 20 s, all invariants intact),
 * on a durable PostgreSQL. Not in the default build: {@code ./mvnw -B -o -pl wallet-service verify -Pbenchmark}.
 */
@Tag("benchmark")
@QuarkusTest
@QuarkusTestResource(value = DurablePostgresResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = true)
class ConcurrencyLoadTest {

    @Inject
    LedgerLoad load;

    @Test
    void sixtyFourClientsOnTenHotWalletsForTwentyFiveSeconds() {
        ConcurrencyCheck.run(load, 64, Duration.ofSeconds(Long.getLong("wallet.load.seconds", 25)));
    }
}

package io.payguard.wallet;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.payguard.platform.testing.PayGuardTestInfrastructure;
import io.payguard.wallet.load.LedgerLoad;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * The short version of the concurrency run, in every build: 32 clients on 10 hot wallets and one hot
 * merchant for a few seconds. No failures (deadlocks, lost updates), money conserved, invariants intact.
 * The long run is {@code ConcurrencyLoadTest} ({@code -Pbenchmark}).
 */
@QuarkusTest
@QuarkusTestResource(value = PayGuardTestInfrastructure.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class ConcurrencySmokeTest {

    @Inject
    LedgerLoad load;

    @Test
    void thirtyTwoClientsOnTenHotWalletsKeepEveryInvariant() {
        ConcurrencyCheck.run(load, 32, Duration.ofSeconds(4));
    }
}

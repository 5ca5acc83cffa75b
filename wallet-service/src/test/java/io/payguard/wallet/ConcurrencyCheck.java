package io.payguard.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.payguard.wallet.load.LedgerLoad;

/** The assertions shared by the smoke and the long concurrency runs. */
final class ConcurrencyCheck {

    private ConcurrencyCheck() {}

    static LedgerLoad.Result run(LedgerLoad load, int clients, Duration duration) {
        long each = 10_000_000;
        var hot = load.fundedWallets(10, each);
        var result = load.transfers(hot, clients, duration, 4);
        System.out.printf(
                "[wallet-concurrency] %d clients, 10 hot wallets, %.1f s: %d posted (%.0f/s), %d refused, %d failed, p99 %.1f ms%n",
                clients,
                result.seconds(),
                result.transfers(),
                result.perSecond(),
                result.refused(),
                result.failed(),
                result.latency().getValueAtPercentile(99) / 1000.0);
        assertThat(result.failed())
                .as("failed transactions (deadlocks, serialization, constraint errors)")
                .isZero();
        assertThat(result.transfers()).as("transfers posted").isGreaterThan(clients);
        long inWallets = hot.stream().mapToLong(load::balance).sum();
        assertThat(inWallets)
                .as("money left the hot wallets only towards the merchant")
                .isLessThanOrEqualTo(10 * each);
        for (var w : hot) {
            assertThat(load.balance(w)).as("balance of %s", w).isGreaterThanOrEqualTo(0);
        }
        var report = LedgerLoad.await(load.ledger()::checkInvariants);
        assertThat(report.violations()).isEmpty();
        return result;
    }
}

package io.payguard.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import jakarta.inject.Inject;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.payguard.wallet.application.port.WalletStore;
import io.payguard.wallet.domain.AccountId;
import io.payguard.wallet.load.DurablePostgresResource;
import io.payguard.wallet.load.LedgerLoad;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * The transfer benchmark (issue 5, performance): transfers per second through the service layer on a durable
 * PostgreSQL, balance-read and statement-page latency on a wallet with a long history. Prints its figures.
 * {@code ./mvnw -B -o -pl wallet-service verify -Pbenchmark -Dtest=TransferBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false}
 * ({@code -Dwallet.bench.history=1000000} for a longer history, {@code -Dwallet.bench.seconds}, {@code -Dwallet.bench.clients}).
 */
@Tag("benchmark")
@QuarkusTest
@QuarkusTestResource(value = DurablePostgresResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = true)
class TransferBenchmarkTest {

    @Inject
    LedgerLoad load;

    @Inject
    WalletStore wallets;

    @Test
    void transfersPerSecondAndReadLatency() {
        String fsync = LedgerLoad.await(() -> Panache.withSession(() -> pgSetting("fsync")));
        String syncCommit = LedgerLoad.await(() -> Panache.withSession(() -> pgSetting("synchronous_commit")));
        int clients = Integer.getInteger("wallet.bench.clients", 32);
        long seconds = Long.getLong("wallet.bench.seconds", 20);
        long history = Long.getLong("wallet.bench.history", 10_000);

        var spread = load.fundedWallets(200, 100_000_000);
        load.transfers(spread, clients, Duration.ofSeconds(3), 0); // warm-up
        var uniform = load.transfers(spread, clients, Duration.ofSeconds(seconds), 0);
        var hot = load.transfers(spread.subList(0, 10), clients, Duration.ofSeconds(seconds / 2), 2);

        var subject = spread.get(0);
        long t0 = System.nanoTime();
        seedHistory(subject, spread.get(1), history);
        double seedSeconds = (System.nanoTime() - t0) / 1e9;
        String owner = "load-" + subject;
        load.balanceReads(wallets, owner, subject, 500);
        Histogram reads = load.balanceReads(wallets, owner, subject, 5_000);
        Histogram pages = statementPages(subject, 2_000);

        System.out.printf(
                "%n[wallet-benchmark] PostgreSQL fsync=%s synchronous_commit=%s, %d clients, service layer (LedgerService in a Panache transaction)%n",
                fsync, syncCommit, clients);
        print("transfers, 200 wallets", uniform);
        print("transfers, 10 hot wallets + 1 hot merchant (50%)", hot);
        System.out.printf(
                "[wallet-benchmark] history: %d extra postings on the read wallet (seeded in %.1f s)%n",
                history, seedSeconds);
        System.out.printf(
                "[wallet-benchmark] balance read: p50 %.3f ms, p99 %.3f ms, max %.3f ms (n=%d)%n",
                reads.getValueAtPercentile(50) / 1000.0,
                reads.getValueAtPercentile(99) / 1000.0,
                reads.getMaxValue() / 1000.0,
                reads.getTotalCount());
        System.out.printf(
                "[wallet-benchmark] statement page (50 lines): p50 %.3f ms, p99 %.3f ms (n=%d)%n%n",
                pages.getValueAtPercentile(50) / 1000.0,
                pages.getValueAtPercentile(99) / 1000.0,
                pages.getTotalCount());

        assertThat(uniform.failed() + hot.failed()).isZero();
        assertThat(LedgerLoad.await(load.ledger()::checkInvariants).violations())
                .isEmpty();
    }

    private static void print(String what, LedgerLoad.Result r) {
        System.out.printf(
                "[wallet-benchmark] %s: %.0f transfers/s (%d in %.1f s, %d refused, %d failed), latency p50 %.1f ms p99 %.1f ms%n",
                what,
                r.perSecond(),
                r.transfers(),
                r.seconds(),
                r.refused(),
                r.failed(),
                r.latency().getValueAtPercentile(50) / 1000.0,
                r.latency().getValueAtPercentile(99) / 1000.0);
    }

    private static io.smallrye.mutiny.Uni<String> pgSetting(String name) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery("SELECT current_setting('" + name + "')", String.class)
                        .getSingleResult());
    }

    /** Balanced history in bulk SQL (two postings per entry), through the same triggers as live postings. */
    private void seedHistory(AccountId subject, AccountId other, long postings) {
        long entries = postings;
        long batch = 50_000;
        for (long done = 0; done < entries; done += batch) {
            long n = Math.min(batch, entries - done);
            String sql = """
                    WITH e AS (
                      INSERT INTO journal_entry (id, kind, reference, posted_at)
                      SELECT gen_random_uuid(), 'TRANSFER', 'history-' || g, now() - interval '400 days' + g * interval '1 second'
                        FROM generate_series(1, %d) g RETURNING id, posted_at)
                    INSERT INTO posting (entry_id, account_id, amount, currency, kind, posted_at)
                    SELECT id, a, amt, 'CNY', 'TRANSFER', posted_at FROM e
                      CROSS JOIN LATERAL (VALUES ('%s', 1::bigint), ('%s', -1::bigint)) v(a, amt)
                    """.formatted(n, subject.value(), other.value());
            LedgerLoad.await(() -> Panache.withTransaction(() ->
                    Panache.getSession().flatMap(s -> s.createNativeQuery(sql).executeUpdate())));
        }
    }

    private Histogram statementPages(AccountId wallet, int n) {
        var histogram = new Histogram(3);
        var random = new java.util.Random(42);
        for (int i = 0; i < n; i++) {
            var before = Instant.now().minus(Duration.ofSeconds(random.nextInt(30_000_000)));
            var query = new WalletStore.StatementQuery(
                    wallet, Instant.EPOCH, Instant.now(), null, before, Long.MAX_VALUE, 50);
            long t0 = System.nanoTime();
            LedgerLoad.await(() -> Panache.withSession(() -> wallets.statement(query)));
            histogram.recordValue((System.nanoTime() - t0) / 1_000);
        }
        return histogram;
    }
}

package io.payguard.wallet.load;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import io.payguard.kernel.Money;
import io.payguard.wallet.application.AccountLayout;
import io.payguard.wallet.application.LedgerService;
import io.payguard.wallet.application.port.LedgerStore;
import io.payguard.wallet.application.port.WalletStore;
import io.payguard.wallet.domain.Account;
import io.payguard.wallet.domain.AccountId;
import io.payguard.wallet.domain.AccountType;
import io.payguard.wallet.domain.EntryKind;
import io.payguard.wallet.domain.LedgerCommand;
import io.payguard.wallet.domain.Outcome;
import io.payguard.wallet.domain.OutflowUsage;
import io.payguard.wallet.domain.WalletClass;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * Drives the service layer ({@link LedgerService} in a Panache transaction, as the REST and Kafka adapters do)
 * from many concurrent clients. Each client runs on its own duplicated Vert.x context, so each has its own
 * session and connection, like concurrent requests.
 */
@jakarta.enterprise.context.ApplicationScoped
public class LedgerLoad {

    public static final Currency CNY = Currency.getInstance("CNY");

    public record Result(long transfers, long refused, long failed, double seconds, Histogram latency) {
        public double perSecond() {
            return transfers / seconds;
        }
    }

    private final Vertx vertx;
    private final LedgerService ledger;
    private final LedgerStore store;
    private final AccountLayout layout;

    public LedgerLoad(Vertx vertx, LedgerService ledger, LedgerStore store, AccountLayout layout) {
        this.vertx = vertx;
        this.ledger = ledger;
        this.store = store;
        this.layout = layout;
    }

    public LedgerService ledger() {
        return ledger;
    }

    public static <T> T await(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (Throwable e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }

    /** Opens {@code n} class III wallets, each topped up with {@code each} fen. */
    public List<AccountId> fundedWallets(int n, long each) {
        await(() -> ledger.ensureAccounts(CNY, "hot-merchant"));
        var ids = new ArrayList<AccountId>();
        for (int i = 0; i < n; i++) {
            var id = new AccountId("w-" + UUID.randomUUID());
            ids.add(id);
            var account = Account.open(
                    id,
                    AccountType.CUSTOMER_WALLET,
                    "load-" + id,
                    CNY,
                    WalletClass.CLASS_III,
                    OutflowUsage.none(LocalDate.now()));
            String ref = "seed-" + id;
            await(() -> Panache.withTransaction(() -> store.ensure(List.of(account), Instant.now())
                    .flatMap(x -> ledger.execute(
                            new LedgerCommand.TopUp(id, layout.funding(CNY, ref), new Money(each, CNY), ref)))));
        }
        return ids;
    }

    public long balance(AccountId id) {
        return await(() -> Panache.withSession(() -> store.find(id)))
                .orElseThrow()
                .balance();
    }

    /**
     * {@code clients} clients each send transfers between random pairs of {@code hot} wallets (both directions,
     * so lock order matters) and, one time in {@code merchantEvery}, a payment to one hot merchant.
     */
    public Result transfers(List<AccountId> hot, int clients, Duration duration, int merchantEvery) {
        var recorder = new Recorder(3);
        var done = new LongAdder();
        var refused = new LongAdder();
        var failed = new LongAdder();
        long end = System.nanoTime() + duration.toNanos();
        long start = System.nanoTime();
        var futures = new ArrayList<CompletableFuture<Void>>();
        for (int c = 0; c < clients; c++) {
            var future = new CompletableFuture<Void>();
            futures.add(future);
            var context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
            // Hibernate Reactive only opens sessions on contexts marked safe (isolated), as Quarkus does per request.
            io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle.setContextSafe(context, true);
            context.runOnContext(v -> loop(hot, merchantEvery, end, recorder, done, refused, failed, future));
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(done.sum(), refused.sum(), failed.sum(), seconds, recorder.getIntervalHistogram());
    }

    private void loop(
            List<AccountId> hot,
            int merchantEvery,
            long end,
            Recorder recorder,
            LongAdder done,
            LongAdder refused,
            LongAdder failed,
            CompletableFuture<Void> finished) {
        if (System.nanoTime() >= end) {
            finished.complete(null);
            return;
        }
        var random = ThreadLocalRandom.current();
        var from = hot.get(random.nextInt(hot.size()));
        String ref = "load-" + UUID.randomUUID();
        LedgerCommand command;
        if (merchantEvery > 0 && random.nextInt(merchantEvery) == 0) {
            command = new LedgerCommand.Transfer(
                    EntryKind.MERCHANT_PAYMENT,
                    from,
                    layout.merchantBucket("hot-merchant", CNY, ref),
                    new Money(1 + random.nextInt(50), CNY),
                    ref);
        } else {
            var to = hot.get(random.nextInt(hot.size()));
            if (to.equals(from)) {
                to = hot.get((hot.indexOf(from) + 1) % hot.size());
            }
            command = new LedgerCommand.Transfer(
                    EntryKind.TRANSFER, from, to, new Money(1 + random.nextInt(1_000), CNY), ref);
        }
        long t0 = System.nanoTime();
        Panache.withTransaction(() -> ledger.execute(command))
                .subscribe()
                .with(
                        outcome -> {
                            recorder.recordValue((System.nanoTime() - t0) / 1_000);
                            if (outcome instanceof Outcome.Posted) {
                                done.increment();
                            } else {
                                refused.increment();
                            }
                            next(hot, merchantEvery, end, recorder, done, refused, failed, finished);
                        },
                        failure -> {
                            if (failed.sum() < 5) {
                                System.out.printf("[wallet-load] transaction failed: %s%n", failure);
                            }
                            failed.increment();
                            next(hot, merchantEvery, end, recorder, done, refused, failed, finished);
                        });
    }

    /** The next iteration as a new task on the same context: no recursion, whatever completes synchronously. */
    private void next(
            List<AccountId> hot,
            int merchantEvery,
            long end,
            Recorder recorder,
            LongAdder done,
            LongAdder refused,
            LongAdder failed,
            CompletableFuture<Void> finished) {
        io.vertx.core.Vertx.currentContext()
                .runOnContext(v -> loop(hot, merchantEvery, end, recorder, done, refused, failed, finished));
    }

    /** Balance reads through the wallet read path, {@code n} times, latency in microseconds. */
    public Histogram balanceReads(WalletStore wallets, String owner, AccountId wallet, int n) {
        var histogram = new Histogram(3);
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            await(() -> Panache.withSession(() -> wallets.owned(owner, wallet)));
            histogram.recordValue((System.nanoTime() - t0) / 1_000);
        }
        return histogram;
    }
}

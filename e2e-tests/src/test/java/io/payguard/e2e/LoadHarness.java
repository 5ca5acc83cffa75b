package io.payguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The whole-suite load run shared by {@link WalletPaymentLoadBenchmark} and {@link CardPaymentLoadBenchmark}: setup
 * (fresh payers and merchants), a warm-up, {@code load.runs} closed-loop peaks with the CPU each component spent per
 * payment, an open loop at {@code load.pace} of the median peak, an open-loop rate sweep up to the latency knee, the
 * table sizes, and pgbench TPC-B on the same PostgreSQL. Progress every 10 s. Fails if any request was refused or
 * failed, or any payment did not succeed ({@link LoadFailures}).
 */
final class LoadHarness {

    private static final int PROGRESS_SECONDS = 10;

    /** What a phase did: payments that succeeded (at their answer or while the phase settled) and latencies. */
    record Phase(
            String name,
            double offered,
            long attempts,
            long succeeded,
            long settled,
            double seconds,
            Histogram create,
            Histogram total) {
        double rate() {
            return succeeded / seconds;
        }

        double p99Ms() {
            return total.getValueAtPercentile(99) / 1000.0;
        }
    }

    private record Pending(String id, int merchant) {}

    private final LoadSettings s;
    private final PaymentWorkload work;
    private final LoadFailures failures = new LoadFailures();
    private final StackCpu cpu = StackCpu.fromStackEnv();
    private long loggedInAt = Long.MIN_VALUE;

    LoadHarness(PaymentWorkload.Method method) {
        this.s = LoadSettings.fromSystemProperties();
        this.work = new PaymentWorkload(method, s);
    }

    void run() throws Exception {
        System.out.println("[load] " + s);
        long profileRate = checkLoadProfile();
        work.setUp();
        fresh(s.seconds());
        long merchantLimit = work.merchantRateLimit();
        assertThat(merchantLimit)
                .as(
                        "payment-service's per-caller rate limit (RateLimit-Limit) must be the load profile's (2 x %d):"
                                + " restart the stack with PAYGUARD_LOAD_PROFILE=1",
                        profileRate)
                .isGreaterThanOrEqualTo(2 * profileRate);
        print("tables before", StackDatabase.tableSizes(3));
        warmUp();
        var peaks = peaks();
        double median = median(peaks.stream().map(Phase::rate).toList());
        paced(median);
        String knee = sweep();
        print("tables after", StackDatabase.tableSizes(6));
        pgbench(median);
        report(knee);
    }

    /** The stack must run the load profile ({@code PAYGUARD_LOAD_PROFILE=1 ./dev up}); returns its rate per service. */
    private long checkLoadProfile() {
        long rate;
        try {
            rate = Long.parseLong(Stack.get("LOAD_PROFILE_MAX_RATE"));
        } catch (IllegalStateException missing) {
            throw new AssertionError(
                    "the stack does not run the load profile: start it with PAYGUARD_LOAD_PROFILE=1 ./dev up"
                            + " (e2e-tests/README.md, Benchmarks); the product's rate limits would cap the run silently",
                    missing);
        }
        // the payment service takes two requests per payment (create, confirm) from the one address of this generator
        if (s.sweeps() && 2L * s.sweepMax() > rate) {
            throw new IllegalArgumentException("load.sweep.max " + s.sweepMax() + " needs PAYGUARD_LOAD_MAX_RATE >= "
                    + 2 * s.sweepMax() + " (the stack runs " + rate + ")");
        }
        return rate;
    }

    private void warmUp() throws Exception {
        for (int left = s.warmup(); left > 0; left -= LoadSettings.TOKEN_ROUND) {
            closedLoop("warm-up", Math.min(LoadSettings.TOKEN_ROUND, left));
        }
        System.out.printf("[load] warm-up %d s done%n", s.warmup());
    }

    /** The closed-loop peaks, each with the CPU per payment; then their median and spread. */
    private List<Phase> peaks() throws Exception {
        var phases = new ArrayList<Phase>();
        var suiteCpu = new ArrayList<Double>();
        var generatorCpu = new ArrayList<Double>();
        boolean statements = StackDatabase.resetStatements();
        long succeeded = 0;
        for (int r = 1; r <= s.runs(); r++) {
            Map<String, Double> before = cpu.available() ? cpu.snapshot() : Map.of();
            var peak = closedLoop("peak " + r, s.seconds());
            Map<String, Double> after = cpu.available() ? cpu.snapshot() : Map.of();
            phases.add(peak);
            succeeded += peak.succeeded();
            line(peak);
            if (before.isEmpty()) {
                System.out.println("[load] cpu  not measured: no /proc or no pid files next to stack.env");
                continue;
            }
            var spent = StackCpu.spent(before, after);
            for (String l : StackCpu.report(spent, peak.succeeded(), peak.seconds())) {
                System.out.println("[load] cpu  " + l);
            }
            double gen = spent.stream()
                    .filter(e -> e.getKey().equals(StackCpu.GENERATOR))
                    .mapToDouble(Map.Entry::getValue)
                    .sum();
            suiteCpu.add(perPayment(StackCpu.suite(spent), peak));
            generatorCpu.add(perPayment(gen, peak));
        }
        System.out.printf(
                "[load] PEAK %s, closed loop, %d clients, %d runs of %d s: %s%n",
                work.method.unit,
                s.clients(),
                s.runs(),
                s.seconds(),
                spread(phases.stream().map(Phase::rate).toList(), "/s"));
        if (!suiteCpu.isEmpty()) {
            System.out.printf("[load] CPU per payment, suite without the generator: %s%n", spread(suiteCpu, " ms"));
            System.out.printf("[load] CPU per payment, the generator alone:         %s%n", spread(generatorCpu, " ms"));
        }
        if (statements) {
            print(
                    "PostgreSQL per payment over the peaks (pg_stat_statements; background work included)",
                    StackDatabase.statementsPerPayment(succeeded, 8));
        }
        return phases;
    }

    private static double perPayment(double cpuSeconds, Phase p) {
        return p.succeeded() == 0 ? Double.NaN : 1000 * cpuSeconds / p.succeeded();
    }

    private void paced(double peak) throws Exception {
        double rate = Math.max(1, peak * s.pace());
        var paced = openLoop("paced", rate, s.seconds());
        line(paced);
    }

    /** Open loop at sweep.start, +sweep.step, ... until the knee; returns the name of the knee's phase (or null). */
    private String sweep() throws Exception {
        if (!s.sweeps()) {
            System.out.println("[load] sweep left out (load.sweep.max < load.sweep.start)");
            return null;
        }
        String lastUnder = "none";
        for (int rate = s.sweepStart(); rate <= s.sweepMax(); rate += s.sweepStep()) {
            var step = openLoop("sweep " + rate + "/s", rate, s.sweepSeconds());
            line(step);
            long failed = failures.of(step.name());
            String why = step.p99Ms() > s.kneeP99Ms()
                    ? "create+confirm p99 %.1f ms > %.0f ms".formatted(step.p99Ms(), s.kneeP99Ms())
                    : step.rate() < 0.95 * rate
                            ? "achieved %.1f/s < 95%% of %d/s".formatted(step.rate(), rate)
                            : failed > 0 ? failed + " failures" : null;
            if (why != null) {
                System.out.printf(
                        "[load] KNEE at %d/s offered (%s); the highest rate under it: %s%n", rate, why, lastUnder);
                return step.name();
            }
            lastUnder = "%d/s (create+confirm p99 %.1f ms)".formatted(rate, step.p99Ms());
        }
        System.out.printf("[load] no knee up to load.sweep.max %d/s; the highest rate: %s%n", s.sweepMax(), lastUnder);
        return null;
    }

    private void pgbench(double medianPeak) throws Exception {
        if (s.pgbenchSeconds() <= 0) {
            System.out.println("[load] pgbench left out (load.pgbench.seconds=0): no payments/s : TPC-B ratio");
            return;
        }
        double tps = StackDatabase.pgbenchTpcB(s.pgbench(), s.pgbenchScale(), s.pgbenchClients(), s.pgbenchSeconds());
        System.out.printf(
                "[load] pgbench TPC-B on the suite's PostgreSQL (scale %d, %d clients, -M prepared, %d s): %.0f tps%n",
                s.pgbenchScale(), s.pgbenchClients(), s.pgbenchSeconds(), tps);
        System.out.printf(
                "[load] RATIO %s/s : TPC-B tps = %.1f : %.0f = 1 : %.1f%n",
                work.method.unit, medianPeak, tps, medianPeak == 0 ? Double.NaN : tps / medianPeak);
    }

    private void report(String knee) {
        var lines = failures.lines();
        System.out.printf("[load] failures: %d kinds%n", lines.size());
        lines.forEach(l -> System.out.println("[load] failure  " + l));
        if (knee != null && failures.onlyShed(knee)) {
            System.out.println("[load] (the load shedding of the step past the knee, " + knee + ", is expected there)");
        }
        assertThat(failures.failing(knee))
                .as("every request of the run must succeed and every payment end succeeded (failures above)")
                .isZero();
    }

    // ------------------------------------------------------------------------------------------------ phases

    /** Logs in afresh unless the tokens outlive a phase of {@code seconds} and its settling. */
    private void fresh(int seconds) throws Exception {
        long needed = TimeUnit.SECONDS.toNanos(seconds + s.settle() + 30L);
        if (loggedInAt == Long.MIN_VALUE || System.nanoTime() - loggedInAt + needed > TimeUnit.SECONDS.toNanos(290)) {
            work.login();
            loggedInAt = System.nanoTime();
        }
    }

    private Phase closedLoop(String name, int seconds) throws Exception {
        fresh(seconds);
        var create = new ConcurrentHistogram(3);
        var total = new ConcurrentHistogram(3);
        var succeeded = new AtomicLong();
        var attempts = new AtomicLong();
        List<Pending> pending = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        try (var progress = progress(name, succeeded);
                var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < s.clients(); c++) {
                int client = c;
                clients.add(pool.submit(() -> {
                    for (long k = 0; System.nanoTime() < end; k++) {
                        attempts.incrementAndGet();
                        var a = work.pay(client + k * s.clients(), System.nanoTime(), create, total, failures, name);
                        count(a, succeeded, pending);
                    }
                    return null;
                }));
            }
            for (var f : clients) {
                f.get();
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long settled = settle(name, pending);
        return new Phase(name, Double.NaN, attempts.get(), succeeded.get() + settled, settled, elapsed, create, total);
    }

    /** Arrivals on a fixed schedule; latencies from the scheduled start (no coordinated omission). */
    private Phase openLoop(String name, double rate, int seconds) throws Exception {
        fresh(seconds);
        var create = new ConcurrentHistogram(3);
        var total = new ConcurrentHistogram(3);
        var succeeded = new AtomicLong();
        List<Pending> pending = Collections.synchronizedList(new ArrayList<>());
        long interval = (long) (1e9 / rate);
        long n = (long) (rate * seconds);
        long start = System.nanoTime();
        try (var progress = progress(name, succeeded);
                var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long i = 0; i < n; i++) {
                long scheduled = start + i * interval;
                long wait = scheduled - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                long attempt = i;
                pool.submit(
                        () -> count(work.pay(attempt, scheduled, create, total, failures, name), succeeded, pending));
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long settled = settle(name, pending);
        return new Phase(name, rate, n, succeeded.get() + settled, settled, elapsed, create, total);
    }

    private static void count(PaymentWorkload.Attempt a, AtomicLong succeeded, List<Pending> pending) {
        if (a.succeeded()) {
            succeeded.incrementAndGet();
        } else if (a.pendingId() != null) {
            pending.add(new Pending(a.pendingId(), a.merchant()));
        }
    }

    /**
     * Payments still on their way when their confirm answered: how many succeeded within {@code load.settle} seconds;
     * each that failed, or had no final status by then, is a failure of the phase.
     */
    private long settle(String phase, List<Pending> pending) {
        var left = new ArrayList<>(pending);
        var last = new java.util.HashMap<Pending, String[]>();
        long[] succeeded = {0};
        try {
            Awaitility.await()
                    .atMost(Duration.ofSeconds(s.settle()))
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        left.removeIf(p -> {
                            String[] st = work.status(p.id(), p.merchant(), failures, phase);
                            last.put(p, st);
                            if (st == null || st[0].equals("succeeded")) {
                                succeeded[0] += st == null ? 0 : 1;
                                return true; // a failed read is counted as a failure there
                            }
                            if (st[0].equals("failed") || st[0].equals("canceled")) {
                                failures.outcome(phase, st[0], st[1]);
                                return true;
                            }
                            return false;
                        });
                        return left.isEmpty();
                    });
        } catch (ConditionTimeoutException stillOnTheirWay) {
            for (var p : left) {
                String[] st = last.get(p);
                failures.outcome(
                        phase, "still " + (st == null ? "unknown" : st[0]) + " after " + s.settle() + " s", "");
            }
        }
        return succeeded[0];
    }

    // ----------------------------------------------------------------------------------------------- output

    /** Prints the phase's progress every 10 s until closed. */
    private AutoCloseable progress(String phase, AtomicLong succeeded) {
        var timer = Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().daemon().unstarted(r));
        long start = System.nanoTime();
        long[] previous = {0};
        timer.scheduleAtFixedRate(
                () -> {
                    long now = succeeded.get();
                    System.out.printf(
                            "[load] %-14s %4.0f s: %d succeeded, %.1f/s in the last %d s, %d failures%n",
                            phase,
                            (System.nanoTime() - start) / 1e9,
                            now,
                            (now - previous[0]) / (double) PROGRESS_SECONDS,
                            PROGRESS_SECONDS,
                            failures.of(phase));
                    previous[0] = now;
                },
                PROGRESS_SECONDS,
                PROGRESS_SECONDS,
                TimeUnit.SECONDS);
        return timer::shutdownNow;
    }

    private void line(Phase p) {
        System.out.printf(
                "[load] %s%s, %.1f s: %d %s succeeded (%.1f/s; %d of them settled after their answer), %d attempts,"
                        + " %d failures; create p50 %s p99 %s; create+confirm p50 %s p99 %s%n",
                p.name(),
                Double.isNaN(p.offered()) ? " (closed loop, " + s.clients() + " clients)" : " (open loop)",
                p.seconds(),
                p.succeeded(),
                work.method.unit,
                p.rate(),
                p.settled(),
                p.attempts(),
                failures.of(p.name()),
                ms(p.create(), 50),
                ms(p.create(), 99),
                ms(p.total(), 50),
                ms(p.total(), 99));
    }

    private static void print(String title, List<String> lines) {
        System.out.println("[load] " + title);
        lines.forEach(l -> System.out.println("[load]   " + l));
    }

    private static String ms(Histogram h, double percentile) {
        return String.format("%.1f ms", h.getValueAtPercentile(percentile) / 1000.0);
    }

    static double median(List<Double> values) {
        var sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** "a, b, c; median m, spread min-max (±x % of the median)". */
    static String spread(List<Double> values, String unit) {
        double median = median(values);
        double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        var each = values.stream().map(v -> "%.1f".formatted(v)).toList();
        return "%s%s; median %.1f%s, spread %.1f-%.1f (±%.1f %% of the median)"
                .formatted(String.join(", ", each), unit, median, unit, min, max, 50 * (max - min) / median);
    }
}

package io.payguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A load run against the whole running suite (not part of the default build: tagged benchmark, run with -Pbenchmark). Merchants
 * create wallet payments and customers confirm them with DPoP-bound tokens; each confirm runs the saga over
 * Kafka (hold, automatic capture) and is counted when the intent has succeeded within the confirm wait.
 * <pre>./mvnw verify -pl e2e-tests -De2e.external-stack -De2e.home=$PWD/.dev -Pbenchmark -Dload.seconds=20 -Dload.clients=16</pre>
 * Also: {@code -Dload.warmup=300} (seconds; the JIT of six JVMs on two cores needs about five minutes to settle), {@code -Dload.pace=0.7} (open-loop rate as a fraction of the measured peak),
 * {@code -Dload.payers=16} (distinct paying customers, created in the local Keycloak; default one per client; 2 = the demo users alice and bob).
 */
@Tag("benchmark")
class WalletPaymentLoadBenchmark {

    private final Http http = new Http();

    private Http.Response send(String method, String url, Map<String, String> headers, Object body) {
        return http.send(method, url, headers, body);
    }

    private static Map<String, String> with(Map<String, String> h, String k, String v) {
        var m = new HashMap<>(h);
        m.put(k, v);
        return m;
    }

    private record Payer(Keycloak.DpopSession session, String subject) {}

    private Payer payer(String user) throws Exception {
        var s = Keycloak.customerSession(user);
        String me = Stack.serviceUrl("wallet") + "/v1/me";
        String subject = send("GET", me, s.headers("GET", me), null)
                .json()
                .get("subject")
                .asText();
        String wallets = Stack.serviceUrl("wallet") + "/v1/wallets";
        var opened = send(
                "POST",
                wallets,
                with(
                        s.headers("POST", wallets),
                        "Idempotency-Key",
                        UUID.randomUUID().toString()),
                Map.of("currency", "CNY"));
        String walletId = opened.status() < 300
                ? opened.json().get("id").asText()
                : send("GET", wallets, s.headers("GET", wallets), null)
                        .json()
                        .get(0)
                        .get("id")
                        .asText();
        new Funding().topUp(s, walletId, 5_000, "CNY");
        return new Payer(s, subject);
    }

    /** What one payment attempt ended as. */
    private enum Result {
        SUCCEEDED,
        PROCESSING,
        FAILED
    }

    private record Attempt(Result result, String id) {}

    /** Creates (merchant) and confirms (customer, DPoP) one wallet payment; records the two latencies from {@code t0}. */
    private Attempt pay(Payer payer, String merchant, String intents, long t0, Histogram create, Histogram accepted) {
        try {
            var created = send(
                    "POST",
                    intents,
                    Map.of(
                            "Authorization",
                            merchant,
                            "Idempotency-Key",
                            UUID.randomUUID().toString()),
                    Map.of(
                            "amount",
                            1,
                            "currency",
                            "CNY",
                            "customer",
                            payer.subject(),
                            "payment_method_type",
                            "wallet",
                            "capture_method",
                            "automatic"));
            create.recordValue((System.nanoTime() - t0) / 1000);
            if (created.status() >= 300) {
                return new Attempt(Result.FAILED, null);
            }
            String id = created.json().get("id").asText();
            String url = intents + "/" + id + "/confirm";
            var confirmed = send(
                    "POST",
                    url,
                    with(
                            payer.session().headers("POST", url),
                            "Idempotency-Key",
                            UUID.randomUUID().toString()),
                    Map.of("payment_method_type", "wallet"));
            accepted.recordValue((System.nanoTime() - t0) / 1000);
            String status =
                    confirmed.status() < 300 ? confirmed.json().path("status").asText() : "error " + confirmed.status();
            return switch (status) {
                case "succeeded" -> new Attempt(Result.SUCCEEDED, id);
                case "processing", "requires_capture" -> new Attempt(Result.PROCESSING, id);
                default -> new Attempt(Result.FAILED, id);
            };
        } catch (RuntimeException e) {
            return new Attempt(Result.FAILED, null);
        }
    }

    /** Payments still processing when their confirm answered: how many had succeeded within 5 s more. */
    private long sweep(List<String> ids, String merchant, String intents) {
        var pending = new java.util.HashSet<>(ids);
        try {
            org.awaitility.Awaitility.await()
                    .atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        pending.removeIf(id -> {
                            var r = send("GET", intents + "/" + id, Map.of("Authorization", merchant), null);
                            return r.status() == 200
                                    && "succeeded"
                                            .equals(r.json().path("status").asText());
                        });
                        return pending.isEmpty();
                    });
        } catch (org.awaitility.core.ConditionTimeoutException stillProcessing) {
            // counted below: what has not succeeded by the deadline stays pending
        }
        return ids.size() - pending.size();
    }

    private static String ms(Histogram h, double percentile) {
        return String.format("%.1f ms", h.getValueAtPercentile(percentile) / 1000.0);
    }

    /**
     * Three phases: a warm-up; the peak (closed loop: {@code load.clients} clients pay back to back), with the CPU
     * each component of the suite spent per payment; then an open loop at {@code load.pace} (0.7) of that peak,
     * arrivals on a fixed schedule and latencies measured from the scheduled start (no coordinated omission).
     */
    @Test
    void walletPaymentsPerSecond() throws Exception {
        int seconds = Integer.getInteger("load.seconds", 20);
        if (seconds > TOKEN_ROUND) {
            throw new IllegalArgumentException(
                    "load.seconds is at most " + TOKEN_ROUND + ": a phase runs on one set of access tokens (300 s)");
        }
        // six JVMs sharing two cores: their JIT needs about five minutes of load to settle (measured: 66/s after 2 min,
        // 87-90/s after 5-6 min, same code)
        int warmup = Integer.getInteger("load.warmup", 300);
        int clients = Integer.getInteger("load.clients", 16);
        double pace = Double.parseDouble(System.getProperty("load.pace", "0.7"));
        // distinct customers, as on a real platform (each wallet's ledger row serialises its own payments):
        // load.payers (default: one per client); 2 is the hot-wallet worst case of the demo users alice and bob
        int payerCount = Integer.getInteger("load.payers", clients);
        List<String> users = new ArrayList<>();
        for (int i = 0; i < payerCount; i++) {
            String user = payerCount <= 2 ? List.of("alice", "bob").get(i) : "load-customer-%02d".formatted(i + 1);
            if (payerCount > 2) {
                Keycloak.ensureCustomer(user);
            }
            users.add(user);
        }
        System.out.printf("[load] %d clients, %d customers%n", clients, users.size());
        String intents = Stack.serviceUrl("payment") + "/v1/payment_intents";
        var cpu = StackCpu.fromStackEnv();

        // access tokens live 300 s (the realm's accessTokenLifespan): every phase logs in afresh, the warm-up in rounds
        for (int left = warmup; left > 0; left -= TOKEN_ROUND) {
            var auth = login(users);
            closedLoop(auth.payers(), auth.merchant(), intents, clients, Math.min(TOKEN_ROUND, left));
        }
        System.out.printf("[load] warm-up %d s done%n", warmup);

        var auth = login(users);
        List<Payer> payers = auth.payers();
        String merchant = auth.merchant();
        Map<String, Double> before = cpu.available() ? cpu.snapshot() : Map.of();
        var peak = closedLoop(payers, merchant, intents, clients, seconds);
        Map<String, Double> after = cpu.available() ? cpu.snapshot() : Map.of();
        long late = sweep(peak.processing(), merchant, intents);
        double peakRate = peak.succeeded() / peak.seconds();
        System.out.printf(
                "[load] peak, closed loop, %d clients, %.1f s: %d succeeded within the confirm wait (%.1f/s); %d still processing at their"
                        + " answer (%d of them succeeded within 5 s more); %d failed%n",
                clients,
                peak.seconds(),
                peak.succeeded(),
                peakRate,
                peak.processing().size(),
                late,
                peak.failed());
        System.out.printf(
                "[load] peak: create p50 %s p99 %s; create+confirm answered p50 %s p99 %s (the confirm includes hold + capture over Kafka)%n",
                ms(peak.create(), 50), ms(peak.create(), 99), ms(peak.accepted(), 50), ms(peak.accepted(), 99));
        if (!before.isEmpty()) {
            for (String line : StackCpu.report(before, after, peak.succeeded(), peak.seconds())) {
                System.out.println("[load] cpu  " + line);
            }
        } else {
            System.out.println("[load] cpu  not measured: no /proc or no pid files next to stack.env");
        }

        double rate = Math.max(1, peakRate * pace);
        var fresh = login(users);
        var paced = openLoop(fresh.payers(), fresh.merchant(), intents, rate, seconds);
        System.out.printf(
                "[load] paced, open loop at %.1f/s (%.0f%% of peak), %.1f s: %d succeeded (%.1f/s), %d still processing at their answer,"
                        + " %d failed%n",
                rate,
                pace * 100,
                paced.seconds(),
                paced.succeeded(),
                paced.succeeded() / paced.seconds(),
                paced.processing().size(),
                paced.failed());
        System.out.printf(
                "[load] paced: created (accepted) p50 %s p99 %s; create+confirm answered p50 %s p99 %s%n",
                ms(paced.create(), 50), ms(paced.create(), 99), ms(paced.accepted(), 50), ms(paced.accepted(), 99));
        assertThat(peak.succeeded()).as("some payments must complete").isPositive();
    }

    /** The longest phase on one set of tokens (they live 300 s; the sweep after a phase needs the merchant's too). */
    private static final int TOKEN_ROUND = 240;

    private record Auth(List<Payer> payers, String merchant) {}

    /** Fresh customer sessions (DPoP) and a fresh merchant token. */
    private Auth login(List<String> users) throws Exception {
        List<Payer> payers = new ArrayList<>();
        for (String user : users) {
            payers.add(payer(user));
        }
        return new Auth(
                payers,
                "Bearer " + Keycloak.clientCredentials("demo-merchant-a", Stack.get("PAYGUARD_MERCHANT_A_SECRET")));
    }

    private record Phase(
            long succeeded,
            List<String> processing,
            long failed,
            double seconds,
            Histogram create,
            Histogram accepted) {}

    private Phase closedLoop(List<Payer> payers, String merchant, String intents, int clients, int seconds)
            throws Exception {
        var create = new ConcurrentHistogram(3);
        var accepted = new ConcurrentHistogram(3);
        var succeeded = new AtomicLong();
        var failed = new AtomicLong();
        List<String> processing = java.util.Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        long end = start + Duration.ofSeconds(seconds).toNanos();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<java.util.concurrent.Future<?>> running = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                Payer payer = payers.get(c % payers.size());
                running.add(pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        var a = pay(payer, merchant, intents, System.nanoTime(), create, accepted);
                        count(a, succeeded, processing, failed);
                    }
                    return null;
                }));
            }
            for (var f : running) {
                f.get();
            }
        }
        return new Phase(
                succeeded.get(), processing, failed.get(), (System.nanoTime() - start) / 1e9, create, accepted);
    }

    private Phase openLoop(List<Payer> payers, String merchant, String intents, double rate, int seconds)
            throws Exception {
        var create = new ConcurrentHistogram(3);
        var accepted = new ConcurrentHistogram(3);
        var succeeded = new AtomicLong();
        var failed = new AtomicLong();
        List<String> processing = java.util.Collections.synchronizedList(new ArrayList<>());
        long interval = (long) (1e9 / rate);
        long start = System.nanoTime();
        long n = (long) (rate * seconds);
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long i = 0; i < n; i++) {
                long scheduled = start + i * interval;
                long wait = scheduled - System.nanoTime();
                if (wait > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
                Payer payer = payers.get((int) (i % payers.size()));
                pool.submit(() -> count(
                        pay(payer, merchant, intents, scheduled, create, accepted), succeeded, processing, failed));
            }
        }
        return new Phase(
                succeeded.get(), processing, failed.get(), (System.nanoTime() - start) / 1e9, create, accepted);
    }

    private static void count(Attempt a, AtomicLong succeeded, List<String> processing, AtomicLong failed) {
        switch (a.result()) {
            case SUCCEEDED -> succeeded.incrementAndGet();
            case PROCESSING -> processing.add(a.id());
            case FAILED -> failed.incrementAndGet();
        }
    }
}

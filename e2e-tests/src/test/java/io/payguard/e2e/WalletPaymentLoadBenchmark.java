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
import org.junit.jupiter.api.Test;

/**
 * A load run against the whole running suite (not part of the default build: its name is not *IT). Merchants
 * create wallet payments and customers confirm them with DPoP-bound tokens; each confirm runs the saga over
 * Kafka (hold, automatic capture) and is counted when the intent has succeeded within the confirm wait.
 * <pre>./mvnw verify -pl e2e-tests -De2e.external-stack -De2e.home=$PWD/.dev -Dit.test=WalletPaymentLoadBenchmark -Dload.seconds=20 -Dload.clients=16</pre>
 */
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

    private record Payer(Keycloak.DpopSession session, String subject) {
    }

    private Payer payer(String user) throws Exception {
        var s = Keycloak.customerSession(user);
        String me = Stack.serviceUrl("wallet") + "/v1/me";
        String subject = send("GET", me, s.headers("GET", me), null).json().get("subject").asText();
        String wallets = Stack.serviceUrl("wallet") + "/v1/wallets";
        var opened = send("POST", wallets, with(s.headers("POST", wallets), "Idempotency-Key", UUID.randomUUID().toString()), Map.of("currency", "CNY"));
        String walletId = opened.status() < 300 ? opened.json().get("id").asText()
                : send("GET", wallets, s.headers("GET", wallets), null).json().get(0).get("id").asText();
        String topUps = wallets + "/" + walletId + "/top-ups";
        send("POST", topUps, with(s.headers("POST", topUps), "Idempotency-Key", UUID.randomUUID().toString()),
                Map.of("amount", Map.of("minor", 5_000, "currency", "CNY"), "fundingSource", "tok_load_bank_card"));
        return new Payer(s, subject);
    }

    @Test
    void walletPaymentsPerSecond() throws Exception {
        int seconds = Integer.getInteger("load.seconds", 20);
        int clients = Integer.getInteger("load.clients", 16);
        List<Payer> payers = List.of(payer("alice"), payer("bob"));
        String merchant = "Bearer " + Keycloak.clientCredentials("demo-merchant-a", Stack.get("PAYGUARD_MERCHANT_A_SECRET"));
        String intents = Stack.serviceUrl("payment") + "/v1/payment_intents";
        var create = new ConcurrentHistogram(3);
        var confirm = new ConcurrentHistogram(3);
        var succeeded = new AtomicLong();
        var notYet = new AtomicLong();
        var failed = new AtomicLong();
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        long start = System.nanoTime();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<java.util.concurrent.Future<?>> running = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                Payer payer = payers.get(c % payers.size());
                running.add(pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        try {
                            long t0 = System.nanoTime();
                            var created = send("POST", intents, Map.of("Authorization", merchant, "Idempotency-Key", UUID.randomUUID().toString()),
                                    Map.of("amount", 1, "currency", "CNY", "customer", payer.subject(), "payment_method_type", "wallet",
                                            "capture_method", "automatic"));
                            long t1 = System.nanoTime();
                            create.recordValue((t1 - t0) / 1000);
                            if (created.status() >= 300) {
                                failed.incrementAndGet();
                                continue;
                            }
                            String url = intents + "/" + created.json().get("id").asText() + "/confirm";
                            var confirmed = send("POST", url, with(payer.session().headers("POST", url), "Idempotency-Key", UUID.randomUUID().toString()),
                                    Map.of("payment_method_type", "wallet"));
                            confirm.recordValue((System.nanoTime() - t1) / 1000);
                            String status = confirmed.status() < 300 ? confirmed.json().path("status").asText() : "error " + confirmed.status();
                            if ("succeeded".equals(status)) {
                                succeeded.incrementAndGet();
                            } else if ("processing".equals(status) || "requires_capture".equals(status)) {
                                notYet.incrementAndGet();
                            } else {
                                failed.incrementAndGet();
                            }
                        } catch (Exception e) {
                            failed.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (var f : running) {
                f.get();
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        System.out.printf("[load] %d clients, %.1f s: %d succeeded within the confirm wait (%.1f/s), %d still processing, %d failed%n",
                clients, elapsed, succeeded.get(), succeeded.get() / elapsed, notYet.get(), failed.get());
        System.out.printf("[load] create  p50 %.1f ms  p99 %.1f ms%n", create.getValueAtPercentile(50) / 1000.0, create.getValueAtPercentile(99) / 1000.0);
        System.out.printf("[load] confirm p50 %.1f ms  p99 %.1f ms (includes hold + capture over Kafka)%n",
                confirm.getValueAtPercentile(50) / 1000.0, confirm.getValueAtPercentile(99) / 1000.0);
        assertThat(succeeded.get()).as("some payments must complete").isPositive();
    }
}

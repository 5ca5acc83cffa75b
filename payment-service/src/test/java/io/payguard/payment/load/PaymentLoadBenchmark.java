package io.payguard.payment.load;

import static io.payguard.payment.Api.as;
import static io.payguard.payment.Api.customer;
import static io.payguard.payment.Api.merchant;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import org.HdrHistogram.Recorder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.payguard.payment.FakeWallet;
import io.payguard.platform.testing.PayGuardTestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * Load benchmark, not part of {@code verify}: {@code ./mvnw -B -o -pl payment-service verify -Pbenchmark}.
 * Closed loop of {@code payguard.bench.clients} clients for {@code payguard.bench.seconds} each: wallet payments
 * created (merchant) and confirmed (customer) until succeeded, the wallet played by {@link FakeWallet} over the
 * real broker (answers once); then card payments with the simulator at 0 ms. Prints throughput and latency.
 */
@Tag("benchmark")
@QuarkusTest
@TestProfile(PaymentLoadBenchmark.Unthrottled.class)
@QuarkusTestResource(value = PayGuardTestInfrastructure.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class PaymentLoadBenchmark {

    /** Rate limits would cap a single-address benchmark at 200 requests/s. */
    public static class Unthrottled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "payguard.rate-limit.per-address.capacity",
                    "1000000",
                    "payguard.rate-limit.per-address.refill-per-second",
                    "1000000",
                    "payguard.rate-limit.defaults.capacity",
                    "1000000",
                    "payguard.rate-limit.defaults.refill-per-second",
                    "1000000",
                    "payguard.payment.acquirer.latency",
                    "PT0S",
                    "quarkus.log.category.\"io.payguard.payment\".level",
                    "WARN");
        }
    }

    static final int CLIENTS = Integer.getInteger("payguard.bench.clients", 32);
    static final int SECONDS = Integer.getInteger("payguard.bench.seconds", 20);

    record Figures(String what, long done, long failed, double perSecond, double p50, double p99, double max) {
        @Override
        public String toString() {
            return "%s: %d done (%d not succeeded) in %d s with %d clients = %.0f/s; create+confirm latency p50 %.1f ms, p99 %.1f ms, max %.1f ms"
                    .formatted(what, done, failed, SECONDS, CLIENTS, perSecond, p50, p99, max);
        }
    }

    @Test
    void walletAndCardPaymentsPerSecond() throws Exception {
        try (var wallet = new FakeWallet(true, 1)) {
            String m = merchant("bench-" + UUID.randomUUID());
            for (int i = 0; i < PAYERS; i++) {
                String payer = "payer-" + UUID.randomUUID();
                payers.add(new String[] {payer, customer(payer)});
            }
            // warm-up
            run("warm-up", 5, () -> walletPayment(m));
            var walletFigures = run(
                    "wallet payments (create + customer confirm -> hold -> capture -> succeeded)",
                    SECONDS,
                    () -> walletPayment(m));
            // one cardholder per client, each with a tokenised card (a single customer paying 100 times a second would
            // measure the queue on that customer's daily total, not the service)
            List<String[]> cardholders = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                String payer = "cardholder-" + UUID.randomUUID();
                cardholders.add(new String[] {
                    payer,
                    as(customer(payer))
                            .body(Map.of("number", "4242424242424242", "exp_month", 12, "exp_year", 2031))
                            .post("/v1/tokens")
                            .then()
                            .statusCode(201)
                            .extract()
                            .path("id")
                });
            }
            var nextCard = new AtomicLong();
            var cardFigures =
                    run("card payments (create + confirm -> authorise -> capture, simulator 0 ms)", SECONDS, () -> {
                        var holder = cardholders.get((int) (nextCard.getAndIncrement() % cardholders.size()));
                        return cardPayment(m, holder[0], holder[1]);
                    });
            System.out.println("PAYGUARD-BENCH " + walletFigures);
            System.out.println("PAYGUARD-BENCH " + cardFigures);
            assertThat(walletFigures.done()).isPositive();
            assertThat(cardFigures.done()).isPositive();
        }
    }

    static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newBuilder()
            .version(java.net.http.HttpClient.Version.HTTP_1_1)
            .build();
    static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");
    static final Pattern STATUS = Pattern.compile("\"status\":\"([^\"]+)\"");
    /** Customer tokens signed before the clock starts: signing is the client's cost, not the service's. */
    static final int PAYERS = 512;

    static final List<String[]> payers = new ArrayList<>();
    static final AtomicLong next = new AtomicLong();

    static String post(String token, String path, String body) throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                .build();
        var response = HTTP.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    static String field(Pattern p, String json) {
        var m = p.matcher(json);
        return m.find() ? m.group(1) : null;
    }

    static boolean walletPayment(String m) throws Exception {
        var payer = payers.get((int) (next.getAndIncrement() % PAYERS));
        String id = field(
                ID,
                post(
                        m,
                        "/v1/payment_intents",
                        "{\"amount\":1200,\"currency\":\"CNY\",\"customer\":\"" + payer[0]
                                + "\",\"payment_method_type\":\"wallet\"}"));
        return "succeeded".equals(field(STATUS, post(payer[1], "/v1/payment_intents/" + id + "/confirm", "{}")));
    }

    static boolean cardPayment(String m, String payer, String token) throws Exception {
        String id = field(
                ID,
                post(
                        m,
                        "/v1/payment_intents",
                        "{\"amount\":1200,\"currency\":\"USD\",\"customer\":\"" + payer
                                + "\",\"payment_method_type\":\"card\"}"));
        return "succeeded"
                .equals(field(
                        STATUS,
                        post(
                                m,
                                "/v1/payment_intents/" + id + "/confirm",
                                "{\"payment_method\":\"" + token + "\",\"cvc\":\"123\"}")));
    }

    static Figures run(String what, int seconds, Callable<Boolean> payment) throws Exception {
        var recorder = new Recorder(3);
        var done = new AtomicLong();
        var failed = new AtomicLong();
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        var pool = Executors.newFixedThreadPool(CLIENTS);
        List<Callable<Void>> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            clients.add(() -> {
                while (System.nanoTime() < end) {
                    long start = System.nanoTime();
                    boolean ok = payment.call();
                    recorder.recordValue((System.nanoTime() - start) / 1000);
                    (ok ? done : failed).incrementAndGet();
                }
                return null;
            });
        }
        for (var f : pool.invokeAll(clients)) {
            f.get();
        }
        pool.shutdown();
        var h = recorder.getIntervalHistogram();
        return new Figures(
                what,
                done.get(),
                failed.get(),
                done.get() / (double) seconds,
                h.getValueAtPercentile(50) / 1000.0,
                h.getValueAtPercentile(99) / 1000.0,
                h.getMaxValue() / 1000.0);
    }
}

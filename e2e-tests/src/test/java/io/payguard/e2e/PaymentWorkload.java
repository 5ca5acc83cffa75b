package io.payguard.e2e;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.HdrHistogram.Histogram;

/**
 * The payments of a load run: merchants of the run's own create payment intents for customers of the run's own, and
 * each is confirmed (a wallet payment by the customer with a DPoP-bound token, a card payment by the merchant with the
 * customer's card token), automatic capture. Setup: {@code load.payers} fresh customers at KYC tier 3 (set by the
 * operator {@code otto}: class III wallets, 50,000 CNY a day) funded for the whole run by card top-ups, and
 * {@code load.merchants} freshly onboarded merchants, so that no limit of an earlier run or test is shared.
 */
final class PaymentWorkload {

    /** How the payments are paid. */
    enum Method {
        WALLET("wallet payments"),
        CARD("card payments");

        final String unit;

        Method(String unit) {
            this.unit = unit;
        }
    }

    /** What one attempt ended as: succeeded at the confirm's answer, still on its way (id to settle), or failed. */
    record Attempt(boolean succeeded, String pendingId, int merchant) {
        static final Attempt FAILED = new Attempt(false, null, 0);
    }

    private record Payer(Customers.Customer customer, String cardToken) {}

    private record Merchant(String id, String secret) {}

    private static final long TOP_UP = 40_000; // 400 CNY: below the SCA threshold, so a top-up needs no 3-D Secure
    private static final String CVC = Funding.CVC;

    final Method method;
    private final LoadSettings settings;
    private final Http http = new Http();
    private final String intents = Stack.serviceUrl("payment") + "/v1/payment_intents";
    private final String run = Long.toString(System.currentTimeMillis() % 100_000_000L, 36);
    private List<Payer> payers = List.of();
    private List<Merchant> merchants = List.of();
    private volatile List<Keycloak.DpopSession> sessions = List.of();
    private volatile List<String> merchantTokens = List.of();

    PaymentWorkload(Method method, LoadSettings settings) {
        this.method = method;
        this.settings = settings;
    }

    /** Creates and funds the payers, onboards the merchants; prints what it made. */
    void setUp() throws Exception {
        long fund = method == Method.WALLET ? settings.amount() * settings.paymentsPerPayerBound() + 1_000 : 1_000;
        var otto = Keycloak.customerSession("otto");
        System.out.printf(
                "[load] setup: %d customers at KYC tier 3 (class III), each funded with %d minor units CNY in top-ups of"
                        + " at most %d; %d merchants (run %s)%n",
                settings.payers(), fund, TOP_UP, settings.merchants(), run);
        var made = new ArrayList<Future<Payer>>();
        // one at a time: Customers.create logs the operator in for each, and parallel logins of one Keycloak user
        // failed (the login form came back instead of the redirect)
        try (var pool = Executors.newSingleThreadExecutor()) {
            for (int i = 0; i < settings.payers(); i++) {
                String name = "bench-%s-p%02d".formatted(run, i + 1);
                made.add(pool.submit(() -> payer(name, fund, otto)));
            }
        }
        var ready = new ArrayList<Payer>();
        for (var f : made) {
            ready.add(f.get()); // a payer that could not be set up fails the run here, with its cause
        }
        payers = List.copyOf(ready);
        var first = payers.get(0).customer();
        var firstSession = first.login();
        var onboarded = new ArrayList<Merchant>();
        for (int m = 0; m < settings.merchants(); m++) {
            var merchant = Merchants.onboard(
                    "bench-%s-m%d".formatted(run, m + 1), 1_000_000_000L, otto, firstSession, first.subject());
            onboarded.add(new Merchant(merchant.id(), merchant.secret()));
        }
        merchants = List.copyOf(onboarded);
    }

    private Payer payer(String name, long fund, Keycloak.DpopSession otto) {
        var customer = Customers.create(name, 3, "load-benchmark-" + run, "load benchmark payer", fund, TOP_UP);
        String token = method == Method.CARD ? new Funding().tokenise(customer.login(), Funding.approvedCard()) : null;
        return new Payer(customer, token);
    }

    /** Fresh access tokens for every payer (wallet payments only) and merchant: they live 300 s. */
    void login() throws Exception {
        var tokens = new ArrayList<String>();
        for (var m : merchants) {
            tokens.add("Bearer " + Keycloak.clientCredentials(m.id(), m.secret()));
        }
        merchantTokens = List.copyOf(tokens);
        if (method == Method.WALLET) {
            var fresh = new ArrayList<Future<Keycloak.DpopSession>>();
            try (var pool = Executors.newFixedThreadPool(4)) {
                for (var payer : payers) {
                    fresh.add(pool.submit(() -> payer.customer().login()));
                }
            }
            var logged = new ArrayList<Keycloak.DpopSession>();
            for (var f : fresh) {
                logged.add(f.get());
            }
            sessions = List.copyOf(logged);
        }
    }

    /** The per-caller rate limit the payment service applies to the first merchant ({@code RateLimit-Limit}). */
    long merchantRateLimit() {
        var r = http.send(
                "GET", Stack.serviceUrl("payment") + "/v1/me", Map.of("Authorization", merchantTokens.get(0)), null);
        return r.raw().headers().firstValueAsLong("RateLimit-Limit").orElse(-1);
    }

    /**
     * One payment: the merchant of {@code n} creates it for the payer of {@code n}, which is then confirmed. The create's
     * latency goes to {@code create}, create+confirm's to {@code total}, both from {@code t0} (the scheduled start in an
     * open loop); every failure to {@code failures} under {@code phase}.
     */
    Attempt pay(long n, long t0, Histogram create, Histogram total, LoadFailures failures, String phase) {
        int p = (int) (n % payers.size());
        int m = (int) (n % merchantTokens.size());
        String merchant = merchantTokens.get(m);
        String step = "create";
        try {
            var created = http.send("POST", intents, idempotent(Map.of("Authorization", merchant)), intent(p));
            create.recordValue(Math.max(0, (System.nanoTime() - t0) / 1000));
            if (created.status() != 201) {
                failures.answer(phase, step, created);
                return Attempt.FAILED;
            }
            String id = created.json().get("id").asText();
            step = "confirm";
            var confirmed = confirm(p, merchant, intents + "/" + id + "/confirm");
            total.recordValue(Math.max(0, (System.nanoTime() - t0) / 1000));
            if (confirmed.status() >= 300) {
                failures.answer(phase, step, confirmed);
                return Attempt.FAILED;
            }
            var body = confirmed.json();
            return switch (body.path("status").asText()) {
                case "succeeded" -> new Attempt(true, null, m);
                case "processing", "requires_capture" -> new Attempt(false, id, m);
                default -> {
                    failures.outcome(phase, body.path("status").asText(), failureCode(body));
                    yield Attempt.FAILED;
                }
            };
        } catch (RuntimeException | AssertionError e) {
            failures.exception(phase, step, e);
            return Attempt.FAILED;
        }
    }

    private Map<String, Object> intent(int p) {
        return Map.of(
                "amount",
                settings.amount(),
                "currency",
                "CNY",
                "customer",
                payers.get(p).customer().subject(),
                "payment_method_type",
                method == Method.WALLET ? "wallet" : "card",
                "capture_method",
                "automatic");
    }

    private Http.Response confirm(int p, String merchant, String url) {
        if (method == Method.WALLET) {
            return http.send(
                    "POST",
                    url,
                    idempotent(sessions.get(p).headers("POST", url)),
                    Map.of("payment_method_type", "wallet"));
        }
        return http.send(
                "POST",
                url,
                idempotent(Map.of("Authorization", merchant)),
                Map.of(
                        "payment_method_type",
                        "card",
                        "payment_method",
                        payers.get(p).cardToken(),
                        "cvc",
                        CVC));
    }

    /** The intent's status and failure code, as its merchant reads it ({@code null} when the read failed). */
    String[] status(String id, int merchant, LoadFailures failures, String phase) {
        try {
            var r = http.send("GET", intents + "/" + id, Map.of("Authorization", merchantTokens.get(merchant)), null);
            if (r.status() != 200) {
                failures.answer(phase, "read", r);
                return null;
            }
            return new String[] {r.json().path("status").asText(), failureCode(r.json())};
        } catch (RuntimeException | AssertionError e) {
            failures.exception(phase, "read", e);
            return null;
        }
    }

    private static String failureCode(com.fasterxml.jackson.databind.JsonNode intent) {
        return intent.path("failure_code")
                .asText(intent.path("last_payment_error").path("code").asText(""));
    }

    private static Map<String, String> idempotent(Map<String, String> headers) {
        var h = new HashMap<>(headers);
        h.put("Idempotency-Key", UUID.randomUUID().toString());
        return h;
    }
}

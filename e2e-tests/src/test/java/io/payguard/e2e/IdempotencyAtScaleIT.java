package io.payguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Issue 14 item 3, first half: Idempotency-Keys at scale. {@code e2e.idempotency.keys} keys (default 1,000; the full run
 * is {@code -De2e.idempotency.keys=10000}) over every idempotent POST that creates an object or moves money: payment
 * intent create (merchant), wallet payment confirm (customer), refund (merchant), card top-up create and confirm
 * (customer), wallet transfer and wallet payment to a merchant (customer, wallet-service), payout (customer). Each key is
 * sent 1-5 times <em>at the same moment</em> (one virtual thread per copy, released together by a latch); about 10% of
 * the keys sent more than once carry, in one copy, a different body under the same key.
 *
 * <p>What is asserted, per key: every copy gets a final answer (no answer, 5xx, 429 and 409 {@code
 * idempotency_key_in_use} are retried with the same key until then); the copies with the body that won (the one whose
 * request was executed) all got the <b>same status and the same body bytes</b> (headers are not compared: {@code
 * Idempotent-Replayed}, {@code Date} and the correlation id differ by design); at most one of them was not a replay
 * (exactly one when nothing was killed); the copies with the other body all got 422 {@code idempotency_key_reused}
 * and were not applied. And from the outside, that each key had exactly one effect, the effect of the winning body:
 * the merchant's intent list for each (fresh) customer holds exactly the intents the create keys answered, with the
 * winning amounts; each refunded intent lists exactly the one refund its key answered; each top-up has the winning
 * amount; every customer's wallet balance equals its opening balance plus one effect per key (credited top-ups, minus
 * succeeded wallet payments, plus succeeded refunds, minus paid payouts and wallet payments, ± transfers), with no hold
 * left; the wallet ledger invariants hold.
 *
 * <p>With {@code -Dfaults=true} (it SIGKILLs processes of the stack it runs against, like {@link FaultInjectionIT})
 * payment-service is SIGKILLed while the top-up confirms are in flight, and payment-service and wallet-service while
 * the payments, transfers and payouts are; {@code ./dev up --no-build} restarts them and every key is retried until it
 * has a final answer; the same invariants must hold (a key whose executing copy died may be answered only by replays).
 */
class IdempotencyAtScaleIT {

    // ------------------------------------------------------------------------------------------------ knobs
    private final int keyCount = Integer.getInteger("e2e.idempotency.keys", 1_000);
    private final int maxCopies = Integer.getInteger("e2e.idempotency.max-copies", 5);
    private final int parallel = Integer.getInteger("e2e.idempotency.parallel", 24);
    private final int customerCount = Integer.getInteger("e2e.idempotency.customers", 8);
    private final double variantShare = Double.parseDouble(System.getProperty("e2e.idempotency.variants", "0.1"));
    private final long retryForMs = TimeUnit.SECONDS.toMillis(Integer.getInteger("e2e.idempotency.retry-for", 300));
    private final long seed = Long.getLong("e2e.idempotency.seed", System.nanoTime());
    private final boolean faults = Boolean.getBoolean("faults");
    private boolean killing;

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(3))
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();
    private final Http http = new Http();
    private final long t0 = System.currentTimeMillis();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final List<String> kills = new CopyOnWriteArrayList<>();
    private volatile String stage = "set-up";
    private volatile List<Key> current = List.of();

    // figures
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong attempts = new AtomicLong();
    private final AtomicLong inUse409 = new AtomicLong();
    private final AtomicLong tooMany429 = new AtomicLong();
    private final AtomicLong serverErrors = new AtomicLong();
    private final AtomicLong noAnswer = new AtomicLong();
    private final AtomicLong replays = new AtomicLong();
    private final AtomicLong reused422 = new AtomicLong();

    private String merchantToken;
    private long merchantTokenAt;
    private String merchantId;
    private String merchantSecret;
    private List<String> probeIntentIds = List.of();

    // ------------------------------------------------------------------------------------------------ model
    enum Kind {
        INTENT_CREATE,
        TOP_UP_CREATE,
        TOP_UP_CONFIRM,
        WALLET_CONFIRM,
        TRANSFER,
        WALLET_PAY,
        PAYOUT,
        REFUND
    }

    static final class Customer {
        final String name;
        final String subject;
        final String walletId;
        final String bankAccount;
        private Keycloak.DpopSession session;
        private long sessionAt = System.currentTimeMillis();
        long before;

        Customer(String name, String subject, String walletId, String bankAccount, Keycloak.DpopSession session) {
            this.name = name;
            this.subject = subject;
            this.walletId = walletId;
            this.bankAccount = bankAccount;
            this.session = session;
        }

        synchronized Keycloak.DpopSession session() {
            if (System.currentTimeMillis() - sessionAt > 240_000) {
                session = Keycloak.customerSession(name);
                sessionAt = System.currentTimeMillis();
            }
            return session;
        }
    }

    /** What one copy finally got: status -1 when it never got an answer within {@code retry-for}. */
    record Reply(boolean variant, int status, byte[] body, boolean replayed, String code) {
        String text() {
            return body == null ? "" : new String(body, StandardCharsets.UTF_8);
        }
    }

    /** One Idempotency-Key: its request (and maybe a variant body), its copies and what each copy got. */
    final class Key {
        final Kind kind;
        final String key = "idem-" + UUID.randomUUID();
        final Customer customer;
        final Customer other;
        final String url;
        final boolean merchant;
        final long amount;
        final long variantAmount;
        final String body;
        final String variantBody;
        final int copies;
        final int variantCopy; // -1: none
        final String target; // intent / top-up the key acts on
        final List<Reply> replies = new CopyOnWriteArrayList<>();
        volatile boolean done;

        Key(
                Kind kind,
                Customer customer,
                Customer other,
                String url,
                boolean merchant,
                long amount,
                long variantAmount,
                Map<String, Object> body,
                Map<String, Object> variantBody,
                int copies,
                int variantCopy,
                String target) {
            this.kind = kind;
            this.customer = customer;
            this.other = other;
            this.url = url;
            this.merchant = merchant;
            this.amount = amount;
            this.variantAmount = variantAmount;
            this.body = json(body);
            this.variantBody = variantBody == null ? null : json(variantBody);
            this.copies = copies;
            this.variantCopy = variantBody == null ? -1 : variantCopy;
            this.target = target;
        }

        /** The replies of the body that was executed (the one that did not get 422 idempotency_key_reused). */
        List<Reply> winners() {
            boolean variantWon =
                    replies.stream().anyMatch(r -> r.variant() && !"idempotency_key_reused".equals(r.code()));
            return replies.stream().filter(r -> r.variant() == variantWon).toList();
        }

        boolean variantWon() {
            return !winners().isEmpty() && winners().get(0).variant();
        }

        long effectiveAmount() {
            return variantWon() ? variantAmount : amount;
        }

        /** The winners' common answer, when it is a success. */
        JsonNode success() {
            var w = winners();
            if (w.isEmpty() || w.get(0).status() < 200 || w.get(0).status() >= 300) {
                return null;
            }
            return parse(w.get(0).text());
        }

        String name() {
            return kind.name().toLowerCase() + " " + key;
        }
    }

    // ------------------------------------------------------------------------------------------------ the test
    @Test
    void everyKeySentManyTimesConcurrentlyHasExactlyOneEffectAndByteIdenticalReplays() throws Exception {
        run(false);
    }

    @Test
    void acrossSigkillsOfPaymentAndWalletServiceEveryKeyStillHasExactlyOneEffect() throws Exception {
        Assumptions.assumeTrue(
                faults,
                "SIGKILLs payment-service and wallet-service of the running suite: skipped unless -Dfaults=true (see e2e-tests/README.md)");
        run(true);
    }

    private void run(boolean kill) throws Exception {
        killing = kill;
        var random = new Random(seed);
        log(
                "seed %d (-De2e.idempotency.seed=%d); %d keys, 1-%d copies each, %d keys in flight, %d customers, %.0f%% variant bodies%s",
                seed,
                seed,
                keyCount,
                maxCopies,
                parallel,
                customerCount,
                variantShare * 100,
                killing ? ", with SIGKILLs" : "");
        requireHealthy();

        // ---- set-up: fresh KYC tier 3 customers, each with a wallet and a bank account the simulator always pays
        String runId = Long.toString(Math.abs(seed) % 1_000_000, 36);
        var otto = Keycloak.customerSession("otto");
        var customers = Collections.synchronizedList(new ArrayList<Customer>());
        try (var setup = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < customerCount; i++) {
                String name = "idem-" + runId + "-" + i;
                setup.submit(() -> customers.add(customer(name, otto)));
            }
        }
        assertThat(customers).hasSize(customerCount);
        customers.sort((a, b) -> a.name.compareTo(b.name));
        // a merchant of the run's own (the demo merchants' daily limit is shared by every run of the day); the probe
        // payment that proves its state has reached the services is paid from a small top-up of the first customer
        var payer = customers.get(0);
        new Funding().topUp(payer.session(), payer.walletId, 1_000, "CNY");
        var merchant = Merchants.onboard("idem-" + runId, 1_000_000_000L, otto, payer.session(), payer.subject);
        synchronized (this) {
            merchantId = merchant.id();
            merchantSecret = merchant.secret();
            probeIntentIds = merchant.probeIntentIds();
            merchantToken = null;
        }
        for (var c : customers) {
            c.before = walletView(c).path("balance").path("minor").asLong();
        }

        // ---- how many keys of each kind
        int topUps = Math.max(customerCount, (int) (keyCount * 0.07));
        int creates = (int) (keyCount * 0.22);
        int confirms = (int) (keyCount * 0.20);
        int refunds = (int) (keyCount * 0.08);
        int transfers = (int) (keyCount * 0.17);
        int pays = (int) (keyCount * 0.12);
        int payouts = Math.max(0, keyCount - topUps * 2 - creates - confirms - refunds - transfers - pays);
        log(
                "plan: %d intent creates, %d top-up creates, %d top-up confirms, %d wallet confirms, %d transfers, %d wallet payments, %d payouts, up to %d refunds",
                creates, topUps, topUps, confirms, transfers, pays, payouts, refunds);
        var progress = Executors.newSingleThreadScheduledExecutor();
        progress.scheduleAtFixedRate(this::progress, 5, 5, TimeUnit.SECONDS);
        var all = new ArrayList<Key>();
        long sendStart = now();
        try {
            // stage 1: objects without money (intents for wallet payments, top-ups)
            var stage1 = new ArrayList<Key>();
            for (int i = 0; i < creates; i++) {
                var c = customers.get(random.nextInt(customers.size()));
                long amount = 100 + random.nextInt(900);
                stage1.add(key(
                        random,
                        Kind.INTENT_CREATE,
                        c,
                        null,
                        Stack.serviceUrl("payment") + "/v1/payment_intents",
                        true,
                        amount,
                        amount + 1,
                        a -> Map.of(
                                "amount",
                                a,
                                "currency",
                                "CNY",
                                "customer",
                                c.subject,
                                "payment_method_type",
                                "wallet",
                                "capture_method",
                                "automatic"),
                        null));
            }
            for (int i = 0; i < topUps; i++) {
                var c = customers.get(i % customers.size());
                long amount = 10_000 + random.nextInt(20_000);
                stage1.add(key(
                        random,
                        Kind.TOP_UP_CREATE,
                        c,
                        null,
                        Stack.serviceUrl("payment") + "/v1/top_ups",
                        false,
                        amount,
                        amount + 100,
                        a -> Map.of("wallet_id", c.walletId, "amount", a, "currency", "CNY"),
                        null));
            }
            Collections.shuffle(stage1, random);
            all.addAll(stage1);
            send("1 creates", stage1, null);

            // stage 2: money in: each created top-up confirmed with a card of its own
            var stage2 = new ArrayList<Key>();
            var cards = Collections.synchronizedMap(new HashMap<Key, String>());
            var funding = new Funding();
            try (var tok = Executors.newVirtualThreadPerTaskExecutor()) {
                var gate = new Semaphore(8);
                for (Key k : stage1) {
                    if (k.kind == Kind.TOP_UP_CREATE && k.success() != null) {
                        tok.submit(() -> {
                            gate.acquireUninterruptibly();
                            try {
                                cards.put(k, funding.tokenise(k.customer.session(), Funding.approvedCard()));
                            } finally {
                                gate.release();
                            }
                        });
                    }
                }
            }
            for (Key k : stage1) {
                if (k.kind == Kind.TOP_UP_CREATE && cards.containsKey(k)) {
                    String id = k.success().path("id").asText();
                    var body = Map.<String, Object>of("payment_method", cards.get(k), "cvc", Funding.CVC);
                    stage2.add(new Key(
                            Kind.TOP_UP_CONFIRM,
                            k.customer,
                            null,
                            Stack.serviceUrl("payment") + "/v1/top_ups/" + id + "/confirm",
                            false,
                            k.effectiveAmount(),
                            0,
                            body,
                            null,
                            1 + random.nextInt(maxCopies),
                            -1,
                            id));
                }
            }
            all.addAll(stage2);
            send("2 top-up confirms", stage2, killing ? List.of("payment-service") : null);
            for (Key k : stage2) {
                if (k.success() != null) {
                    settled(
                            () -> get(Stack.serviceUrl("payment") + "/v1/top_ups/" + k.target, k.customer),
                            n -> !"succeeded".equals(n.path("status").asText())
                                    || Set.of("credited", "refused")
                                            .contains(n.path("credit_status").asText()));
                }
            }

            // stage 3: money out, all at once: wallet payments confirmed, transfers, payments from the wallet, payouts
            var stage3 = new ArrayList<Key>();
            var intents = stage1.stream()
                    .filter(k -> k.kind == Kind.INTENT_CREATE && k.success() != null)
                    .toList();
            for (int i = 0; i < Math.min(confirms, intents.size()); i++) {
                Key created = intents.get(i);
                String id = created.success().path("id").asText();
                stage3.add(new Key(
                        Kind.WALLET_CONFIRM,
                        created.customer,
                        null,
                        Stack.serviceUrl("payment") + "/v1/payment_intents/" + id + "/confirm",
                        false,
                        created.effectiveAmount(),
                        0,
                        Map.of("payment_method_type", "wallet"),
                        null,
                        1 + random.nextInt(maxCopies),
                        -1,
                        id));
            }
            for (int i = 0; i < transfers; i++) {
                var c = customers.get(random.nextInt(customers.size()));
                var o = customers.get(
                        (customers.indexOf(c) + 1 + random.nextInt(customers.size() - 1)) % customers.size());
                long amount = 100 + random.nextInt(900);
                stage3.add(key(
                        random,
                        Kind.TRANSFER,
                        c,
                        o,
                        Stack.serviceUrl("wallet") + "/v1/wallets/" + c.walletId + "/transfers",
                        false,
                        amount,
                        amount + 1,
                        a -> Map.of("amount", Map.of("minor", a, "currency", "CNY"), "toWalletId", o.walletId),
                        null));
            }
            for (int i = 0; i < pays; i++) {
                var c = customers.get(random.nextInt(customers.size()));
                long amount = 100 + random.nextInt(900);
                stage3.add(key(
                        random,
                        Kind.WALLET_PAY,
                        c,
                        null,
                        Stack.serviceUrl("wallet") + "/v1/wallets/" + c.walletId + "/payments",
                        false,
                        amount,
                        amount + 1,
                        a -> Map.of("amount", Map.of("minor", a, "currency", "CNY"), "merchantId", merchantId),
                        null));
            }
            for (int i = 0; i < payouts; i++) {
                var c = customers.get(random.nextInt(customers.size()));
                long amount = 100 + random.nextInt(900);
                stage3.add(key(
                        random,
                        Kind.PAYOUT,
                        c,
                        null,
                        Stack.serviceUrl("payment") + "/v1/payouts",
                        false,
                        amount,
                        amount + 1,
                        a -> Map.of(
                                "wallet_id", c.walletId, "bank_account", c.bankAccount, "amount", a, "currency", "CNY"),
                        null));
            }
            Collections.shuffle(stage3, random);
            all.addAll(stage3);
            send(
                    "3 payments, transfers, payouts",
                    stage3,
                    killing ? List.of("payment-service", "wallet-service") : null);

            // stage 4: refunds of succeeded wallet payments (one key per payment)
            var succeeded = new ArrayList<Key>();
            for (Key k : stage3) {
                if (k.kind == Kind.WALLET_CONFIRM
                        && k.success() != null
                        && "succeeded"
                                .equals(settled(
                                                () -> intent(k.target),
                                                n -> Set.of("succeeded", "failed", "canceled")
                                                        .contains(
                                                                n.path("status").asText()))
                                        .path("status")
                                        .asText())) {
                    succeeded.add(k);
                }
            }
            var stage4 = new ArrayList<Key>();
            for (int i = 0; i < Math.min(refunds, succeeded.size()); i++) {
                Key paid = succeeded.get(i);
                long amount = 1 + random.nextInt((int) Math.max(1, paid.amount - 1));
                stage4.add(key(
                        random,
                        Kind.REFUND,
                        paid.customer,
                        null,
                        Stack.serviceUrl("payment") + "/v1/payment_intents/" + paid.target + "/refunds",
                        true,
                        amount,
                        amount == 1 ? 2 : amount - 1,
                        a -> Map.of("amount", a),
                        paid.target));
            }
            all.addAll(stage4);
            send("4 refunds", stage4, null);
        } finally {
            progress.shutdownNow();
        }
        long sendEnd = now();
        stage = "reconcile";
        requireHealthy();
        reconcile(all, customers);
        report(all, sendStart, sendEnd);
        assertThat(violations).as("idempotency violations (seed %d)", seed).isEmpty();
    }

    private Key key(
            Random random,
            Kind kind,
            Customer c,
            Customer other,
            String url,
            boolean merchant,
            long amount,
            long variantAmount,
            java.util.function.LongFunction<Map<String, Object>> body,
            String target) {
        int copies = 1 + random.nextInt(maxCopies);
        boolean variant = copies > 1 && random.nextDouble() < variantShare;
        return new Key(
                kind,
                c,
                other,
                url,
                merchant,
                amount,
                variantAmount,
                body.apply(amount),
                variant ? body.apply(variantAmount) : null,
                copies,
                variant ? random.nextInt(copies) : -1,
                target);
    }

    // ------------------------------------------------------------------------------------------------ sending
    /**
     * Sends every key of a stage, {@code parallel} keys at a time; each key's copies leave together. With
     * {@code kill} set, those components are SIGKILLed once a third of the stage's keys has started, and restarted.
     */
    private void send(String name, List<Key> keys, List<String> kill) throws InterruptedException {
        stage = name;
        current = keys;
        long start = now();
        var slots = new Semaphore(parallel);
        Thread killer = null;
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < keys.size(); i++) {
                if (kill != null && killer == null && i >= keys.size() / 3) {
                    killer = Thread.ofVirtual().start(() -> killAndRestart(kill));
                }
                slots.acquire();
                Key k = keys.get(i);
                pool.submit(() -> {
                    try {
                        fire(k);
                    } finally {
                        k.done = true;
                        slots.release();
                    }
                });
            }
        }
        if (killer != null) {
            killer.join();
        }
        log("stage %s: %d keys in %.1f s", name, keys.size(), (now() - start) / 1000.0);
    }

    private void killAndRestart(List<String> components) {
        try {
            long at = now();
            for (String c : components) {
                StackProcesses.kill(c);
                log("SIGKILL %s", c);
            }
            StackProcesses.up();
            kills.add(String.format(
                    "%s at %.1f s (stage %s), ready again after %.1f s",
                    components, (at - t0) / 1000.0, stage, (now() - at) / 1000.0));
            log("%s ready again after %.1f s", components, (now() - at) / 1000.0);
        } catch (RuntimeException | AssertionError e) {
            violations.add("kill of " + components + ": " + e);
        }
    }

    /** All copies of one key, released at the same moment. */
    private void fire(Key k) {
        var gate = new CountDownLatch(1);
        var ready = new CountDownLatch(k.copies);
        var threads = new ArrayList<Thread>();
        for (int i = 0; i < k.copies; i++) {
            boolean variant = i == k.variantCopy;
            threads.add(Thread.ofVirtual().start(() -> {
                ready.countDown();
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                k.replies.add(copy(k, variant));
            }));
        }
        try {
            ready.await();
            gate.countDown();
            for (var t : threads) {
                t.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * One copy, as a careful client sends it: no answer, 5xx, 429 and 409 {@code idempotency_key_in_use} are retried
     * with the same key and body (back-off 100 ms doubling to 2 s, or Retry-After) until another answer comes, for up to
     * {@code retry-for}.
     */
    private Reply copy(Key k, boolean variant) {
        requests.incrementAndGet();
        String body = variant ? k.variantBody : k.body;
        long first = now();
        long backoff = 100;
        while (true) {
            attempts.incrementAndGet();
            int status = -1;
            byte[] bytes = null;
            String code = null;
            boolean replayed = false;
            long retryAfter = 0;
            try {
                var b = HttpRequest.newBuilder(URI.create(k.url))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", k.key)
                        .POST(HttpRequest.BodyPublishers.ofString(body));
                (k.merchant ? merchant() : k.customer.session().headers("POST", k.url)).forEach(b::header);
                var r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
                status = r.statusCode();
                bytes = r.body();
                var json = parse(new String(bytes, StandardCharsets.UTF_8));
                code = json == null ? null : json.path("code").asText(null);
                replayed = "true"
                        .equals(r.headers().firstValue("Idempotent-Replayed").orElse(null));
                retryAfter = r.headers()
                                .firstValue("Retry-After")
                                .map(Long::parseLong)
                                .orElse(0L)
                        * 1000;
            } catch (IOException e) {
                code = e.getClass().getSimpleName();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Reply(variant, -1, null, false, "interrupted");
            } catch (NumberFormatException e) {
                retryAfter = 1000;
            }
            boolean inUse = status == 409 && "idempotency_key_in_use".equals(code);
            if (status < 0) {
                noAnswer.incrementAndGet();
            } else if (status >= 500) {
                serverErrors.incrementAndGet();
            } else if (status == 429) {
                tooMany429.incrementAndGet();
            } else if (inUse) {
                inUse409.incrementAndGet();
            }
            if (!(status < 0 || status >= 500 || status == 429 || inUse)) {
                if (replayed) {
                    replays.incrementAndGet();
                }
                if ("idempotency_key_reused".equals(code)) {
                    reused422.incrementAndGet();
                }
                return new Reply(variant, status, bytes, replayed, code);
            }
            if (now() - first > retryForMs) {
                return new Reply(
                        variant, -1, bytes, false, "no final answer after retries, last " + status + " " + code);
            }
            sleep(Math.max(backoff, retryAfter));
            backoff = Math.min(backoff * 2, 2_000);
        }
    }

    private synchronized Map<String, String> merchant() {
        if (merchantToken == null || now() - merchantTokenAt > 240_000) {
            merchantToken = Keycloak.clientCredentials(merchantId, merchantSecret);
            merchantTokenAt = now();
        }
        return Map.of("Authorization", "Bearer " + merchantToken);
    }

    // ------------------------------------------------------------------------------------------------ checks
    private void reconcile(List<Key> all, List<Customer> customers) {
        // 1. the answers of each key
        for (Key k : all) {
            if (k.replies.size() != k.copies) {
                violations.add(k.name() + ": " + k.replies.size() + " of " + k.copies + " copies came back");
                continue;
            }
            var unanswered = k.replies.stream().filter(r -> r.status() < 0).toList();
            if (!unanswered.isEmpty()) {
                violations.add(
                        k.name() + ": no final answer: " + unanswered.get(0).code());
                continue;
            }
            var winners = k.winners();
            var losers = k.replies.stream().filter(r -> !winners.contains(r)).toList();
            for (Reply r : losers) {
                if (r.status() != 422 || !"idempotency_key_reused".equals(r.code())) {
                    violations.add(k.name() + ": the copy with the other body got " + r.status() + " " + r.text()
                            + " instead of 422 idempotency_key_reused");
                }
            }
            if (winners.isEmpty()) {
                violations.add(k.name() + ": every copy was refused as a reuse: "
                        + k.replies.get(0).text());
                continue;
            }
            Reply first = winners.get(0);
            for (Reply r : winners) {
                if (r.status() != first.status() || !Arrays.equals(r.body(), first.body())) {
                    violations.add(String.format(
                            "%s: replies differ: %d %s vs %d %s",
                            k.name(), first.status(), first.text(), r.status(), r.text()));
                    break;
                }
            }
            long originals = winners.stream().filter(r -> !r.replayed()).count();
            if (originals > 1 || (originals == 0 && kills.isEmpty())) {
                violations.add(k.name() + ": " + originals
                        + " copies were answered as the original (not Idempotent-Replayed)");
            }
            if (first.status() >= 400) {
                violations.add(k.name() + ": refused " + first.status() + " " + first.text());
            }
        }

        // 2. objects: intents per customer, refunds per intent, top-up amounts
        var byKind = new LinkedHashMap<Kind, List<Key>>();
        for (Key k : all) {
            byKind.computeIfAbsent(k.kind, x -> new ArrayList<>()).add(k);
        }
        for (var c : customers) {
            var answered = new HashMap<String, Long>();
            byKind.getOrDefault(Kind.INTENT_CREATE, List.of()).stream()
                    .filter(k -> k.customer == c && k.success() != null)
                    .forEach(k -> answered.put(k.success().path("id").asText(), k.effectiveAmount()));
            var listed = new HashMap<String, Long>();
            String cursor = null;
            do {
                String url = Stack.serviceUrl("payment") + "/v1/payment_intents?limit=100&customer=" + c.subject
                        + (cursor == null
                                ? ""
                                : "&cursor=" + java.net.URLEncoder.encode(cursor, StandardCharsets.UTF_8));
                var page = get(url, merchant());
                page.path("data")
                        .forEach(i -> listed.put(
                                i.path("id").asText(), i.path("amount").asLong()));
                probeIntentIds.forEach(
                        listed::remove); // the onboarding's probe payment (Merchants.onboard), not one of the keys
                cursor = page.path("next_cursor").asText(null);
            } while (cursor != null);
            if (!listed.equals(answered)) {
                violations.add(String.format(
                        "%s: the merchant lists %d intents for this customer, the create keys answered %d (or amounts differ): extra %s, missing %s",
                        c.name,
                        listed.size(),
                        answered.size(),
                        minus(listed.keySet(), answered.keySet()),
                        minus(answered.keySet(), listed.keySet())));
            }
        }
        for (Key k : byKind.getOrDefault(Kind.TOP_UP_CREATE, List.of())) {
            if (k.success() != null) {
                var t = get(
                        Stack.serviceUrl("payment") + "/v1/top_ups/"
                                + k.success().path("id").asText(),
                        k.customer);
                if (t.path("amount").asLong() != k.effectiveAmount()) {
                    violations.add(k.name() + ": top-up of " + t.path("amount").asLong() + ", the winning body asked "
                            + k.effectiveAmount());
                }
            }
        }
        var refundsByIntent = new HashMap<String, List<Key>>();
        byKind.getOrDefault(Kind.REFUND, List.of())
                .forEach(k -> refundsByIntent
                        .computeIfAbsent(k.target, x -> new ArrayList<>())
                        .add(k));

        // 3. money: every customer's balance is the opening balance plus one effect per key
        var expected = new HashMap<Customer, Long>();
        customers.forEach(c -> expected.put(c, c.before));
        var effects = new TreeMap<String, Integer>();
        for (Key k : all) {
            JsonNode ok = k.success();
            if (ok == null) {
                continue;
            }
            switch (k.kind) {
                case TOP_UP_CONFIRM -> {
                    var t = settled(
                            () -> get(Stack.serviceUrl("payment") + "/v1/top_ups/" + k.target, k.customer),
                            n -> !"succeeded".equals(n.path("status").asText())
                                    || Set.of("credited", "refused")
                                            .contains(n.path("credit_status").asText()));
                    if ("credited".equals(t.path("credit_status").asText())) {
                        expected.merge(k.customer, t.path("amount").asLong(), Long::sum);
                        effects.merge("top-up credited", 1, Integer::sum);
                    } else if ("failed".equals(t.path("status").asText())
                            && !"succeeded".equals(ok.path("status").asText())
                            && "awaiting_charge".equals(t.path("credit_status").asText())) {
                        // answered "processing" (the charge's outcome was not known yet), then the card recovery learnt
                        // from the acquirer that it never authorised (the process died before the charge left): no
                        // charge, no credit; the rails' side is checked by the ledger and the simulator
                        effects.merge(
                                "top-up failed after a " + ok.path("status").asText() + " answer ("
                                        + t.path("failure_code").asText() + ")",
                                1,
                                Integer::sum);
                    } else {
                        violations.add(k.name() + ": top-up not credited: " + t);
                    }
                }
                case WALLET_CONFIRM -> {
                    var i = settled(
                            () -> intent(k.target),
                            n -> Set.of("succeeded", "failed", "canceled")
                                    .contains(n.path("status").asText()));
                    long refunded = 0;
                    var list = settled(
                            () -> get(
                                    Stack.serviceUrl("payment") + "/v1/payment_intents/" + k.target + "/refunds",
                                    merchant()),
                            n -> n.findValuesAsText("status").stream().noneMatch("pending"::equals));
                    var listed = new HashSet<String>();
                    for (var r : list) {
                        listed.add(r.path("id").asText());
                        if ("succeeded".equals(r.path("status").asText())) {
                            refunded += r.path("amount").asLong();
                        }
                    }
                    var answered = new HashSet<String>();
                    for (Key rk : refundsByIntent.getOrDefault(k.target, List.of())) {
                        if (rk.success() != null) {
                            answered.add(rk.success().path("id").asText());
                            var mine = list.findParents("id").stream()
                                    .filter(r -> r.path("id")
                                            .asText()
                                            .equals(rk.success().path("id").asText()))
                                    .findFirst();
                            if (mine.isPresent() && mine.get().path("amount").asLong() != rk.effectiveAmount()) {
                                violations.add(rk.name() + ": refund of "
                                        + mine.get().path("amount").asLong() + ", the winning body asked "
                                        + rk.effectiveAmount());
                            }
                            effects.merge("refund", 1, Integer::sum);
                        }
                    }
                    if (!listed.equals(answered)) {
                        violations.add(k.target + ": refunds listed " + listed + ", refund keys answered " + answered);
                    }
                    if ("succeeded".equals(i.path("status").asText())) {
                        if (i.path("amount_received").asLong() != k.amount) {
                            violations.add(k.name() + ": received "
                                    + i.path("amount_received").asLong() + " for " + k.amount);
                        }
                        expected.merge(
                                k.customer, refunded - i.path("amount_received").asLong(), Long::sum);
                        effects.merge("wallet payment succeeded", 1, Integer::sum);
                    } else {
                        effects.merge("wallet payment " + i.path("status").asText(), 1, Integer::sum);
                        if ("risk_declined".equals(i.path("failure_code").asText())) {
                            // the keys are sized inside every limit and rule: a decline means the run tested refusals,
                            // not effects
                            violations.add(
                                    k.name() + ": declined by risk (the load went past a product limit or rule)");
                        }
                    }
                }
                case TRANSFER -> {
                    expected.merge(k.customer, -k.effectiveAmount(), Long::sum);
                    expected.merge(k.other, k.effectiveAmount(), Long::sum);
                    effects.merge("transfer", 1, Integer::sum);
                }
                case WALLET_PAY -> {
                    expected.merge(k.customer, -k.effectiveAmount(), Long::sum);
                    effects.merge("wallet payment to the merchant", 1, Integer::sum);
                }
                case PAYOUT -> {
                    String id = ok.path("id").asText();
                    var p = settled(
                            () -> get(Stack.serviceUrl("payment") + "/v1/payouts/" + id, k.customer),
                            n -> Set.of("paid", "failed", "returned", "canceled")
                                    .contains(n.path("status").asText()));
                    if ("paid".equals(p.path("status").asText())) {
                        if (p.path("amount").asLong() != k.effectiveAmount()) {
                            violations.add(k.name() + ": payout of "
                                    + p.path("amount").asLong() + ", the winning body asked " + k.effectiveAmount());
                        }
                        expected.merge(k.customer, -p.path("amount").asLong(), Long::sum);
                        effects.merge("payout paid", 1, Integer::sum);
                    } else {
                        violations.add(k.name() + ": payout to an always-paying account is " + p);
                    }
                }
                default -> {}
            }
        }
        log("effects counted: %s", effects);
        for (var c : customers) {
            long want = expected.get(c);
            var w = settledWallet(c, want);
            long balance = w.path("balance").path("minor").asLong();
            if (balance != want || w.path("available").path("minor").asLong() != want) {
                violations.add(String.format(
                        "%s: balance %d (available %d), one effect per key implies %d (difference %+d)",
                        c.name, balance, w.path("available").path("minor").asLong(), want, balance - want));
            }
        }
        var ada = Keycloak.customerSession("ada");
        String invariants = Stack.serviceUrl("wallet") + "/v1/wallet-admin/invariants";
        var check = http.send("GET", invariants, ada.headers("GET", invariants), null);
        log("ledger invariants: %s", check.body());
        if (check.status() != 200 || !check.json().path("ok").asBoolean()) {
            violations.add("ledger invariants: " + check.status() + " " + check.body());
        }
    }

    private static Set<String> minus(Set<String> a, Set<String> b) {
        var s = new HashSet<>(a);
        s.removeAll(b);
        return s;
    }

    // ------------------------------------------------------------------------------------------------ helpers
    private Customer customer(String name, Keycloak.DpopSession otto) {
        var tiered = Keycloak.customerWithTier(
                name, 3, otto, "idempotency-suite-" + name, "customer of the idempotency-at-scale suite");
        String subject = tiered.subject();
        var session = tiered.session();
        String wallets = Stack.serviceUrl("wallet") + "/v1/wallets";
        var opened = http.send(
                "POST", wallets, Funding.idempotent(session.headers("POST", wallets)), Map.of("currency", "CNY"));
        assertThat(opened.status()).as(opened.body()).isIn(200, 201);
        String accounts = Stack.serviceUrl("payment") + "/v1/bank_accounts";
        var account = http.send(
                "POST",
                accounts,
                session.headers("POST", accounts),
                Map.of(
                        "account_number",
                        "6222" + String.format("%08d", Math.floorMod(name.hashCode(), 100_000_000)) + "0000",
                        "bank_code",
                        "ICBKCNBJ",
                        "holder_name",
                        name));
        assertThat(account.status()).as(account.body()).isEqualTo(201);
        return new Customer(
                name,
                subject,
                opened.json().get("id").asText(),
                account.json().get("id").asText(),
                session);
    }

    private JsonNode intent(String id) {
        return get(Stack.serviceUrl("payment") + "/v1/payment_intents/" + id, merchant());
    }

    private JsonNode get(String url, Customer c) {
        return get(url, c.session().headers("GET", url));
    }

    private JsonNode walletView(Customer c) {
        return get(Stack.serviceUrl("wallet") + "/v1/wallets/" + c.walletId, c);
    }

    /** A read: retried on 429 and 5xx (and no answer) for up to 90 s. */
    private JsonNode get(String url, Map<String, String> headers) {
        var last = new Http.Response[1];
        await().atMost(Duration.ofSeconds(90))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .until(() -> {
                    last[0] = http.send("GET", url, headers, null);
                    return last[0].status() != 429 && last[0].status() < 500;
                });
        assertThat(last[0].status()).as("GET %s: %s", url, last[0].body()).isEqualTo(200);
        return last[0].json();
    }

    private JsonNode settled(Supplier<JsonNode> read, Predicate<JsonNode> done) {
        var last = new JsonNode[1];
        try {
            await().atMost(Duration.ofSeconds(120))
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> {
                        last[0] = read.get();
                        assertThat(done.test(last[0]))
                                .as(String.valueOf(last[0]))
                                .isTrue();
                    });
        } catch (AssertionError | org.awaitility.core.ConditionTimeoutException e) {
            violations.add("not settled after 120 s: " + last[0]);
        }
        return last[0] == null ? Http.JSON.nullNode() : last[0];
    }

    private JsonNode settledWallet(Customer c, long expected) {
        var last = new JsonNode[1];
        try {
            await().atMost(Duration.ofSeconds(60))
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        last[0] = walletView(c);
                        return last[0].path("balance").path("minor").asLong() == expected
                                && last[0].path("available").path("minor").asLong() == expected;
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // reported by the caller
        }
        return last[0];
    }

    private void requireHealthy() {
        await().atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions()
                .untilAsserted(() -> {
                    for (String s : List.of("auth", "payment", "wallet", "audit")) {
                        var r = client.send(
                                HttpRequest.newBuilder(URI.create(Stack.serviceUrl(s) + "/q/health/ready"))
                                        .timeout(Duration.ofSeconds(5))
                                        .build(),
                                HttpResponse.BodyHandlers.discarding());
                        assertThat(r.statusCode()).as("%s ready", s).isEqualTo(200);
                    }
                });
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : Http.JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static String json(Object value) {
        try {
            return Http.JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            TimeUnit.MILLISECONDS.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------------------------------------ figures
    private void progress() {
        long done = current.stream().filter(k -> k.done).count();
        log(
                "stage %s: %d/%d keys done; requests %d, attempts %d, 409 in use %d, 429 %d, 5xx %d, no answer %d, replays %d, 422 reused %d",
                stage,
                done,
                current.size(),
                requests.get(),
                attempts.get(),
                inUse409.get(),
                tooMany429.get(),
                serverErrors.get(),
                noAnswer.get(),
                replays.get(),
                reused422.get());
    }

    private void report(List<Key> all, long sendStart, long sendEnd) {
        var perKind = new TreeMap<String, String>();
        var byKind = new TreeMap<Kind, List<Key>>();
        all.forEach(k -> byKind.computeIfAbsent(k.kind, x -> new ArrayList<>()).add(k));
        byKind.forEach((kind, ks) -> perKind.put(
                kind.name().toLowerCase(),
                String.format(
                        "%d keys, %d requests, %d variant bodies",
                        ks.size(),
                        ks.stream().mapToInt(k -> k.copies).sum(),
                        ks.stream().filter(k -> k.variantBody != null).count())));
        var copies = new TreeMap<Integer, Integer>();
        all.forEach(k -> copies.merge(k.copies, 1, Integer::sum));
        var out = new StringBuilder("\n[idempotency] ===== idempotency at scale, seed " + seed
                + (killing ? ", with SIGKILLs" : "") + " =====\n");
        out.append(String.format(
                "[idempotency] keys %d, requests %d (copies per key %s), attempts %d; sends took %.1f s, whole run %.1f s%n",
                all.size(),
                requests.get(),
                copies,
                attempts.get(),
                (sendEnd - sendStart) / 1000.0,
                (now() - t0) / 1000.0));
        out.append(String.format(
                "[idempotency] 409 idempotency_key_in_use %d, 429 %d, 5xx %d, no answer %d (all retried); replays %d; 422 idempotency_key_reused %d%n",
                inUse409.get(), tooMany429.get(), serverErrors.get(), noAnswer.get(), replays.get(), reused422.get()));
        perKind.forEach((k, v) ->
                out.append("[idempotency]   ").append(k).append(": ").append(v).append('\n'));
        kills.forEach(k -> out.append("[idempotency] kill ").append(k).append('\n'));
        out.append(String.format(
                "[idempotency] keys answered only by replays (the copy that executed died with its process): %d; keys whose winning answer was a refusal: %d%n",
                all.stream()
                        .filter(k ->
                                !k.winners().isEmpty() && k.winners().stream().allMatch(Reply::replayed))
                        .count(),
                all.stream()
                        .filter(k ->
                                !k.winners().isEmpty() && k.winners().get(0).status() >= 400)
                        .count()));
        out.append("[idempotency] violations: ").append(violations.size()).append('\n');
        violations.stream()
                .limit(50)
                .forEach(v -> out.append("[idempotency]   ").append(v).append('\n'));
        System.out.println(out);
    }

    private long now() {
        return System.currentTimeMillis();
    }

    private void log(String format, Object... args) {
        System.out.printf("[idempotency %6.1f s] %s%n", (now() - t0) / 1000.0, String.format(format, args));
    }
}

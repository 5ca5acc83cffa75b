package io.payguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Issue 14 item 3, second half: every event and command delivered 1-3 times in a whole scenario, and no double effect
 * anywhere. A scenario produces every event and command type the suite's flows have (card top-up and its credit, its
 * refund and reversal; wallet payments with one-step and two-step capture, a voided one, a refused one; a card payment;
 * refunds to wallet and card; a transfer and a wallet payment to the merchant; payouts paid, rejected and returned; a KYC
 * tier change). Once everything has settled and every consumer group has caught up, the state is recorded from the
 * outside; then every record the scenario wrote to the event and command topics ({@code wallet.commands},
 * {@code wallet.events}, {@code ledger.events}, {@code payment.events}, {@code audit.records}, {@code security.events},
 * {@code security.alerts}; not the {@code .dlq} topics, and not the compacted {@code auth.*} state topics, where an
 * old record re-published after a newer one would turn the state back) is re-published 0-2 more times (same partition,
 * key, value, headers and timestamp; seeded, seed printed; read with {@code read_committed}, so aborted outbox
 * transactions are not resurrected). When every consumer group's lag is back to 0, nothing may have changed: balances
 * and statements (ledger entries) of both customers, every intent, refund, top-up and payout, the number of audit
 * records of the scenario's time window (a redelivered event would be recorded with its own time, inside the window)
 * and per scenario object, the ledger invariants, the audit chain; and no record may have reached a {@code .dlq} topic.
 */
class RedeliveryIT {

    static final List<String> REPLAYED = List.of(
            "wallet.commands",
            "wallet.events",
            "ledger.events",
            "payment.events",
            "audit.records",
            "security.events",
            "security.alerts");
    private static final Set<String> FINAL_INTENT = Set.of("succeeded", "failed", "canceled", "requires_capture");

    /** The types the scenario must produce (each then redelivered at least twice more). */
    static final List<String> EXPECTED_TYPES = List.of(
            "audit.record.v1",
            "ledger.entry.posted.v1",
            "security.customer.kyc_tier_changed.v1",
            "payment.created.v1",
            "payment.risk_decision.v1",
            "payment.authorised.v1",
            "payment.captured.v1",
            "payment.canceled.v1",
            "payment.failed.v1",
            "payment.refund_requested.v1",
            "payment.refunded.v1",
            "payment.payout_requested.v1",
            "payment.payout_paid.v1",
            "payment.payout_failed.v1",
            "payment.payout_returned.v1",
            "wallet.hold.place.v1",
            "wallet.hold.capture.v1",
            "wallet.hold.void.v1",
            "wallet.refund.v1",
            "wallet.top_up.credit.v1",
            "wallet.top_up.reverse.v1",
            "wallet.payout.hold.v1",
            "wallet.payout.settle.v1",
            "wallet.payout.return.v1",
            "wallet.hold.placed.v1",
            "wallet.hold.refused.v1",
            "wallet.hold.captured.v1",
            "wallet.hold.voided.v1",
            "wallet.refund.completed.v1",
            "wallet.top_up.credited.v1",
            "wallet.top_up.refused.v1",
            "wallet.top_up.reversed.v1",
            "wallet.payout.returned.v1");

    private final long seed = Long.getLong("e2e.redelivery.seed", System.nanoTime());
    private final Http http = new Http();
    private final long t0 = System.currentTimeMillis();
    private final Map<String, String> objects = new LinkedHashMap<>(); // name -> GET url (merchant or customer read)
    private String merchantToken;
    private long merchantTokenAt;

    @Test
    void everyEventAndCommandRedeliveredUpToTwiceMoreChangesNothing() throws Exception {
        log("seed %d (-De2e.redelivery.seed=%d)", seed, seed);
        try (var admin = Admin.create(kafka())) {
            var startOffsets = endOffsets(admin, topics(admin, REPLAYED::contains));
            var dlqStart = endOffsets(admin, topics(admin, t -> t.endsWith(".dlq")));
            Instant from = Instant.now().minusSeconds(1);

            // ---- the scenario
            String run = UUID.randomUUID().toString().substring(0, 8);
            var otto = Keycloak.customerSession("otto");
            var a = customer("redeliver-" + run + "-a", otto);
            var b = customer("redeliver-" + run + "-b", otto);
            scenario(a, b);
            awaitLagZero(admin);
            sleep(2_000);
            Instant to = Instant.now();
            sleep(1_000);
            var endOffsets = endOffsets(admin, startOffsets.keySet());
            var before = snapshot(a, b, from, to);
            log("state before the redelivery: %s", summary(before));

            // ---- redeliver every record of the scenario 0-2 more times
            var random = new Random(seed);
            var copies = new TreeMap<String, int[]>();
            int sent = 0;
            var props = kafka();
            props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
            props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
            props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            var producerProps = kafka();
            producerProps.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            producerProps.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
            try (var consumer = new KafkaConsumer<byte[], byte[]>(props);
                    var producer = new KafkaProducer<byte[], byte[]>(producerProps)) {
                var parts = new ArrayList<>(startOffsets.keySet());
                consumer.assign(parts);
                parts.forEach(p -> consumer.seek(p, startOffsets.get(p)));
                long deadline = System.currentTimeMillis() + 60_000;
                while (parts.stream().anyMatch(p -> consumer.position(p) < endOffsets.get(p))
                        && System.currentTimeMillis() < deadline) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                        var tp = new TopicPartition(r.topic(), r.partition());
                        if (r.offset() >= endOffsets.get(tp)) {
                            continue;
                        }
                        String type = type(r.value());
                        // the first record of each type is delivered three times, so every type is redelivered; the
                        // others 1-3 times
                        boolean firstOfType = !copies.containsKey(r.topic() + " " + type);
                        int n = firstOfType ? 2 : random.nextInt(3);
                        copies.computeIfAbsent(r.topic() + " " + type, k -> new int[4])[n]++;
                        for (int i = 0; i < n; i++) {
                            producer.send(new ProducerRecord<>(
                                    r.topic(), r.partition(), r.timestamp(), r.key(), r.value(), r.headers()));
                            sent++;
                        }
                    }
                }
                producer.flush();
                assertThat(parts)
                        .as("read every record of the scenario")
                        .allMatch(p -> consumer.position(p) >= endOffsets.get(p));
            }
            log("re-published %d records; by topic and type [delivered once, twice, three times]:", sent);
            copies.forEach((k, v) -> log("  %-70s %d / %d / %d", k, v[0], v[1], v[2]));
            var seen = copies.keySet().stream()
                    .map(k -> k.substring(k.indexOf(' ') + 1))
                    .collect(java.util.stream.Collectors.toSet());
            assertThat(seen).as("the event and command types of the scenario").containsAll(EXPECTED_TYPES);

            // ---- let every consumer catch up, then nothing may have changed
            awaitLagZero(admin);
            sleep(3_000);
            awaitLagZero(admin);
            var after = snapshot(a, b, from, to);
            log("state after the redelivery:  %s", summary(after));
            var changed = new ArrayList<String>();
            before.forEach((k, v) -> {
                if (!v.equals(after.get(k))) {
                    changed.add(k + ": " + v + " -> " + after.get(k));
                }
            });
            after.keySet().stream()
                    .filter(k -> !before.containsKey(k))
                    .forEach(k -> changed.add(k + ": new " + after.get(k)));
            long dead = 0;
            var dlqEnd = endOffsets(admin, dlqStart.keySet());
            for (var e : dlqStart.entrySet()) {
                long d = dlqEnd.get(e.getKey()) - e.getValue();
                if (d > 0) {
                    changed.add("dead-lettered: " + d + " records in " + e.getKey());
                    dead += d;
                }
            }
            log("dead-letter records since the scenario began: %d; differences: %d", dead, changed.size());
            changed.forEach(c -> log("  %s", c));
            assertThat(changed)
                    .as("state changed by redelivered events and commands (seed %d)", seed)
                    .isEmpty();
        }
    }

    // ------------------------------------------------------------------------------------------------ the scenario
    record Customer(
            String name, String subject, String walletId, Map<String, String> accounts, Keycloak.DpopSession session) {}

    private void scenario(Customer a, Customer b) {
        var funding = new Funding();
        String pay = Stack.serviceUrl("payment");
        // card top-ups: credited (top_up.credit / top_up.credited), one refunded (top_up.reverse / top_up.reversed)
        var topUp = funding.topUp(a.session(), a.walletId(), 45_000, "CNY");
        track(
                "top-up " + topUp.path("id").asText(),
                pay + "/v1/top_ups/" + topUp.path("id").asText(),
                a);
        var topUpB = funding.topUp(b.session(), b.walletId(), 20_000, "CNY");
        track(
                "top-up " + topUpB.path("id").asText(),
                pay + "/v1/top_ups/" + topUpB.path("id").asText(),
                b);
        String topUpRefunds = pay + "/v1/top_ups/" + topUp.path("id").asText() + "/refunds";
        var reversed = post(topUpRefunds, a.session().headers("POST", topUpRefunds), Map.of("amount", 5_000));
        assertThat(reversed.status()).as(reversed.body()).isEqualTo(201);
        // a top-up into someone else's wallet: top_up.refused, the card charge refunded
        var foreign = funding.create(b.session(), a.walletId(), 3_000, "CNY");
        assertThat(foreign.status()).as(foreign.body()).isEqualTo(201);
        String foreignId = foreign.json().path("id").asText();
        var charged = funding.confirm(b.session(), foreignId, funding.tokenise(b.session(), Funding.approvedCard()));
        assertThat(charged.status()).as(charged.body()).isEqualTo(200);
        track("top-up " + foreignId, pay + "/v1/top_ups/" + foreignId, b);

        // wallet payments: one-step capture, two-step capture, voided, refused for lack of funds; refunds to the wallet
        String auto = walletPayment(a, 2_500, "automatic");
        confirmAndSettle(a, auto);
        String manual = walletPayment(a, 3_000, "manual");
        confirmAndSettle(a, manual);
        var capture = post(
                pay + "/v1/payment_intents/" + manual + "/capture", merchantKey(), Map.of("amount_to_capture", 2_000));
        assertThat(capture.status()).as(capture.body()).isEqualTo(200);
        String voided = walletPayment(a, 1_000, "manual");
        confirmAndSettle(a, voided);
        var cancel = post(pay + "/v1/payment_intents/" + voided + "/cancel", merchantKey(), Map.of());
        assertThat(cancel.status()).as(cancel.body()).isEqualTo(200);
        String refused = walletPayment(
                b, 30_000, "automatic"); // above b's balance (200.00), below the SCA threshold: hold.refused
        confirmAndSettle(b, refused);
        var refund = post(pay + "/v1/payment_intents/" + auto + "/refunds", merchantKey(), Map.of("amount", 700));
        assertThat(refund.status()).as(refund.body()).isEqualTo(201);
        var refund2 = post(pay + "/v1/payment_intents/" + manual + "/refunds", merchantKey(), Map.of("amount", 2_000));
        assertThat(refund2.status()).as(refund2.body()).isEqualTo(201);

        // a card payment (merchant confirms with the customer's token), refunded in part to the card
        String token = funding.tokenise(a.session(), Funding.approvedCard());
        var card = post(
                pay + "/v1/payment_intents",
                merchantKey(),
                Map.of(
                        "amount",
                        4_200,
                        "currency",
                        "CNY",
                        "customer",
                        a.subject(),
                        "payment_method_type",
                        "card",
                        "capture_method",
                        "automatic"));
        assertThat(card.status()).as(card.body()).isEqualTo(201);
        String cardId = card.json().path("id").asText();
        track("intent " + cardId, pay + "/v1/payment_intents/" + cardId, null);
        var cardConfirm = post(
                pay + "/v1/payment_intents/" + cardId + "/confirm",
                merchantKey(),
                Map.of("payment_method_type", "card", "payment_method", token, "cvc", Funding.CVC));
        assertThat(cardConfirm.status()).as(cardConfirm.body()).isEqualTo(200);
        settle(
                () -> get(pay + "/v1/payment_intents/" + cardId, merchant()),
                n -> "succeeded".equals(n.path("status").asText()));
        var cardRefund =
                post(pay + "/v1/payment_intents/" + cardId + "/refunds", merchantKey(), Map.of("amount", 1_200));
        assertThat(cardRefund.status()).as(cardRefund.body()).isEqualTo(201);

        // wallet-service's own moves: a transfer and a payment to the merchant
        String transfer = Stack.serviceUrl("wallet") + "/v1/wallets/" + a.walletId() + "/transfers";
        var moved = post(
                transfer,
                Funding.idempotent(a.session().headers("POST", transfer)),
                Map.of("amount", Map.of("minor", 1_500, "currency", "CNY"), "toWalletId", b.walletId()));
        assertThat(moved.status()).as(moved.body()).isEqualTo(201);
        String walletPay = Stack.serviceUrl("wallet") + "/v1/wallets/" + b.walletId() + "/payments";
        var paid = post(
                walletPay,
                Funding.idempotent(b.session().headers("POST", walletPay)),
                Map.of("amount", Map.of("minor", 800, "currency", "CNY"), "merchantId", "demo-merchant-a"));
        assertThat(paid.status()).as(paid.body()).isEqualTo(201);

        // payouts: paid (payout.hold, payout.settle), rejected by the bank (hold voided), paid then returned
        // (payout.return)
        var payouts = new ArrayList<String>();
        for (String kind : List.of("0000", "0002", "0077")) {
            String url = pay + "/v1/payouts";
            var p = post(
                    url,
                    Funding.idempotent(a.session().headers("POST", url)),
                    Map.of(
                            "wallet_id",
                            a.walletId(),
                            "bank_account",
                            a.accounts().get(kind),
                            "amount",
                            1_000,
                            "currency",
                            "CNY"));
            assertThat(p.status()).as(p.body()).isEqualTo(201);
            payouts.add(p.json().path("id").asText());
            track(
                    "payout " + p.json().path("id").asText(),
                    url + "/" + p.json().path("id").asText(),
                    a);
        }

        // everything settles: refunds, top-up credits and reversals, payouts (the returns feed is read every 15 s)
        for (var e : objects.entrySet()) {
            settle(() -> read(e.getKey(), e.getValue()), n -> settledState(e.getKey(), n));
        }
        for (String id : List.of(auto, manual, cardId)) {
            settle(
                    () -> get(pay + "/v1/payment_intents/" + id + "/refunds", merchant()),
                    n -> n.findValuesAsText("status").stream().noneMatch("pending"::equals));
        }
        settle(
                () -> read("payout " + payouts.get(2), pay + "/v1/payouts/" + payouts.get(2)),
                n -> "returned".equals(n.path("status").asText()));
    }

    private boolean settledState(String name, JsonNode n) {
        String status = n.path("status").asText();
        if (name.startsWith("intent")) {
            return FINAL_INTENT.contains(status);
        }
        if (name.startsWith("top-up")) {
            return !"succeeded".equals(status)
                    || (Set.of("credited", "refused")
                                    .contains(n.path("credit_status").asText())
                            && ("credited".equals(n.path("credit_status").asText())
                                    || n.path("amount_refunded").asLong()
                                            == n.path("amount").asLong()));
        }
        return Set.of("paid", "failed", "returned", "canceled").contains(status);
    }

    private String walletPayment(Customer c, long amount, String capture) {
        String url = Stack.serviceUrl("payment") + "/v1/payment_intents";
        var created = post(
                url,
                merchantKey(),
                Map.of(
                        "amount",
                        amount,
                        "currency",
                        "CNY",
                        "customer",
                        c.subject(),
                        "payment_method_type",
                        "wallet",
                        "capture_method",
                        capture));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().path("id").asText();
        track("intent " + id, url + "/" + id, null);
        return id;
    }

    private void confirmAndSettle(Customer c, String id) {
        String url = Stack.serviceUrl("payment") + "/v1/payment_intents/" + id + "/confirm";
        var r = post(
                url, Funding.idempotent(c.session().headers("POST", url)), Map.of("payment_method_type", "wallet"));
        assertThat(r.status()).as(r.body()).isIn(200, 402);
        settle(
                () -> get(Stack.serviceUrl("payment") + "/v1/payment_intents/" + id, merchant()),
                n -> FINAL_INTENT.contains(n.path("status").asText()));
    }

    // ------------------------------------------------------------------------------------------------ the state
    /** Everything a redelivered event or command could change, as seen from the outside. */
    private Map<String, String> snapshot(Customer a, Customer b, Instant from, Instant to) {
        var state = new TreeMap<String, String>();
        for (var c : List.of(a, b)) {
            String w = Stack.serviceUrl("wallet") + "/v1/wallets/" + c.walletId();
            var wallet = get(w, c.session().headers("GET", w));
            state.put(
                    "wallet " + c.name(),
                    wallet.path("balance").toString() + " available "
                            + wallet.path("available").toString());
            var lines = new ArrayList<String>();
            String cursor = null;
            do {
                String url = w + "/statement?limit=100"
                        + (cursor == null
                                ? ""
                                : "&cursor=" + java.net.URLEncoder.encode(cursor, StandardCharsets.UTF_8));
                var page = get(url, c.session().headers("GET", url));
                page.path("items")
                        .forEach(i -> lines.add(i.path("type").asText() + " "
                                + i.path("direction").asText() + " "
                                + i.path("amount").path("minor").asText()));
                cursor = page.path("nextCursor").asText(null);
            } while (cursor != null);
            state.put("statement " + c.name(), lines.size() + " entries " + lines);
        }
        for (var e : objects.entrySet()) {
            var n = read(e.getKey(), e.getValue());
            state.put(
                    e.getKey(),
                    n.path("status").asText() + " received "
                            + n.path("amount_received").asText("-") + " refunded "
                            + n.path("amount_refunded").asText("-") + " credit "
                            + n.path("credit_status").asText("-"));
            if (e.getKey().startsWith("intent")) {
                state.put(
                        e.getKey() + " refunds",
                        get(e.getValue() + "/refunds", merchant()).toString());
            }
        }
        var ada = Keycloak.customerSession("ada");
        String invariants = Stack.serviceUrl("wallet") + "/v1/wallet-admin/invariants";
        state.put(
                "ledger invariants",
                get(invariants, ada.headers("GET", invariants)).toString());
        // the audit trail: records whose time falls in the scenario's window, by source, event type and action
        var counts = new TreeMap<String, Integer>();
        long after = 0;
        int total = 0;
        while (true) {
            String url = Stack.serviceUrl("audit") + "/v1/audit/search?limit=100&from=" + from + "&to=" + to + "&after="
                    + after;
            var page = get(url, ada.headers("GET", url));
            for (var r : page.path("records")) {
                counts.merge(
                        r.path("sourceService").asText() + " "
                                + r.path("eventType").asText() + " "
                                + r.path("action").asText(),
                        1,
                        Integer::sum);
                total++;
            }
            if (page.path("nextCursor").isNull()
                    || page.path("nextCursor").isMissingNode()
                    || page.path("records").isEmpty()) {
                break;
            }
            after = page.path("nextCursor").asLong();
        }
        state.put("audit records in the scenario window", Integer.toString(total));
        counts.forEach((k, v) -> state.put("audit " + k, Integer.toString(v)));
        String verify = Stack.serviceUrl("audit") + "/v1/audit/chain/verifications?mode=full";
        var verified = http.send("POST", verify, ada.headers("POST", verify), null);
        state.put(
                "audit chain intact",
                Boolean.toString(verified.status() == 200
                        && verified.json().path("intact").asBoolean()));
        return state;
    }

    private static String summary(Map<String, String> state) {
        var s = new LinkedHashMap<String, String>();
        state.forEach((k, v) -> {
            if (k.startsWith("wallet ")
                    || k.equals("audit records in the scenario window")
                    || k.equals("audit chain intact")
                    || k.equals("ledger invariants")) {
                s.put(k, v);
            } else if (k.startsWith("statement ")) {
                s.put(k, v.substring(0, v.indexOf(" entries") + 8));
            }
        });
        return s + " and " + state.size() + " values in all";
    }

    // ------------------------------------------------------------------------------------------------ Kafka
    private static Properties kafka() {
        var props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Stack.get("KAFKA_BOOTSTRAP_SERVERS"));
        return props;
    }

    private static List<TopicPartition> topics(Admin admin, Predicate<String> which) throws Exception {
        var names = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                .filter(which)
                .toList();
        var parts = new ArrayList<TopicPartition>();
        admin.describeTopics(names)
                .allTopicNames()
                .get(30, TimeUnit.SECONDS)
                .forEach((t, d) -> d.partitions().forEach(p -> parts.add(new TopicPartition(t, p.partition()))));
        return parts;
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin, java.util.Collection<TopicPartition> parts)
            throws Exception {
        var spec = new HashMap<TopicPartition, OffsetSpec>();
        parts.forEach(p -> spec.put(p, OffsetSpec.latest()));
        var result = new HashMap<TopicPartition, Long>();
        admin.listOffsets(spec).all().get(30, TimeUnit.SECONDS).forEach((p, o) -> result.put(p, o.offset()));
        return result;
    }

    /** Every stable consumer group has committed up to the end of each partition it reads. */
    private void awaitLagZero(Admin admin) {
        long start = System.currentTimeMillis();
        var detail = new String[1];
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions()
                .untilAsserted(() -> {
                    var parts = KafkaLag.ofStableGroups(admin);
                    detail[0] = parts.toString();
                    assertThat(parts).as("consumer lag").isEmpty();
                });
        log("consumer lag 0 after %.1f s", (System.currentTimeMillis() - start) / 1000.0);
    }

    private static String type(byte[] value) {
        try {
            return Http.JSON
                    .readTree(new String(value, StandardCharsets.UTF_8))
                    .path("type")
                    .asText("?")
                    .replace("io.payguard.", "");
        } catch (Exception e) {
            return "?";
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers
    private Customer customer(String name, Keycloak.DpopSession otto) {
        Keycloak.ensureCustomer(name);
        var first = Keycloak.customerSession(name);
        String me = Stack.serviceUrl("payment") + "/v1/me";
        String subject = get(me, first.headers("GET", me)).get("subject").asText();
        String kyc = Stack.serviceUrl("auth") + "/v1/customers/" + subject + "/kyc";
        var tier = http.send(
                "PUT",
                kyc,
                otto.headers("PUT", kyc),
                Map.of("tier", 3, "evidenceRef", "redelivery-" + name, "reason", "redelivery suite"));
        assertThat(tier.status()).as(tier.body()).isEqualTo(200);
        var session = Keycloak.customerSession(name);
        String wallets = Stack.serviceUrl("wallet") + "/v1/wallets";
        var opened = http.send(
                "POST", wallets, Funding.idempotent(session.headers("POST", wallets)), Map.of("currency", "CNY"));
        assertThat(opened.status()).as(opened.body()).isIn(200, 201);
        var accounts = new HashMap<String, String>();
        var random = new Random(seed ^ name.hashCode());
        for (String kind : List.of("0000", "0002", "0077")) {
            String url = Stack.serviceUrl("payment") + "/v1/bank_accounts";
            var r = http.send(
                    "POST",
                    url,
                    session.headers("POST", url),
                    Map.of(
                            "account_number",
                            "6222" + String.format("%08d", random.nextInt(100_000_000)) + kind,
                            "bank_code",
                            "ICBKCNBJ",
                            "holder_name",
                            name));
            assertThat(r.status()).as(r.body()).isEqualTo(201);
            accounts.put(kind, r.json().get("id").asText());
        }
        return new Customer(name, subject, opened.json().get("id").asText(), accounts, session);
    }

    private void track(String name, String url, Customer owner) {
        objects.put(name, url + (owner == null ? "" : "#" + owner.name()));
        owners.put(name, owner);
    }

    private final Map<String, Customer> owners = new HashMap<>();

    private JsonNode read(String name, String url) {
        String clean = url.contains("#") ? url.substring(0, url.indexOf('#')) : url;
        var owner = owners.get(name);
        return get(clean, owner == null ? merchant() : owner.session().headers("GET", clean));
    }

    private synchronized Map<String, String> merchant() {
        if (merchantToken == null || System.currentTimeMillis() - merchantTokenAt > 240_000) {
            merchantToken = Keycloak.clientCredentials("demo-merchant-a", Stack.get("PAYGUARD_MERCHANT_A_SECRET"));
            merchantTokenAt = System.currentTimeMillis();
        }
        return Map.of("Authorization", "Bearer " + merchantToken);
    }

    private Map<String, String> merchantKey() {
        return Funding.idempotent(merchant());
    }

    private Http.Response post(String url, Map<String, String> headers, Object body) {
        return http.send("POST", url, headers, body);
    }

    private JsonNode get(String url, Map<String, String> headers) {
        var last = new Http.Response[1];
        await().atMost(Duration.ofSeconds(60))
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

    private static void settle(Supplier<JsonNode> read, Predicate<JsonNode> done) {
        await().atMost(Duration.ofSeconds(90))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    var n = read.get();
                    assertThat(done.test(n)).as(String.valueOf(n)).isTrue();
                });
    }

    private static void sleep(long ms) {
        try {
            TimeUnit.MILLISECONDS.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void log(String format, Object... args) {
        System.out.printf(
                "[redelivery %6.1f s] %s%n", (System.currentTimeMillis() - t0) / 1000.0, String.format(format, args));
    }
}

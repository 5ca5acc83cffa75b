package io.payguard.wallet;

import static io.payguard.wallet.WalletApiTest.as;
import static io.payguard.wallet.WalletApiTest.customer;
import static io.payguard.wallet.WalletApiTest.open;
import static io.payguard.wallet.WalletApiTest.topUp;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.payguard.platform.testing.LocalKafka;
import io.payguard.platform.testing.MerchantFixtures;
import io.payguard.platform.testing.PayGuardTestInfrastructure;
import io.payguard.platform.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * The payment-service side of the wallet over a real broker: every command is delivered one to three times;
 * each has exactly one effect and one answer (re-published, same event id, on redelivery); poison goes to
 * {@code wallet.commands.dlq} with the reason.
 */
@QuarkusTest
@QuarkusTestResource(value = PayGuardTestInfrastructure.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class WalletCommandsTest {

    static final ObjectMapper JSON = new ObjectMapper();
    KafkaProducer<String, String> producer;

    @BeforeEach
    void connect() {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                LocalKafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class.getName()));
    }

    @AfterEach
    void close() {
        producer.close();
    }

    String command(String type, String paymentId, String data) {
        String id = UUID.randomUUID().toString();
        return id + "|" + event(id, type, paymentId, data);
    }

    /** A wallet command as the payment service's outbox sends it. */
    static String event(String id, String type, String paymentId, String data) {
        return """
                {"specversion":"1.0","id":"%s","source":"/payguard/payment-service","type":"io.payguard.wallet.%s",
                 "time":"2026-11-26T10:00:00Z","datacontenttype":"application/json","data":{"paymentId":"%s",%s}}
                """.formatted(id, type, paymentId, data);
    }

    /** Sends the command {@code times} times; returns its id. */
    String send(String command, String key, int times) throws Exception {
        String[] parts = command.split("\\|", 2);
        for (int i = 0; i < times; i++) {
            var record = new ProducerRecord<>("wallet.commands", key, parts[1]);
            record.headers().add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
            producer.send(record).get();
        }
        return parts[0];
    }

    /**
     * Answers to {@code commandId} on {@code wallet.events} (read from the start), once {@code done} holds for them
     * (or 30 s passed).
     */
    List<JsonNode> answers(String commandId, Predicate<List<JsonNode>> done) {
        return answersTo(
                commandId,
                LocalKafka.read(
                        "wallet.events", read -> done.test(answersTo(commandId, read)), Duration.ofSeconds(30)));
    }

    private static List<JsonNode> answersTo(String commandId, List<ConsumerRecord<String, String>> records) {
        return records.stream()
                .filter(r -> r.value() != null && r.value().contains(commandId))
                .map(r -> json(r.value()))
                .filter(e -> commandId.equals(e.path("data").path("causationId").asText()))
                .toList();
    }

    static JsonNode json(String value) {
        try {
            return JSON.readTree(value);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static JsonNode single(List<JsonNode> answers) {
        assertThat(answers).isNotEmpty();
        assertThat(answers.stream().map(a -> a.path("id").asText()).distinct())
                .as("one answer, maybe re-published")
                .hasSize(1);
        return answers.get(0);
    }

    static long available(String token, String wallet) {
        return as(token)
                .get("/v1/wallets/" + wallet)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("available.minor");
    }

    long balance(String token, String wallet) {
        return as(token)
                .get("/v1/wallets/" + wallet)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("balance.minor");
    }

    @Test
    void eachCommandHasOneEffectAndOneAnswerHoweverOftenItIsDelivered() throws Exception {
        String sub = "payer-" + UUID.randomUUID();
        String token = customer(sub, "2");
        String wallet = open(token, null);
        topUp(token, wallet, 100_000);
        String payment = "pay-" + UUID.randomUUID();
        String expires = Instant.now().plus(Duration.ofMinutes(15)).toString();

        // place: once, then twice more after the answer is out -> the same answer is published again
        String place = send(command("hold.place.v1", payment, """
                "customerId":"%s","merchantId":"demo-merchant-a","amount":{"minor":30000,"currency":"CNY"},"expiresAt":"%s","reference":"order 17"
                """.formatted(sub, expires)), payment, 1);
        var placed = single(answers(place, a -> !a.isEmpty()));
        assertThat(placed.path("type").asText()).isEqualTo("io.payguard.wallet.hold.placed.v1");
        assertThat(placed.path("data").path("walletId").asText()).isEqualTo(wallet);
        String holdId = placed.path("data").path("holdId").asText();
        resend(place, payment, """
                "customerId":"%s","merchantId":"demo-merchant-a","amount":{"minor":30000,"currency":"CNY"},"expiresAt":"%s"
                """.formatted(sub, expires), "hold.place.v1", 2);
        var placedAgain = answers(place, a -> a.size() >= 2);
        assertThat(placedAgain).hasSizeGreaterThanOrEqualTo(2);
        single(placedAgain);
        assertThat(available(token, wallet)).isEqualTo(70_000);

        // partial capture, delivered twice: 25,000 moves once, 5,000 is released
        String capture = send(command("hold.capture.v1", payment, """
                "holdId":"%s","amount":{"minor":25000,"currency":"CNY"}""".formatted(holdId)), payment, 2);
        var captured = single(answers(capture, a -> !a.isEmpty()));
        assertThat(captured.path("type").asText()).isEqualTo("io.payguard.wallet.hold.captured.v1");
        assertThat(captured.path("data").path("released").path("minor").asLong())
                .isEqualTo(5_000);
        assertThat(balance(token, wallet)).isEqualTo(75_000);
        assertThat(available(token, wallet)).isEqualTo(75_000);
        var posted = ledgerEvent(captured.path("data").path("entryId").asText());
        assertThat(posted.path("type").asText()).isEqualTo("io.payguard.ledger.entry.posted.v1");
        assertThat(posted.path("data").path("kind").asText()).isEqualTo("hold_capture");
        long sum = 0;
        for (var leg : posted.path("data").path("postings")) {
            sum += leg.path("amount").path("minor").asLong();
        }
        assertThat(sum).as("the announced entry balances").isZero();
        assertThat(posted.toString())
                .as("no customer identity in ledger events")
                .doesNotContain(sub);

        // a second hold voided (three deliveries), and a capture of an unknown hold rejected
        String payment2 = "pay-" + UUID.randomUUID();
        String place2 = send(command("hold.place.v1", payment2, """
                "customerId":"%s","merchantId":"demo-merchant-a","amount":{"minor":1000,"currency":"CNY"},"expiresAt":"%s"
                """.formatted(sub, expires)), payment2, 1);
        String hold2 = single(answers(place2, a -> !a.isEmpty()))
                .path("data")
                .path("holdId")
                .asText();
        String voidCmd = send(command("hold.void.v1", payment2, "\"holdId\":\"%s\"".formatted(hold2)), payment2, 3);
        var voided = single(answers(voidCmd, a -> !a.isEmpty()));
        assertThat(voided.path("type").asText()).isEqualTo("io.payguard.wallet.hold.voided.v1");
        assertThat(voided.path("data").path("released").path("minor").asLong()).isEqualTo(1_000);
        String bogus = send(command("hold.capture.v1", payment2, """
                "holdId":"%s","amount":{"minor":1,"currency":"CNY"}""".formatted(UUID.randomUUID())), payment2, 1);
        assertThat(single(answers(bogus, a -> !a.isEmpty()))
                        .path("data")
                        .path("reason")
                        .asText())
                .isEqualTo("unknown_hold");

        // refund of 10,000 from the merchant's settlement buckets, delivered three times
        String refund = send(command("refund.v1", payment, """
                "refundId":"rf-1","merchantId":"demo-merchant-a","customerId":"%s","amount":{"minor":10000,"currency":"CNY"}""".formatted(sub)), payment, 3);
        var refunded = single(answers(refund, a -> !a.isEmpty()));
        assertThat(refunded.path("type").asText()).isEqualTo("io.payguard.wallet.refund.completed.v1");
        // a hold for a customer without a wallet is refused with a reason
        String nobody = send(command("hold.place.v1", "pay-x", """
                "customerId":"nobody","merchantId":"demo-merchant-a","amount":{"minor":1,"currency":"CNY"},"expiresAt":"%s"
                """.formatted(expires)), "pay-x", 2);
        assertThat(single(answers(nobody, a -> !a.isEmpty()))
                        .path("data")
                        .path("reason")
                        .asText())
                .isEqualTo("wallet_not_found");

        assertThat(balance(token, wallet)).isEqualTo(85_000);
        assertThat(available(token, wallet)).isEqualTo(85_000);
        given().auth()
                .oauth2(TestTokens.token("otto", WalletApiTest.audience(), "operator"))
                .get("/v1/wallet-admin/invariants")
                .then()
                .statusCode(200)
                .body("ok", equalTo(true));
    }

    /**
     * A hold for a merchant the directory does not know, or knows as suspended, is refused with the reason and holds
     * nothing, captured or not; once the merchant is active again, the same kind of command is placed.
     */
    @Test
    void holdsForUnknownOrSuspendedMerchantsAreRefusedAndHoldNothing() throws Exception {
        String sub = "payer-" + UUID.randomUUID();
        String token = customer(sub, "2");
        String wallet = open(token, null);
        topUp(token, wallet, 40_000);
        String expires = Instant.now().plus(Duration.ofMinutes(15)).toString();
        String shop = "shop-" + UUID.randomUUID().toString().substring(0, 8);

        for (String capture : List.of("false", "true")) {
            String payment = "pay-" + UUID.randomUUID();
            String place = send(command("hold.place.v1", payment, """
                    "customerId":"%s","merchantId":"no-such-merchant","amount":{"minor":1000,"currency":"CNY"},"expiresAt":"%s","capture":%s
                    """.formatted(sub, expires, capture)), payment, 2);
            var refused = single(answers(place, a -> !a.isEmpty()));
            assertThat(refused.path("type").asText()).isEqualTo("io.payguard.wallet.hold.refused.v1");
            assertThat(refused.path("data").path("reason").asText()).isEqualTo("merchant_not_found");
        }

        MerchantFixtures.publish(shop, false, "CNY", 100_000, 1_000_000);
        // the state reaches the directory asynchronously: until then the shop is unknown (a refusal too)
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> placeFor(sub, shop, expires), r -> "merchant_inactive".equals(r));
        assertThat(balance(token, wallet)).isEqualTo(40_000);
        assertThat(available(token, wallet)).isEqualTo(40_000);

        MerchantFixtures.publish(shop, true, "CNY", 100_000, 1_000_000);
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> placeFor(sub, shop, expires), r -> "placed".equals(r));
        assertThat(available(token, wallet)).isEqualTo(39_000);
    }

    /** Places a hold of 1,000 for {@code merchant}; answers {@code placed} or the refusal's reason. */
    private String placeFor(String sub, String merchant, String expires) throws Exception {
        String payment = "pay-" + UUID.randomUUID();
        String place = send(command("hold.place.v1", payment, """
                "customerId":"%s","merchantId":"%s","amount":{"minor":1000,"currency":"CNY"},"expiresAt":"%s"
                """.formatted(sub, merchant, expires)), payment, 1);
        var answer = single(answers(place, a -> !a.isEmpty()));
        return answer.path("type").asText().endsWith("hold.placed.v1")
                ? "placed"
                : answer.path("data").path("reason").asText();
    }

    @Test
    void placeWithCaptureDebitsOnceInOneTransactionHoweverOftenItIsDelivered() throws Exception {
        String sub = "payer-" + UUID.randomUUID();
        String token = customer(sub, "2");
        String wallet = open(token, null);
        topUp(token, wallet, 50_000);
        String payment = "pay-" + UUID.randomUUID();
        String expires = Instant.now().plus(Duration.ofMinutes(15)).toString();
        String data = """
                "customerId":"%s","merchantId":"demo-merchant-b","amount":{"minor":20000,"currency":"CNY"},"expiresAt":"%s","reference":"%s","capture":true
                """.formatted(sub, expires, payment);

        // three deliveries at once, then two more after the answer is out: one debit, one answer (same id)
        String place = send(command("hold.place.v1", payment, data), payment, 3);
        var captured = single(answers(place, a -> !a.isEmpty()));
        assertThat(captured.path("type").asText()).isEqualTo("io.payguard.wallet.hold.captured.v1");
        var d = captured.path("data");
        assertThat(d.path("paymentId").asText()).isEqualTo(payment);
        assertThat(d.path("walletId").asText()).isEqualTo(wallet);
        assertThat(d.path("amount").path("minor").asLong()).isEqualTo(20_000);
        assertThat(d.path("amount").path("currency").asText()).isEqualTo("CNY");
        assertThat(d.path("released").path("minor").asLong()).isZero();
        String holdId = d.path("holdId").asText();
        assertThat(UUID.fromString(holdId)).isNotNull();
        resend(place, payment, data, "hold.place.v1", 2);
        single(answers(place, a -> a.size() >= 2));
        assertThat(balance(token, wallet)).isEqualTo(30_000);
        assertThat(available(token, wallet)).as("no hold is left behind").isEqualTo(30_000);

        var posted = ledgerEvent(d.path("entryId").asText());
        assertThat(posted.path("data").path("kind").asText()).isEqualTo("hold_capture");
        assertThat(posted.path("data").path("reference").asText()).isEqualTo(payment);
        long sum = 0;
        var accounts = new ArrayList<String>();
        for (var leg : posted.path("data").path("postings")) {
            sum += leg.path("amount").path("minor").asLong();
            accounts.add(leg.path("accountId").asText() + " "
                    + leg.path("amount").path("minor").asLong());
        }
        assertThat(sum).as("the announced entry balances").isZero();
        assertThat(accounts)
                .hasSize(2)
                .contains(wallet + " -20000")
                .anyMatch(a -> a.startsWith("m:demo-merchant-b:CNY:") && a.endsWith(" 20000"));

        // the hold is captured: a void of it is rejected, nothing comes back
        String voidCmd = send(command("hold.void.v1", payment, "\"holdId\":\"%s\"".formatted(holdId)), payment, 1);
        assertThat(single(answers(voidCmd, a -> !a.isEmpty()))
                        .path("data")
                        .path("reason")
                        .asText())
                .isEqualTo("hold_not_active");

        // more than is left: refused exactly as a plain hold, nothing moves
        String payment2 = "pay-" + UUID.randomUUID();
        String refused = send(command("hold.place.v1", payment2, """
                "customerId":"%s","merchantId":"demo-merchant-b","amount":{"minor":30001,"currency":"CNY"},"expiresAt":"%s","capture":true
                """.formatted(sub, expires)), payment2, 2);
        var refusal = single(answers(refused, a -> !a.isEmpty()));
        assertThat(refusal.path("type").asText()).isEqualTo("io.payguard.wallet.hold.refused.v1");
        assertThat(refusal.path("data").path("reason").asText()).isEqualTo("insufficient_funds");
        assertThat(balance(token, wallet)).isEqualTo(30_000);
        assertThat(available(token, wallet)).isEqualTo(30_000);

        // a refund after the one-step capture works as after a two-step one
        String refund = send(command("refund.v1", payment, """
                "refundId":"rf-1s","merchantId":"demo-merchant-b","customerId":"%s","amount":{"minor":5000,"currency":"CNY"}""".formatted(sub)), payment, 2);
        assertThat(single(answers(refund, a -> !a.isEmpty())).path("type").asText())
                .isEqualTo("io.payguard.wallet.refund.completed.v1");
        assertThat(balance(token, wallet)).isEqualTo(35_000);
        given().auth()
                .oauth2(TestTokens.token("otto", WalletApiTest.audience(), "operator"))
                .get("/v1/wallet-admin/invariants")
                .then()
                .statusCode(200)
                .body("ok", equalTo(true));
    }

    /** The ledger event announcing {@code entryId}, from {@code ledger.events}. */
    private JsonNode ledgerEvent(String entryId) {
        return json(LocalKafka.awaitRecord(
                        "ledger.events",
                        v -> v.contains(entryId)
                                && entryId.equals(
                                        json(v).path("data").path("entryId").asText()),
                        "ledger event for entry " + entryId,
                        Duration.ofSeconds(30))
                .value());
    }

    private void resend(String commandId, String paymentId, String data, String type, int times) throws Exception {
        send(commandId + "|" + event(commandId, type, paymentId, data), paymentId, times);
    }

    /**
     * A captured card top-up reaches the wallet as {@code top_up.credit.v1}: credited once however often it is delivered,
     * only to the paying customer's own wallet in the charge's currency; anything else is refused with nothing moved, so
     * the payment service refunds the card. A malformed amount is poison, never a truncated credit.
     */
    @Test
    void aTopUpIsCreditedOnceAndOnlyToThePayersOwnWalletInItsCurrency() throws Exception {
        String sub = "payer-" + UUID.randomUUID();
        String token = customer(sub, "2");
        String wallet = open(token, null);
        String other = "other-" + UUID.randomUUID();
        String othersWallet = open(customer(other, "2"), null);

        String payment = "pi_" + UUID.randomUUID().toString().replace("-", "");
        String credit = send(command("top_up.credit.v1", payment, """
                "walletId":"%s","customerId":"%s","amount":{"minor":12345,"currency":"CNY"}""".formatted(wallet, sub)), payment, 3);
        var credited = single(answers(credit, a -> !a.isEmpty()));
        assertThat(credited.path("type").asText()).isEqualTo("io.payguard.wallet.top_up.credited.v1");
        assertThat(credited.path("data").path("walletId").asText()).isEqualTo(wallet);
        assertThat(credited.path("data").path("amount").path("minor").asLong()).isEqualTo(12_345);
        var posted = ledgerEvent(credited.path("data").path("entryId").asText());
        assertThat(posted.path("data").path("kind").asText()).isEqualTo("top_up");
        assertThat(balance(token, wallet)).isEqualTo(12_345);

        // the same payment's credit re-sent with the same command id: the stored answer again, no second credit
        resend(credit, payment, """
                "walletId":"%s","customerId":"%s","amount":{"minor":12345,"currency":"CNY"}""".formatted(wallet, sub), "top_up.credit.v1", 1);
        single(answers(credit, a -> a.size() >= 2));
        assertThat(balance(token, wallet)).isEqualTo(12_345);

        // a refund of part of the top-up takes the money back out (kind top_up_refund); more than is there is refused
        String reverse = send(command("top_up.reverse.v1", payment, """
                "refundId":"re_1","walletId":"%s","customerId":"%s","amount":{"minor":2345,"currency":"CNY"}""".formatted(wallet, sub)), payment, 2);
        var reversed = single(answers(reverse, a -> !a.isEmpty()));
        assertThat(reversed.path("type").asText()).isEqualTo("io.payguard.wallet.top_up.reversed.v1");
        assertThat(ledgerEvent(reversed.path("data").path("entryId").asText())
                        .path("data")
                        .path("kind")
                        .asText())
                .isEqualTo("top_up_refund");
        assertThat(balance(token, wallet)).isEqualTo(10_000);
        String tooMuch = send(command("top_up.reverse.v1", payment, """
                "refundId":"re_2","walletId":"%s","customerId":"%s","amount":{"minor":10001,"currency":"CNY"}""".formatted(wallet, sub)), payment, 1);
        var refusedReverse = single(answers(tooMuch, a -> !a.isEmpty()));
        assertThat(refusedReverse.path("type").asText()).isEqualTo("io.payguard.wallet.top_up.reverse_refused.v1");
        assertThat(refusedReverse.path("data").path("reason").asText()).isEqualTo("insufficient_funds");
        assertThat(balance(token, wallet)).isEqualTo(10_000);
        String credit2 = send(command("top_up.credit.v1", payment + "b", """
                "walletId":"%s","customerId":"%s","amount":{"minor":2345,"currency":"CNY"}""".formatted(wallet, sub)), payment + "b", 1);
        single(answers(credit2, a -> !a.isEmpty()));
        assertThat(balance(token, wallet)).isEqualTo(12_345);

        // someone else's wallet, a wallet that does not exist, another currency: refused, nothing moves
        String stolen = send(command("top_up.credit.v1", "pi_x1", """
                "walletId":"%s","customerId":"%s","amount":{"minor":500,"currency":"CNY"}""".formatted(othersWallet, sub)), "pi_x1", 1);
        var refused = single(answers(stolen, a -> !a.isEmpty()));
        assertThat(refused.path("type").asText()).isEqualTo("io.payguard.wallet.top_up.refused.v1");
        assertThat(refused.path("data").path("reason").asText()).isEqualTo("wallet_not_found");
        String missing = send(command("top_up.credit.v1", "pi_x2", """
                "walletId":"w-%s","customerId":"%s","amount":{"minor":500,"currency":"CNY"}""".formatted(UUID.randomUUID(), sub)), "pi_x2", 1);
        assertThat(single(answers(missing, a -> !a.isEmpty()))
                        .path("data")
                        .path("reason")
                        .asText())
                .isEqualTo("wallet_not_found");
        String yen = send(command("top_up.credit.v1", "pi_x3", """
                "walletId":"%s","customerId":"%s","amount":{"minor":500,"currency":"JPY"}""".formatted(wallet, sub)), "pi_x3", 1);
        assertThat(single(answers(yen, a -> !a.isEmpty()))
                        .path("data")
                        .path("reason")
                        .asText())
                .isEqualTo("currency_mismatch");
        assertThat(balance(token, wallet)).isEqualTo(12_345);
        assertThat(balance(customer(other, "2"), othersWallet)).isZero();

        // 1.5 is poison: dead-lettered, never credited as 1
        String fraction = "pi_frac" + UUID.randomUUID().toString().substring(0, 8);
        send(command("top_up.credit.v1", fraction, """
                "walletId":"%s","customerId":"%s","amount":{"minor":1.5,"currency":"CNY"}""".formatted(wallet, sub)), fraction, 1);
        var deadLetter = LocalKafka.read(
                        "wallet.commands.dlq",
                        read -> read.stream().anyMatch(r -> fraction.equals(r.key())),
                        Duration.ofSeconds(30))
                .stream()
                .filter(r -> fraction.equals(r.key()))
                .reduce((first, second) -> second);
        String reason = deadLetter
                .map(r -> {
                    var h = r.headers().lastHeader("dead-letter-reason");
                    return h == null ? "" : new String(h.value(), StandardCharsets.UTF_8);
                })
                .orElse(null);
        assertThat(reason).contains("amount");
        assertThat(balance(token, wallet)).isEqualTo(12_345);
        given().auth()
                .oauth2(TestTokens.token("otto", WalletApiTest.audience(), "operator"))
                .get("/v1/wallet-admin/invariants")
                .then()
                .statusCode(200)
                .body("ok", equalTo(true));
    }

    /**
     * A payout (issue 13 item 2): the wallet holds the money first, debits it into withdrawal clearing only when the
     * payment service says the bank paid (a {@code withdrawal} entry), releases it when the bank rejected it, and credits
     * a returned payout back ({@code payout_return}). Only the payer's own wallet; a merchant payment's hold is never paid
     * out.
     */
    @Test
    void aPayoutIsHeldThenDebitedOnlyWhenTheBankPaidAndAReturnComesBack() throws Exception {
        String sub = "payer-" + UUID.randomUUID();
        String token = customer(sub, "2");
        String wallet = open(token, null);
        topUp(token, wallet, 50_000);
        String expires = Instant.now().plus(Duration.ofDays(30)).toString();

        String payout = "po_" + UUID.randomUUID().toString().replace("-", "");
        String hold = send(command("payout.hold.v1", payout, """
                "walletId":"%s","customerId":"%s","amount":{"minor":20000,"currency":"CNY"},"expiresAt":"%s\"""".formatted(wallet, sub, expires)), payout, 2);
        var placed = single(answers(hold, a -> !a.isEmpty()));
        assertThat(placed.path("type").asText()).isEqualTo("io.payguard.wallet.hold.placed.v1");
        String holdId = placed.path("data").path("holdId").asText();
        assertThat(balance(token, wallet)).as("held, not debited").isEqualTo(50_000);
        assertThat(available(token, wallet)).isEqualTo(30_000);

        // a merchant-path capture cannot take a payout hold (it has no merchant)
        String merchantCapture = send(command("hold.capture.v1", payout, """
                "holdId":"%s","amount":{"minor":20000,"currency":"CNY"}""".formatted(holdId)), payout, 1);
        assertThat(single(answers(merchantCapture, a -> !a.isEmpty()))
                        .path("data")
                        .path("reason")
                        .asText())
                .isEqualTo("hold_has_no_merchant");

        String settle = send(command("payout.settle.v1", payout, """
                "holdId":"%s","amount":{"minor":20000,"currency":"CNY"}""".formatted(holdId)), payout, 3);
        var captured = single(answers(settle, a -> !a.isEmpty()));
        assertThat(captured.path("type").asText()).isEqualTo("io.payguard.wallet.hold.captured.v1");
        assertThat(ledgerEvent(captured.path("data").path("entryId").asText())
                        .path("data")
                        .path("kind")
                        .asText())
                .isEqualTo("withdrawal");
        assertThat(balance(token, wallet)).isEqualTo(30_000);
        assertThat(available(token, wallet)).isEqualTo(30_000);

        String giveBack = send(command("payout.return.v1", payout, """
                "walletId":"%s","customerId":"%s","amount":{"minor":20000,"currency":"CNY"}""".formatted(wallet, sub)), payout, 2);
        var returned = single(answers(giveBack, a -> !a.isEmpty()));
        assertThat(returned.path("type").asText()).isEqualTo("io.payguard.wallet.payout.returned.v1");
        assertThat(ledgerEvent(returned.path("data").path("entryId").asText())
                        .path("data")
                        .path("kind")
                        .asText())
                .isEqualTo("payout_return");
        assertThat(balance(token, wallet)).isEqualTo(50_000);

        // rejected by the bank: the hold is voided, nothing debited
        String rejected = "po_" + UUID.randomUUID().toString().replace("-", "");
        String hold2 = send(command("payout.hold.v1", rejected, """
                "walletId":"%s","customerId":"%s","amount":{"minor":5000,"currency":"CNY"},"expiresAt":"%s\"""".formatted(wallet, sub, expires)), rejected, 1);
        String hold2Id = single(answers(hold2, a -> !a.isEmpty()))
                .path("data")
                .path("holdId")
                .asText();
        String voided = send(command("hold.void.v1", rejected, "\"holdId\":\"%s\"".formatted(hold2Id)), rejected, 1);
        assertThat(single(answers(voided, a -> !a.isEmpty())).path("type").asText())
                .isEqualTo("io.payguard.wallet.hold.voided.v1");
        assertThat(available(token, wallet)).isEqualTo(50_000);

        // someone else's wallet: refused, nothing held
        String stranger = "po_" + UUID.randomUUID().toString().replace("-", "");
        String hold3 = send(command("payout.hold.v1", stranger, """
                "walletId":"%s","customerId":"someone-else","amount":{"minor":100,"currency":"CNY"},"expiresAt":"%s\"""".formatted(wallet, expires)), stranger, 1);
        assertThat(single(answers(hold3, a -> !a.isEmpty()))
                        .path("data")
                        .path("reason")
                        .asText())
                .isEqualTo("wallet_not_found");
        assertThat(available(token, wallet)).isEqualTo(50_000);
        given().auth()
                .oauth2(TestTokens.token("otto", WalletApiTest.audience(), "operator"))
                .get("/v1/wallet-admin/invariants")
                .then()
                .statusCode(200)
                .body("ok", equalTo(true));
    }

    @Test
    void poisonCommandsGoToTheDeadLetterTopicWithTheReason() throws Exception {
        String key = "poison-" + UUID.randomUUID();
        send("x|{\"not\":\"an event\"}", key, 1);
        String unknownType = "poison2-" + UUID.randomUUID();
        send(command("hold.teleport.v1", unknownType, "\"x\":1"), unknownType, 1);
        String badFlag = "poison3-" + UUID.randomUUID();
        send(command("hold.place.v1", badFlag, """
                "customerId":"c","merchantId":"demo-merchant-a","amount":{"minor":1,"currency":"CNY"},"expiresAt":"2030-01-01T00:00:00Z","capture":"yes"
                """), badFlag, 1);
        var keys = List.of(key, unknownType, badFlag);
        var reasons = new java.util.HashMap<String, String>();
        LocalKafka.read(
                        "wallet.commands.dlq",
                        read -> read.stream()
                                        .map(r -> r.key())
                                        .filter(keys::contains)
                                        .distinct()
                                        .count()
                                == 3,
                        Duration.ofSeconds(30))
                .stream()
                .filter(r -> keys.contains(r.key()))
                .forEach(r -> {
                    var reason = r.headers().lastHeader("dead-letter-reason");
                    reasons.put(r.key(), reason == null ? "" : new String(reason.value(), StandardCharsets.UTF_8));
                });
        assertThat(reasons.get(key)).contains("CloudEvents");
        assertThat(reasons.get(unknownType)).contains("unknown wallet command type");
        assertThat(reasons.get(badFlag)).contains("malformed 'capture'");
    }
}

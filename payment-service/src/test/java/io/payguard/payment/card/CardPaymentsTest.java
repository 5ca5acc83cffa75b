package io.payguard.payment.card;

import static io.payguard.payment.Api.as;
import static io.payguard.payment.Api.customer;
import static io.payguard.payment.Api.merchant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.agroal.api.AgroalDataSource;
import io.payguard.payment.adapter.out.acquirer.SimulatedAcquirer;
import io.payguard.payment.domain.CardNumbers;
import io.payguard.platform.testing.LocalKafka;
import io.payguard.platform.testing.PayGuardTestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * Card payments: tokenisation (Luhn, brand, expiry; PAN stored only as ciphertext), every simulator test card, a
 * timeout resolved by query and one by reversal, a duplicate transmission that authorises once, partial capture
 * and refund; then a scan of every log line, response body, Kafka message and database text for a PAN or CVV.
 */
@QuarkusTest
@QuarkusTestResource(value = PayGuardTestInfrastructure.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class CardPaymentsTest {

    static final String CVC = "9173";
    static final Pattern CVV_NEAR = Pattern.compile("(?i)(cvc|cvv|cv2|csc)\\W{0,4}\\d{3,4}");
    static final List<String> LOGS = new CopyOnWriteArrayList<>();
    static final List<String> RESPONSES = new CopyOnWriteArrayList<>();
    static final Handler CAPTURE = new Handler() {
        @Override
        public void publish(LogRecord record) {
            String message = record.getMessage();
            if (record.getParameters() != null) {
                message += " " + java.util.Arrays.toString(record.getParameters());
            }
            if (record.getThrown() != null) {
                message += " " + record.getThrown();
            }
            LOGS.add(message);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @Inject
    SimulatedAcquirer acquirer;

    @Inject
    AgroalDataSource db;

    final String payer = "cust-" + UUID.randomUUID();
    final String merchant = merchant("merchant-" + UUID.randomUUID());

    @BeforeAll
    static void captureLogs() {
        java.util.logging.Logger.getLogger("").addHandler(CAPTURE);
    }

    @AfterAll
    static void stopCapture() {
        java.util.logging.Logger.getLogger("").removeHandler(CAPTURE);
    }

    String tokenise(String pan) {
        var r = as(customer(payer))
                .body(Map.of("number", pan, "exp_month", 12, "exp_year", 2031))
                .post("/v1/tokens");
        RESPONSES.add(r.asString());
        r.then().statusCode(201);
        return r.path("id");
    }

    String cardPayment(String capture, long amount) {
        var r = as(merchant)
                .body(Map.of(
                        "amount",
                        amount,
                        "currency",
                        "USD",
                        "customer",
                        payer,
                        "payment_method_type",
                        "card",
                        "capture_method",
                        capture))
                .post("/v1/payment_intents");
        RESPONSES.add(r.asString());
        return r.then().statusCode(201).extract().path("id");
    }

    io.restassured.response.Response confirm(String id, String token) {
        var r = as(merchant)
                .body(Map.of("payment_method", token, "cvc", CVC))
                .post("/v1/payment_intents/" + id + "/confirm");
        RESPONSES.add(r.asString());
        return r;
    }

    @Test
    void tokenisationChecksTheCardAndShowsOnlyTheDisplayableParts() throws Exception {
        var r = as(customer(payer))
                .body(Map.of("number", "4242 4242 4242 4242", "exp_month", 12, "exp_year", 2031))
                .post("/v1/tokens");
        RESPONSES.add(r.asString());
        r.then()
                .statusCode(201)
                .body("card.brand", equalTo("visa"))
                .body("card.first6", equalTo("424242"))
                .body("card.last4", equalTo("4242"))
                .body("card.exp_month", equalTo(12))
                .body("card.exp_year", equalTo(2031));
        assertThat(r.asString()).doesNotContain("4242424242424242");
        String id = r.path("id");
        try (var c = db.getConnection();
                var st = c.prepareStatement("SELECT pan_enc, fingerprint FROM card_token WHERE id = ?")) {
            st.setString(1, id);
            ResultSet rs = st.executeQuery();
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).startsWith("pg1.").doesNotContain("4242424242424242");
            assertThat(rs.getString(2)).doesNotContain("4242");
        }
        as(customer(payer))
                .body(Map.of("number", "4242424242424241", "exp_month", 12, "exp_year", 2031))
                .post("/v1/tokens")
                .then()
                .statusCode(400)
                .body("code", equalTo("invalid_number"));
        as(customer(payer))
                .body(Map.of("number", "4242424242424242", "exp_month", 1, "exp_year", 2020))
                .post("/v1/tokens")
                .then()
                .statusCode(400)
                .body("code", equalTo("expired_card"));
        as(customer(payer))
                .body(Map.of("number", "4242424242424242", "exp_month", 12, "exp_year", 2031, "cvc", "123"))
                .post("/v1/tokens")
                .then()
                .statusCode(400);
        as(merchant)
                .body(Map.of("number", "4242424242424242", "exp_month", 12, "exp_year", 2031))
                .post("/v1/tokens")
                .then()
                .statusCode(403)
                .body("code", equalTo("publishable_key_required"));
        assertThat(as(customer(payer))
                        .body(Map.of("number", "5555555555554444", "exp_month", 1, "exp_year", 2030))
                        .post("/v1/tokens")
                        .then()
                        .statusCode(201)
                        .extract()
                        .<String>path("card.brand"))
                .isEqualTo("mastercard");
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource({
        "4242424242424242, succeeded, ",
        "4000000000009995, failed, insufficient_funds",
        "4000000000009979, failed, stolen_card",
        "4000000000000069, failed, expired_card",
        "4000000000000002, failed, do_not_honour",
        "4000000000003220, requires_action, ",
        "4000000000000119, succeeded, ",
        "4000000000000101, failed, acquirer_timeout",
        "4000000000000259, succeeded, "
    })
    void everySimulatorCard(String pan, String status, String failure) {
        String id = cardPayment("automatic", 4200);
        var r = confirm(id, tokenise(pan));
        r.then().statusCode(200).body("status", equalTo(status));
        assertThat(r.<String>path("failure_code")).isEqualTo(failure);
        if (status.equals("succeeded")) {
            assertThat(r.<Integer>path("amount_received")).isEqualTo(4200);
            assertThat(acquirer.authorisations(id))
                    .as("one authorisation however often transmitted")
                    .isEqualTo(1);
        }
        if (pan.equals("4000000000003220")) {
            assertThat(r.<String>path("next_action.type"))
                    .as("the issuer's challenge comes first")
                    .isEqualTo("three_d_secure");
            assertThat(acquirer.authorisations(id)).isZero();
        }
        if (pan.equals("4000000000000101")) {
            assertThat(acquirer.reversed(id) || acquirer.authorisations(id) == 0)
                    .as("unknown outcome reversed, not guessed")
                    .isTrue();
        }
    }

    @Test
    void manualPartialCaptureAndRefundsOfACardPayment() {
        String id = cardPayment("manual", 10_000);
        confirm(id, tokenise("4242424242424242")).then().statusCode(200).body("status", equalTo("requires_capture"));
        as(merchant)
                .body(Map.of("amount_to_capture", 7_000))
                .post("/v1/payment_intents/" + id + "/capture")
                .then()
                .statusCode(200)
                .body("status", equalTo("succeeded"))
                .body("amount_received", equalTo(7_000));
        as(merchant)
                .body(Map.of("amount", 5_000))
                .post("/v1/payment_intents/" + id + "/refunds")
                .then()
                .statusCode(201)
                .body("status", equalTo("succeeded"));
        as(merchant)
                .body(Map.of("amount", 2_001))
                .post("/v1/payment_intents/" + id + "/refunds")
                .then()
                .statusCode(400);
        as(merchant)
                .body(Map.of())
                .post("/v1/payment_intents/" + id + "/refunds")
                .then()
                .statusCode(201)
                .body("amount", equalTo(2_000));
        as(merchant).get("/v1/payment_intents/" + id).then().body("amount_refunded", equalTo(7_000));
        // another merchant cannot use this customer's token; a confirm without CVV is refused
        String other = cardPayment("manual", 100);
        as(merchant("merchant-" + UUID.randomUUID()))
                .body(Map.of("payment_method", "tok_x", "cvc", CVC))
                .post("/v1/payment_intents/" + other + "/confirm")
                .then()
                .statusCode(404);
        as(merchant)
                .body(Map.of("payment_method", tokenise("4242424242424242")))
                .post("/v1/payment_intents/" + other + "/confirm")
                .then()
                .statusCode(400)
                .body("code", equalTo("card_required"));
    }

    @Test
    void noPanOrCvvInLogsResponsesKafkaOrTheDatabase() throws Exception {
        // traffic of its own, so the scan has something to scan whatever ran before
        String id = cardPayment("automatic", 999);
        confirm(id, tokenise("4000000000000119")).then().statusCode(200);
        confirm(cardPayment("automatic", 999), tokenise("4000000000009979"))
                .then()
                .statusCode(200);
        // the 3-D Secure path: challenge, a new code, the code, the second confirm with the CVV again
        String challenged = cardPayment("automatic", 999);
        String token = tokenise("4000000000003220");
        confirm(challenged, token).then().statusCode(200).body("status", equalTo("requires_action"));
        var codes = new ArrayList<String>(List.of(io.payguard.payment.CapturingScaNotifier.LAST_CODE.get(challenged)));
        var resent = org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> as(customer(payer)).post("/v1/payment_intents/" + challenged + "/authenticate/resend"),
                        x -> x.statusCode() != 429);
        RESPONSES.add(resent.asString());
        codes.add(io.payguard.payment.CapturingScaNotifier.LAST_CODE.get(challenged));
        var authenticated = as(customer(payer))
                .body(Map.of("code", codes.get(1)))
                .post("/v1/payment_intents/" + challenged + "/authenticate");
        RESPONSES.add(authenticated.asString());
        authenticated.then().statusCode(200).body("status", equalTo("requires_confirmation"));
        confirm(challenged, token).then().statusCode(200).body("status", equalTo("succeeded"));

        // payment.events until both payments were captured; then the other topics this service writes (each read
        // until something arrived, and a second more)
        List<String> kafka = new ArrayList<>();
        java.util.function.BiPredicate<List<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>>, String>
                captured = (read, payment) -> read.stream()
                .map(r -> r.key() + " " + r.value())
                .anyMatch(m -> m.contains(payment) && m.contains("captured"));
        LocalKafka.read(
                        "payment.events",
                        read -> captured.test(read, id) && captured.test(read, challenged),
                        Duration.ofSeconds(20))
                .forEach(r -> kafka.add(r.key() + " " + r.value()));
        for (String topic : List.of("wallet.commands", "audit.records", "security.events")) {
            LocalKafka.read(topic, read -> !read.isEmpty(), Duration.ofSeconds(1), Duration.ofSeconds(5))
                    .forEach(r -> kafka.add(r.key() + " " + r.value()));
        }
        assertThat(kafka)
                .as("this test's events reached Kafka")
                .anyMatch(m -> m.contains(id) && m.contains("io.payguard.payment.captured.v1"));
        assertThat(kafka)
                .as("the 3-D Secure payment's events reached Kafka")
                .anyMatch(m -> m.contains(challenged) && m.contains("io.payguard.payment.authenticated.v1"));
        List<String> database = new ArrayList<>();
        try (var c = db.getConnection();
                var st = c.createStatement()) {
            for (String q : List.of(
                    "SELECT payload FROM outbox_event",
                    "SELECT coalesce(body, '') FROM idempotency_key",
                    "SELECT description || ' ' || metadata FROM payment_intent WHERE description IS NOT NULL",
                    "SELECT payload FROM wallet_command",
                    "SELECT coalesce(authentication_value, '') || ' ' || coalesce(authentication_eci, '') || ' ' || coalesce(action_ref, '') FROM payment_intent",
                    "SELECT digest || ' ' || coalesce(challenge_id, '') FROM sca_challenge")) {
                var rs = st.executeQuery(q);
                while (rs.next()) {
                    database.add(rs.getString(1));
                }
            }
        }
        assertThat(LOGS).as("captured log lines").isNotEmpty();
        assertThat(RESPONSES).as("responses").hasSizeGreaterThan(5);
        for (var source : Map.of("log", LOGS, "response", RESPONSES, "kafka", kafka, "database", database)
                .entrySet()) {
            for (String text : source.getValue()) {
                assertThat(CardNumbers.containsPan(text))
                        .as(source.getKey() + " holds a PAN: " + text)
                        .isFalse();
                assertThat(CVV_NEAR.matcher(text).find())
                        .as(source.getKey() + " holds a CVV: " + text)
                        .isFalse();
                assertThat(text).as(source.getKey()).doesNotContain("\"" + CVC + "\"");
                for (String code : codes) {
                    assertThat(Pattern.compile("(?<![0-9A-Za-z.:_-])" + code + "(?![0-9A-Za-z])")
                                    .matcher(text)
                                    .find())
                            .as(source.getKey() + " holds a one-time code: " + text)
                            .isFalse();
                }
            }
        }
    }
}

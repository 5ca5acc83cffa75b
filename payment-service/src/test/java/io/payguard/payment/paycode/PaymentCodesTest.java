package io.payguard.payment.paycode;

import static io.payguard.payment.Api.as;
import static io.payguard.payment.Api.customer;
import static io.payguard.payment.Api.get;
import static io.payguard.payment.Api.merchant;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.payguard.payment.Api;
import io.payguard.payment.FakeWallet;
import io.payguard.payment.domain.PaymentCodeNumber;
import io.payguard.platform.testing.DpopProofs;
import io.payguard.platform.testing.LocalKafka;
import io.payguard.platform.testing.PayGuardTestInfrastructure;
import io.payguard.platform.testing.TestTokens;
import io.payguard.platform.testing.contracts.EventContracts;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Customer-presented payment codes end to end in the service, the wallet played by {@link FakeWallet}: a customer's app
 * (DPoP-bound token) creates a code, the merchant charges it once (succeeded), the second scan is refused, an expired
 * code is refused, a wrong check digit is refused without a lookup, unknown codes answer 404 and, past the miss limit
 * (3 in the test profile), 429; a charge above the level-C limit fails risk_declined naming barcode_dynamic_level_c.
 * Hostile inputs are 4xx problems.
 */
@QuarkusTest
@QuarkusTestResource(value = PayGuardTestInfrastructure.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class PaymentCodesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    static FakeWallet wallet;

    final String merchant = merchant("pos-" + UUID.randomUUID());
    final String payer = "cust-" + UUID.randomUUID();
    final Device phone = new Device(payer);

    @Inject
    Pool pool;

    @BeforeAll
    static void startWallet() {
        wallet = new FakeWallet(true, 1);
    }

    @AfterAll
    static void stopWallet() throws Exception {
        wallet.close();
    }

    /** A customer's app: a DPoP key and a token bound to it. */
    record Device(String subject, DpopProofs key, String token) {
        Device(String subject) {
            this(subject, DpopProofs.newKey());
        }

        Device(String subject, DpopProofs key) {
            this(
                    subject,
                    key,
                    TestTokens.sign(TestTokens.claims(subject, Api.AUDIENCE, List.of("customer"))
                            .claim("cnf", Map.of("jkt", key.thumbprint()))));
        }

        io.restassured.specification.RequestSpecification call(String method, String path) {
            String url = "http://127.0.0.1:" + RestAssured.port + path;
            return given().baseUri("http://127.0.0.1")
                    .header("Authorization", "DPoP " + token)
                    .header("DPoP", key.proof(method, url, token))
                    .contentType(ContentType.JSON);
        }

        ValidatableResponse create() {
            return call("POST", "/v1/payment_codes")
                    .body("{\"funding\":\"wallet\"}")
                    .post("/v1/payment_codes")
                    .then();
        }

        ValidatableResponse image(String id, String format) {
            String path = "/v1/payment_codes/" + id + "/image";
            return call("GET", path).queryParam("format", format).get(path).then();
        }
    }

    ValidatableResponse charge(String code, long amount) {
        return charge(code, amount, null);
    }

    ValidatableResponse charge(String code, long amount, String key) {
        var request = as(merchant)
                .body("{\"code\":\"%s\",\"amount\":%d,\"currency\":\"CNY\",\"description\":\"till 3\"}"
                        .formatted(code, amount));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return request.post("/v1/payment_codes/charge").then();
    }

    @Test
    void aCustomersCodeIsChargedOnceAndTheSecondScanIsRefused() {
        var created = phone.create()
                .statusCode(201)
                .header("Cache-Control", "no-store")
                .body("object", equalTo("payment_code"))
                .body("level", equalTo("C"))
                .body("funding", equalTo("wallet"))
                .extract();
        String id = created.path("id");
        String code = created.path("code");
        assertThat(id).matches("pc_[0-9a-f]{32}");
        assertThat(code).hasSize(18).startsWith("28").matches("[0-9]{18}");
        assertThat(PaymentCodeNumber.valid(code)).as("Luhn check digit").isTrue();
        var expires = Instant.parse(created.path("expires_at"));
        assertThat(expires)
                .isAfter(Instant.now())
                .isBeforeOrEqualTo(Instant.now().plusSeconds(61));

        // the image: only for the key the code was created with
        byte[] png = phone.image(id, "png")
                .statusCode(200)
                .contentType("image/png")
                .extract()
                .asByteArray();
        assertThat(png).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
        assertThat(phone.image(id, "svg").statusCode(200).extract().asString()).startsWith("<svg");
        new Device(payer).image(id, "png").statusCode(404).body("code", equalTo("payment_code_not_found"));
        new Device("someone-else").image(id, "svg").statusCode(404);

        String key = "charge-" + UUID.randomUUID();
        String pi = charge(code, 1200, key)
                .statusCode(200)
                .body("status", equalTo("succeeded"))
                .body("customer", equalTo(payer))
                .body("payment_method_type", equalTo("wallet"))
                .body("amount_received", equalTo(1200))
                .extract()
                .path("id");
        // the same request again is the same answer; the code's second scan is refused
        charge(code, 1200, key)
                .statusCode(200)
                .header("Idempotent-Replayed", "true")
                .body("id", equalTo(pi));
        charge(code, 1200, "charge-" + UUID.randomUUID()).statusCode(422).body("code", equalTo("payment_code_used"));
        charge(code, 1200).statusCode(422).body("code", equalTo("payment_code_used"));
        phone.image(id, "png").statusCode(422).body("code", equalTo("payment_code_used"));
        get(merchant, pi).statusCode(200).body("status", equalTo("succeeded"));
        assertThat(channel(pi)).isEqualTo("payment_code");

        var facts = codeFacts(id, "payment_code.refused");
        assertThat(facts)
                .extracting(f -> f.path("type").asText())
                .containsSubsequence(
                        "io.payguard.payment.payment_code.created.v1",
                        "io.payguard.payment.payment_code.charged.v1",
                        "io.payguard.payment.payment_code.refused.v1");
        var charged = facts.stream()
                .filter(f -> f.path("type").asText().endsWith("charged.v1"))
                .findFirst()
                .orElseThrow()
                .path("data");
        assertThat(charged.path("paymentId").asText()).isEqualTo(pi);
        assertThat(charged.path("maskedCode").asText()).isEqualTo("*".repeat(14) + code.substring(14));
        for (var f : facts) {
            EventContracts.assertConforms(f.path("type").asText(), f.path("data"));
            assertThat(f.toString()).as("never the digits").doesNotContain(code);
        }
        assertThat(storedDigits(code))
                .as("the digits are nowhere in the database")
                .isZero();
    }

    @Test
    void twoScansAtOnceChargeTheCodeOnce() throws Exception {
        String code = phone.create().statusCode(201).extract().path("code");
        try (var scanners = java.util.concurrent.Executors.newFixedThreadPool(4)) {
            var scans = new java.util.ArrayList<java.util.concurrent.Future<Integer>>();
            for (int i = 0; i < 4; i++) {
                scans.add(scanners.submit(() ->
                        charge(code, 700, "scan-" + UUID.randomUUID()).extract().statusCode()));
            }
            var statuses = new java.util.ArrayList<Integer>();
            for (var scan : scans) {
                statuses.add(scan.get(30, java.util.concurrent.TimeUnit.SECONDS));
            }
            assertThat(statuses).containsOnlyOnce(200).containsOnly(200, 422);
        }
        assertThat(paymentsOf(payer, 700)).as("one payment for the code").isEqualTo(1);
    }

    @Test
    void anExpiredCodeIsRefusedAndReportedExpired() {
        var created = phone.create().statusCode(201).extract();
        String id = created.path("id");
        String code = created.path("code");
        pool.preparedQuery("UPDATE payment_code SET expires_at = now() - interval '1 second' WHERE id = $1")
                .execute(Tuple.of(id))
                .await()
                .indefinitely();
        charge(code, 1200).statusCode(422).body("code", equalTo("payment_code_expired"));
        phone.image(id, "svg").statusCode(422).body("code", equalTo("payment_code_expired"));
        var facts = codeFacts(id, "payment_code.expired");
        assertThat(facts)
                .extracting(f -> f.path("data").path("status").asText())
                .contains("expired");
        facts.forEach(f -> EventContracts.assertConforms(f.path("type").asText(), f.path("data")));
    }

    @Test
    void aWrongCheckDigitIsRefusedWithoutLookupAndUnknownCodesAreLimitedPerMerchant() {
        String code = newNumber();
        int last = code.charAt(17) - '0';
        String wrong = code.substring(0, 17) + (char) ('0' + (last + 1) % 10);
        for (int i = 0; i < 5; i++) {
            // no lookup: never counted as a miss
            charge(wrong, 100).statusCode(400).body("code", equalTo("payment_code_invalid"));
        }
        for (int i = 0; i < 3; i++) {
            charge(newNumber(), 100).statusCode(404).body("code", equalTo("payment_code_not_found"));
        }
        charge(newNumber(), 100)
                .statusCode(429)
                .header("Retry-After", notNullValue())
                .body("code", equalTo("payment_code_misses_exceeded"));
        // another merchant is not affected
        as(merchant("pos-" + UUID.randomUUID()))
                .body("{\"code\":\"%s\",\"amount\":100,\"currency\":\"CNY\"}".formatted(newNumber()))
                .post("/v1/payment_codes/charge")
                .then()
                .statusCode(404);
    }

    @Test
    void aChargeAboveTheLevelCLimitFailsNamingTheRule() {
        String first = phone.create().statusCode(201).extract().path("code");
        charge(first, 40_000).statusCode(200).body("status", equalTo("succeeded"));
        String second = phone.create().statusCode(201).extract().path("code");
        charge(second, 40_000).statusCode(200).body("status", equalTo("succeeded"));
        // 80,000 today: 20,000 more is exactly the limit of 100,000 minor units, 20,001 one above
        String third = phone.create().statusCode(201).extract().path("code");
        String declined = charge(third, 20_001)
                .statusCode(200)
                .body("status", equalTo("failed"))
                .body("failure_code", equalTo("risk_declined"))
                .body("risk_rules", contains("barcode_dynamic_level_c"))
                .extract()
                .path("id");
        get(merchant, declined).body("risk_rules", contains("barcode_dynamic_level_c"));
        String fourth = phone.create().statusCode(201).extract().path("code");
        charge(fourth, 20_000).statusCode(200).body("status", equalTo("succeeded"));

        var other = new Device("cust-" + UUID.randomUUID());
        String big = other.create().statusCode(201).extract().path("code");
        charge(big, 100_001)
                .statusCode(200)
                .body("status", equalTo("failed"))
                .body("failure_code", equalTo("risk_declined"))
                .body("risk_rules", contains("barcode_dynamic_level_c"))
                .body("amount_received", equalTo(0));
    }

    @Test
    void anApiWalletPaymentDeclinedByRiskNamesItsRulesToo() {
        String id = Api.create(merchant, 5_000_001, payer, "wallet", "automatic");
        as(customer(payer))
                .body("{}")
                .post("/v1/payment_intents/" + id + "/confirm")
                .then()
                .statusCode(200)
                .body("status", equalTo("failed"))
                .body("risk_rules", contains("per_transaction_limit"));
        get(merchant, id).body("risk_rules", contains("per_transaction_limit"));
        String ok = Api.create(merchant, 1_000, payer, "wallet", "automatic");
        get(merchant, ok).body("risk_rules", nullValue());
    }

    @Test
    void hostileInputsAreFourHundredProblems() {
        // creating: a merchant, a plain bearer token (not bound to a key), no body, an unknown funding
        as(merchant)
                .body("{\"funding\":\"wallet\"}")
                .post("/v1/payment_codes")
                .then()
                .statusCode(403);
        as(customer(payer))
                .body("{\"funding\":\"wallet\"}")
                .post("/v1/payment_codes")
                .then()
                .statusCode(403)
                .body("code", equalTo("dpop_bound_token_required"));
        phone.call("POST", "/v1/payment_codes").post("/v1/payment_codes").then().statusCode(400);
        phone.call("POST", "/v1/payment_codes")
                .body("{\"funding\":\"card\"}")
                .post("/v1/payment_codes")
                .then()
                .statusCode(400);
        phone.call("POST", "/v1/payment_codes")
                .body("{\"funding\":\"wallet\",\"code\":\"281234567890123452\"}")
                .post("/v1/payment_codes")
                .then()
                .statusCode(400);
        phone.image("pc_XYZ", "png").statusCode(404).body("code", equalTo("payment_code_not_found"));
        phone.image("pc_" + "0".repeat(32), "png").statusCode(404);
        phone.image("pc_" + "0".repeat(32), "gif").statusCode(400).body("code", equalTo("invalid_request"));

        // the platform's JSON binding reads a number as its digits: an unknown code, never a server error
        as(merchant)
                .body("{\"code\":%s,\"amount\":100,\"currency\":\"CNY\"}".formatted(newNumber()))
                .post("/v1/payment_codes/charge")
                .then()
                .statusCode(404);
        // charging: a customer, malformed codes, amounts and fields
        as(customer(payer))
                .body("{\"code\":\"%s\",\"amount\":100,\"currency\":\"CNY\"}".formatted(newNumber()))
                .post("/v1/payment_codes/charge")
                .then()
                .statusCode(403);
        for (String body : List.of(
                "{}",
                "{\"code\":\"abc\",\"amount\":100,\"currency\":\"CNY\"}",
                "{\"code\":\"28\",\"amount\":100,\"currency\":\"CNY\"}",
                "{\"code\":\"%s0\",\"amount\":100,\"currency\":\"CNY\"}".formatted(newNumber()),
                "{\"code\":\"%s\",\"amount\":1.5,\"currency\":\"CNY\"}".formatted(newNumber()),
                "{\"code\":\"%s\",\"amount\":-1,\"currency\":\"CNY\"}".formatted(newNumber()),
                "{\"code\":\"%s\",\"amount\":100,\"currency\":\"XXX\"}".formatted(newNumber()),
                "{\"code\":\"%s\",\"amount\":100,\"currency\":\"CNY\",\"extra\":1}".formatted(newNumber()),
                "{\"code\":\"%s\",\"amount\":100,\"currency\":\"CNY\",\"description\":\"4111 1111 1111 1111\"}"
                        .formatted(newNumber()),
                "[1,2,3]",
                "\"\\u0000\"")) {
            as(merchant)
                    .body(body)
                    .post("/v1/payment_codes/charge")
                    .then()
                    .statusCode(400)
                    .contentType(startsWith("application/problem+json"));
        }
    }

    private static String newNumber() {
        var digits = new StringBuilder();
        for (int i = 0; i < 15; i++) {
            digits.append(RANDOM.nextInt(10));
        }
        return PaymentCodeNumber.of("28", digits.toString());
    }

    private long paymentsOf(String customer, long amount) {
        return pool.preparedQuery("SELECT count(*) FROM payment_intent WHERE customer_id = $1 AND amount_minor = $2")
                .execute(Tuple.of(customer, amount))
                .await()
                .indefinitely()
                .iterator()
                .next()
                .getLong(0);
    }

    private String channel(String paymentId) {
        return pool.preparedQuery("SELECT channel FROM payment_intent WHERE id = $1")
                .execute(Tuple.of(paymentId))
                .await()
                .indefinitely()
                .iterator()
                .next()
                .getString(0);
    }

    /** Rows of payment_code or idempotency_key whose text holds the digits: none may. */
    private long storedDigits(String code) {
        return pool.preparedQuery("SELECT (SELECT count(*) FROM payment_code p WHERE p::text LIKE '%' || $1 || '%') "
                        + "+ (SELECT count(*) FROM idempotency_key k WHERE k::text LIKE '%' || $1 || '%')")
                .execute(Tuple.of(code))
                .await()
                .indefinitely()
                .iterator()
                .next()
                .getLong(0);
    }

    /** The code's facts on payment.events (CloudEvents as JSON), once one of type {@code last} is among them. */
    private static List<JsonNode> codeFacts(String codeId, String last) {
        var records = LocalKafka.read(
                "payment.events",
                read -> facts(read, codeId).stream()
                        .anyMatch(f -> f.path("type").asText().equals("io.payguard.payment." + last + ".v1")),
                Duration.ofSeconds(20));
        var facts = facts(records, codeId);
        assertThat(facts).extracting(f -> f.path("type").asText()).contains("io.payguard.payment." + last + ".v1");
        return facts;
    }

    private static List<JsonNode> facts(
            List<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> records, String key) {
        return records.stream()
                .filter(r -> key.equals(r.key()))
                .map(r -> {
                    try {
                        return JSON.readTree(r.value());
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                })
                .toList();
    }
}

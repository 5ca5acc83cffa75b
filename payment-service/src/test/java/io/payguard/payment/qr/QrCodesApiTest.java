package io.payguard.payment.qr;

import static io.payguard.payment.Api.as;
import static io.payguard.payment.Api.customer;
import static io.payguard.payment.Api.get;
import static io.payguard.payment.Api.merchant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;

import io.payguard.kernel.Money;
import io.payguard.payment.FakeWallet;
import io.payguard.payment.FakeWallet.Script;
import io.payguard.payment.PaymentFacts;
import io.payguard.payment.domain.qr.MerchantPresentedQr;
import io.payguard.platform.testing.LocalKafka;
import io.payguard.platform.testing.PayGuardTestInfrastructure;
import io.payguard.platform.testing.contracts.EventContracts;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.ValidatableResponse;

/**
 * Merchant-presented QR codes end to end over the real database and broker (the wallet played by {@link FakeWallet}):
 * a dynamic code created, scanned and paid by a customer once; forged, altered, expired and reused codes refused; a
 * static till code paid with an entered amount; the in-app client secret; hostile payloads answered with 4xx problems.
 */
@QuarkusTest
@QuarkusTestResource(value = PayGuardTestInfrastructure.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class QrCodesApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static FakeWallet wallet;
    final String merchantId = "merchant-" + UUID.randomUUID();
    final String merchant = merchant(merchantId);
    final String buyer = "cust-" + UUID.randomUUID();

    @jakarta.inject.Inject
    io.vertx.mutiny.sqlclient.Pool pool;

    @BeforeAll
    static void startWallet() {
        wallet = new FakeWallet();
    }

    @AfterAll
    static void stopWallet() throws Exception {
        wallet.close();
    }

    ValidatableResponse createDynamic(long amount) {
        return as(merchant)
                .header("Idempotency-Key", "qr-" + UUID.randomUUID())
                .body("""
                {"type":"dynamic","amount":%d,"currency":"CNY","description":"table 4","expires_in":300}""".formatted(amount))
                .post("/v1/qr_codes")
                .then();
    }

    static ValidatableResponse scan(String customer, String payload) {
        return as(customer(customer))
                .body(JSON.createObjectNode().put("payload", payload).toString())
                .post("/v1/qr_codes/scan")
                .then();
    }

    static ValidatableResponse pay(String customer, String payload, Long amount, String key) {
        var body = JSON.createObjectNode().put("payload", payload);
        if (amount != null) {
            body.put("amount", amount);
        }
        return as(customer(customer))
                .header("Idempotency-Key", key)
                .body(body.toString())
                .post("/v1/qr_codes/pay")
                .then();
    }

    @Test
    void aDynamicCodeIsCreatedScannedAndPaidOnceByTheCustomer() throws Exception {
        var created = createDynamic(6000)
                .statusCode(201)
                .body("object", equalTo("qr_code"))
                .body("type", equalTo("dynamic"))
                .body("status", equalTo("active"))
                .body("amount", equalTo(6000))
                .body("currency", equalTo("CNY"))
                .body("payload", startsWith("000201010212"))
                .extract();
        String id = created.path("id");
        String intent = created.path("payment_intent");
        String payload = created.path("payload");
        assertThat(payload).contains("io.payguard").contains("540560.00").doesNotContain(buyer);
        wallet.script(intent, Script.NORMAL);
        // the intent waits for its customer: nobody can confirm it through the intents API
        get(merchant, intent).statusCode(200).body("status", equalTo("requires_confirmation"));
        as(customer(buyer))
                .body("{}")
                .post("/v1/payment_intents/" + intent + "/confirm")
                .then()
                .statusCode(404);

        scan(buyer, payload)
                .statusCode(200)
                .body("qr_code", equalTo(id))
                .body("type", equalTo("dynamic"))
                .body("merchant.id", equalTo(merchantId))
                .body("merchant.name", equalTo(merchantId))
                .body("amount", equalTo(6000))
                .body("currency", equalTo("CNY"));

        String key = "pay-" + UUID.randomUUID();
        pay(buyer, payload, null, key)
                .statusCode(200)
                .body("id", equalTo(intent))
                .body("status", equalTo("succeeded"))
                .body("customer", equalTo(buyer))
                .body("amount", equalTo(6000))
                .body("metadata.qr_code", equalTo(id));
        // a retry of the same request answers the same, the code is not paid twice
        pay(buyer, payload, null, key).statusCode(200).body("id", equalTo(intent));
        as(merchant).get("/v1/qr_codes/" + id).then().statusCode(200).body("status", equalTo("used"));
        get(merchant, intent).body("status", equalTo("succeeded")).body("amount_received", equalTo(6000));

        pay("cust-" + UUID.randomUUID(), payload, null, "pay-" + UUID.randomUUID())
                .statusCode(422)
                .body("code", equalTo("qr_code_used"));
        scan(buyer, payload).statusCode(422).body("code", equalTo("qr_code_used"));
        // another merchant's code is no code of this one
        as(merchant("merchant-" + UUID.randomUUID()))
                .get("/v1/qr_codes/" + id)
                .then()
                .statusCode(404)
                .body("code", equalTo("qr_code_not_found"));

        assertThat(PaymentFacts.facts(id, "qr_code.refused"))
                .containsSubsequence("qr_code.created", "qr_code.scanned", "qr_code.paid", "qr_code.refused")
                .containsOnlyOnce("qr_code.paid");
        assertConform(id);
        assertThat(PaymentFacts.facts(intent, "captured")).containsSubsequence("created", "authorised", "captured");
    }

    @Test
    void aForgedReferenceIsNotFound() {
        var forged = new MerchantPresentedQr(
                MerchantPresentedQr.Initiation.DYNAMIC,
                List.of(new MerchantPresentedQr.MerchantAccount("26", "io.payguard", "AAAAAAAAAAAAAAAAAAAAAAAAAA")),
                "5999",
                java.util.Currency.getInstance("CNY"),
                Money.of(100, "CNY"),
                "CN",
                merchantId.substring(0, 25),
                "Shanghai",
                null);
        scan(buyer, forged.payload()).statusCode(404).body("code", equalTo("qr_code_not_found"));
        pay(buyer, forged.payload(), null, "pay-" + UUID.randomUUID())
                .statusCode(404)
                .body("code", equalTo("qr_code_not_found"));
    }

    @Test
    void anAlteredAmountWithARecomputedCrcIsRefused() {
        var created = createDynamic(60000).statusCode(201).extract();
        String id = created.path("id");
        String payload = created.path("payload");
        var issued = MerchantPresentedQr.parse(payload);
        var altered = new MerchantPresentedQr(
                issued.initiation(),
                issued.accounts(),
                issued.merchantCategoryCode(),
                issued.currency(),
                Money.of(1, "CNY"),
                issued.countryCode(),
                issued.merchantName(),
                issued.city(),
                issued.label());
        assertThat(MerchantPresentedQr.parse(altered.payload()).amount().minor())
                .isEqualTo(1);
        scan(buyer, altered.payload()).statusCode(422).body("code", equalTo("qr_code_altered"));
        pay(buyer, altered.payload(), null, "pay-" + UUID.randomUUID())
                .statusCode(422)
                .body("code", equalTo("qr_code_altered"));
        // a changed character without a recomputed CRC is no payload at all
        String flipped = payload.replace("5406600.00", "5406100.00");
        pay(buyer, flipped, null, "pay-" + UUID.randomUUID())
                .statusCode(400)
                .body("code", equalTo("qr_payload_invalid"));
        // the code itself is untouched and still pays its own amount
        as(merchant).get("/v1/qr_codes/" + id).then().body("status", equalTo("active"));
        scan(buyer, payload).statusCode(200).body("amount", equalTo(60000));
    }

    @Test
    void anExpiredCodeIsRefusedAndItsIntentCanceled() {
        var created = createDynamic(2500).statusCode(201).extract();
        String id = created.path("id");
        String intent = created.path("payment_intent");
        String payload = created.path("payload");
        expireNow(id);
        pay(buyer, payload, null, "pay-" + UUID.randomUUID()).statusCode(422).body("code", equalTo("qr_code_expired"));
        as(merchant).get("/v1/qr_codes/" + id).then().body("status", equalTo("expired"));
        get(merchant, intent).body("status", equalTo("canceled")).body("cancellation_reason", equalTo("abandoned"));
        assertThat(PaymentFacts.facts(id, "qr_code.refused"))
                .containsSubsequence("qr_code.created", "qr_code.expired", "qr_code.refused");
        assertConform(id);
    }

    @Test
    void theExpiryRoundExpiresCodesNobodyUsed() {
        var created = createDynamic(2600).statusCode(201).extract();
        String id = created.path("id");
        String intent = created.path("payment_intent");
        expireNow(id);
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(
                        () -> as(merchant).get("/v1/qr_codes/" + id).then().body("status", equalTo("expired")));
        get(merchant, intent).body("status", equalTo("canceled"));
        assertThat(PaymentFacts.facts(id, "qr_code.expired")).containsOnlyOnce("qr_code.expired");
    }

    @Test
    void aStaticCodeIsPaidWithTheAmountTheCustomerEnters() throws Exception {
        var created = as(merchant)
                .header("Idempotency-Key", "qr-" + UUID.randomUUID())
                .body("{\"type\":\"static\",\"currency\":\"CNY\",\"label\":\"till-1\"}")
                .post("/v1/qr_codes")
                .then()
                .statusCode(201)
                .body("type", equalTo("static"))
                .body("payment_intent", nullValue())
                .body("amount", nullValue())
                .body("expires_at", nullValue())
                .body("payload", startsWith("000201010211"))
                .extract();
        String id = created.path("id");
        String payload = created.path("payload");
        assertThat(payload).contains("0506till-1").doesNotContain("5406");
        scan(buyer, payload).statusCode(200).body("amount", nullValue()).body("label", equalTo("till-1"));
        pay(buyer, payload, null, "pay-" + UUID.randomUUID()).statusCode(400).body("code", equalTo("invalid_amount"));

        var paid = pay(buyer, payload, 1200L, "pay-" + UUID.randomUUID())
                .statusCode(200)
                .body("amount", equalTo(1200))
                .body("currency", equalTo("CNY"))
                .body("customer", equalTo(buyer))
                .body("metadata.qr_code", equalTo(id))
                .extract();
        String intent = paid.path("id");
        // the wallet answers this payment from now on (the unanswered command is re-sent with the same id)
        wallet.script(intent, Script.NORMAL);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> get(merchant, intent).body("status", equalTo("succeeded")));
        // a till's code is paid again and again, each time a new payment
        String second = pay(buyer, payload, 300L, "pay-" + UUID.randomUUID())
                .statusCode(200)
                .extract()
                .path("id");
        assertThat(second).isNotEqualTo(intent);
        as(merchant).get("/v1/qr_codes/" + id).then().body("status", equalTo("active"));
        assertThat(PaymentFacts.facts(id, "qr_code.paid")).contains("qr_code.created", "qr_code.paid");
        assertConform(id);
    }

    @Test
    void anInAppPaymentIsConfirmedByItsCustomerWithTheClientSecret() {
        String key = "create-" + UUID.randomUUID();
        String body = "{\"amount\":1500,\"currency\":\"CNY\",\"payment_method_type\":\"wallet\"}";
        var created = as(merchant)
                .header("Idempotency-Key", key)
                .body(body)
                .post("/v1/payment_intents")
                .then()
                .statusCode(201)
                .body("customer", nullValue())
                .body("client_secret", matchesPattern("^pi_[0-9a-f]{32}_secret_[A-Za-z0-9]{32}$"))
                .extract();
        String id = created.path("id");
        String secret = created.path("client_secret");
        wallet.script(id, Script.NORMAL);
        // shown once: neither a replay nor a read shows it again
        as(merchant)
                .header("Idempotency-Key", key)
                .body(body)
                .post("/v1/payment_intents")
                .then()
                .statusCode(201)
                .body("id", equalTo(id))
                .body("client_secret", nullValue());
        get(merchant, id).body("client_secret", nullValue());

        String wrong = id + "_secret_" + "A".repeat(32);
        confirm(buyer, id, "{\"payment_method_type\":\"wallet\",\"client_secret\":\"" + wrong + "\"}")
                .statusCode(404)
                .body("code", equalTo("payment_intent_not_found"));
        confirm(buyer, id, "{\"payment_method_type\":\"wallet\"}").statusCode(404);
        confirm(buyer, id, "{\"client_secret\":\"" + secret.replace(id, "pi_" + "0".repeat(32)) + "\"}")
                .statusCode(404);
        // the merchant cannot use the secret: a wallet is debited only with its customer's token
        as(merchant)
                .body("{\"client_secret\":\"" + secret + "\"}")
                .post("/v1/payment_intents/" + id + "/confirm")
                .then()
                .statusCode(403);

        confirm(buyer, id, "{\"payment_method_type\":\"wallet\",\"client_secret\":\"" + secret + "\"}")
                .statusCode(200)
                .body("status", equalTo("succeeded"))
                .body("customer", equalTo(buyer))
                .body("amount", equalTo(1500));
        // the secret is worth nothing to anyone else
        confirm("cust-" + UUID.randomUUID(), id, "{\"client_secret\":\"" + secret + "\"}")
                .statusCode(404);
    }

    static ValidatableResponse confirm(String customer, String id, String body) {
        return as(customer(customer))
                .header("Idempotency-Key", "confirm-" + UUID.randomUUID())
                .body(body)
                .post("/v1/payment_intents/" + id + "/confirm")
                .then();
    }

    @Test
    void theImageCarriesThePayload() throws Exception {
        var created = createDynamic(700).statusCode(201).extract();
        String id = created.path("id");
        String payload = created.path("payload");
        byte[] png = as(merchant)
                .get("/v1/qr_codes/" + id + "/image?format=png")
                .then()
                .statusCode(200)
                .contentType("image/png")
                .extract()
                .asByteArray();
        var image = ImageIO.read(new ByteArrayInputStream(png));
        var decoded = new QRCodeReader()
                .decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))));
        assertThat(decoded.getText()).isEqualTo(payload);
        as(merchant)
                .get("/v1/qr_codes/" + id + "/image?format=svg")
                .then()
                .statusCode(200)
                .contentType("image/svg+xml")
                .body(startsWith("<svg"));
        as(merchant).get("/v1/qr_codes/" + id + "/image?format=gif").then().statusCode(400);
    }

    @Test
    void hostileInputsAreRefusedWithProblems() {
        for (String payload : List.of(
                "x".repeat(600),
                "hello",
                "000201",
                "00020101021263040000",
                "\u0000\u0001\u0002" + "0".repeat(20),
                "0".repeat(512),
                "99999999999999999999999999999999")) {
            scan(buyer, payload).statusCode(400);
            pay(buyer, payload, null, "pay-" + UUID.randomUUID()).statusCode(400);
        }
        for (String body : List.of(
                "not json",
                "[]",
                "{\"payload\":12}",
                "{\"payload\":null}",
                "{\"payload\":\"abc\",\"extra\":1}",
                "{\"payload\":\"" + "y".repeat(2_000_000) + "\"}",
                "")) {
            int scanned = as(customer(buyer))
                    .body(body)
                    .post("/v1/qr_codes/scan")
                    .then()
                    .extract()
                    .statusCode();
            assertThat(scanned)
                    .as(body.length() > 30 ? body.substring(0, 30) : body)
                    .isBetween(400, 499);
            int paid = as(customer(buyer))
                    .header("Idempotency-Key", "pay-" + UUID.randomUUID())
                    .body(body)
                    .post("/v1/qr_codes/pay")
                    .then()
                    .extract()
                    .statusCode();
            assertThat(paid)
                    .as(body.length() > 30 ? body.substring(0, 30) : body)
                    .isBetween(400, 499);
        }
        for (String body : List.of(
                "{\"type\":\"dynamic\",\"currency\":\"CNY\"}",
                "{\"type\":\"dynamic\",\"amount\":100,\"currency\":\"CNY\",\"expires_in\":5}",
                "{\"type\":\"dynamic\",\"amount\":100,\"currency\":\"CNY\",\"expires_in\":999999999}",
                "{\"type\":\"static\",\"amount\":100,\"currency\":\"CNY\"}",
                "{\"type\":\"static\",\"currency\":\"CNY\",\"label\":\"<script>\"}",
                "{\"type\":\"bogus\",\"currency\":\"CNY\"}",
                "{\"type\":\"dynamic\",\"amount\":-1,\"currency\":\"CNY\"}",
                "{\"type\":\"dynamic\",\"amount\":1.5,\"currency\":\"CNY\"}")) {
            as(merchant)
                    .header("Idempotency-Key", "qr-" + UUID.randomUUID())
                    .body(body)
                    .post("/v1/qr_codes")
                    .then()
                    .statusCode(400);
        }
        // a merchant does not scan or pay, a customer does not issue codes
        as(merchant)
                .body("{\"payload\":\"x\"}")
                .post("/v1/qr_codes/scan")
                .then()
                .statusCode(403);
        as(customer(buyer))
                .body("{\"type\":\"static\",\"currency\":\"CNY\"}")
                .post("/v1/qr_codes")
                .then()
                .statusCode(403);
    }

    private void expireNow(String id) {
        pool.preparedQuery("UPDATE qr_code SET expires_at = now() - interval '1 second' WHERE id = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(id))
                .await()
                .indefinitely();
    }

    /** Every QR fact of the code conforms to its contract. */
    private static void assertConform(String codeId) {
        var records = LocalKafka.read(
                "payment.events", read -> read.stream().anyMatch(r -> codeId.equals(r.key())), Duration.ofSeconds(20));
        records.stream().filter(r -> codeId.equals(r.key())).forEach(r -> {
            try {
                var event = JSON.readTree(r.value());
                EventContracts.assertConforms(event.path("type").asText(), event.get("data"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }
}

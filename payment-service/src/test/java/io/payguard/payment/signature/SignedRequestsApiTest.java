package io.payguard.payment.signature;

import static io.payguard.payment.Api.as;
import static io.payguard.payment.Api.merchant;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.payguard.platform.testing.HttpSignatures;
import io.payguard.platform.testing.LocalKafka;
import io.payguard.platform.testing.PayGuardTestInfrastructure;
import io.payguard.platform.testing.contracts.EventContracts;
import io.payguard.platform.web.merchant.MerchantDirectory;
import io.payguard.platform.web.merchant.MerchantState;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/**
 * Signed requests (RFC 9421) on payment-service's money-moving calls, for a merchant whose state on auth.merchants
 * requires them: unsigned refused with Accept-Signature, signed accepted, the same signature again refused as a replay,
 * a body that does not match its Content-Digest refused; a merchant that need not sign is still refused a bad signature.
 */
@QuarkusTest
@QuarkusTestResource(value = PayGuardTestInfrastructure.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class SignedRequestsApiTest {

    static final String BODY = """
            {"amount":2500,"currency":"CNY","customer":"cust-1","payment_method_type":"wallet","capture_method":"manual"}""";

    @Inject
    MerchantDirectory directory;

    final HttpSignatures keys = HttpSignatures.newKey("k-" + UUID.randomUUID(), HttpSignatures.ED25519);

    @Test
    void aMerchantThatMustSignIsRefusedUnsignedReplayedAndTamperedCalls() throws Exception {
        String merchantId = "signing-" + UUID.randomUUID();
        publish(merchantId, true);
        String token = merchant(merchantId);

        as(token)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(BODY)
                .post("/v1/payment_intents")
                .then()
                .statusCode(401)
                .body("code", equalTo("signature_required"))
                .header("Accept-Signature", containsString("\"content-digest\""));

        String key = UUID.randomUUID().toString();
        var signed = keys.sign("POST", uri("/v1/payment_intents"), BODY, key);
        signedAs(token, signed, key)
                .body(BODY)
                .post("/v1/payment_intents")
                .then()
                .statusCode(201);
        signedAs(token, signed, key)
                .body(BODY)
                .post("/v1/payment_intents")
                .then()
                .statusCode(401)
                .body("code", equalTo("signature_replayed"));

        String other = UUID.randomUUID().toString();
        var fresh = keys.sign("POST", uri("/v1/payment_intents"), BODY, other);
        signedAs(token, fresh, other)
                .body(BODY.replace("2500", "9900"))
                .post("/v1/payment_intents")
                .then()
                .statusCode(401)
                .body("code", equalTo("content_digest_mismatch"));

        var refused = LocalKafka.awaitRecord(
                "security.events",
                v -> v.contains("io.payguard.security.request_signature.refused.v1")
                        && v.contains(merchantId)
                        && v.contains("signature_replayed"),
                "the replay's security event",
                Duration.ofSeconds(30));
        EventContracts.assertConforms(
                "io.payguard.security.request_signature.refused.v1",
                new ObjectMapper().readTree(refused.value()).get("data"));
    }

    @Test
    void aMerchantThatNeedNotSignMayNotSendABadSignature() throws Exception {
        String merchantId = "optional-" + UUID.randomUUID();
        publish(merchantId, false);
        String token = merchant(merchantId);
        as(token)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(BODY)
                .post("/v1/payment_intents")
                .then()
                .statusCode(201);
        String key = UUID.randomUUID().toString();
        var stale = keys.sign(
                "POST",
                uri("/v1/payment_intents"),
                BODY.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                key,
                Instant.now().minusSeconds(3600),
                UUID.randomUUID().toString());
        signedAs(token, stale, key)
                .body(BODY)
                .post("/v1/payment_intents")
                .then()
                .statusCode(401)
                .body("code", equalTo("signature_expired"));
        as(token)
                .header("Idempotency-Key", key)
                .header("Signature-Input", "sig1=(\"@method\"")
                .header("Signature", "sig1=:AAAA:")
                .body(BODY)
                .post("/v1/payment_intents")
                .then()
                .statusCode(401)
                .body("code", equalTo("signature_invalid"));
    }

    private RequestSpecification signedAs(String token, HttpSignatures.Signed signed, String idempotencyKey) {
        var spec = as(token).header("Idempotency-Key", idempotencyKey);
        signed.headers().forEach(spec::header);
        return spec;
    }

    private static String uri(String path) {
        return RestAssured.baseURI + ":" + RestAssured.port + path;
    }

    /** Publishes the merchant's state as auth-service does, with this test's key, and waits until it is read. */
    private void publish(String merchantId, boolean required) throws Exception {
        var json = new ObjectMapper();
        var event = json.createObjectNode()
                .put("specversion", "1.0")
                .put("id", UUID.randomUUID().toString())
                .put("source", "/payguard/auth-service")
                .put("type", "io.payguard.auth.merchant.state.v1")
                .put("subject", "merchant/" + merchantId)
                .put("time", Instant.now().toString())
                .put("datacontenttype", "application/json");
        var data = event.putObject("data")
                .put("merchantId", merchantId)
                .put("status", "ACTIVE")
                .put("currency", "CNY")
                .put("perTransactionLimitMinor", 5_000_000)
                .put("dailyLimitMinor", 50_000_000)
                .put("requestSigning", required ? "required" : "optional");
        data.putArray("signingKeys")
                .addObject()
                .put("keyId", keys.keyId())
                .put("alg", keys.alg())
                .put("publicKey", keys.publicKeyBase64())
                .put("status", "active");
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalKafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            producer.send(new ProducerRecord<>("auth.merchants", merchantId, event.toString()))
                    .get(30, TimeUnit.SECONDS);
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> directory
                        .find(merchantId)
                        .map(MerchantState::signingKeys)
                        .map(k -> !k.isEmpty())
                        .orElse(false));
    }
}

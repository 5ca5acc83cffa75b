package io.payguard.auth.webhook;

import static io.restassured.RestAssured.given;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.payguard.platform.testing.LocalKafka;
import io.payguard.platform.testing.TestTokens;
import io.payguard.platform.testing.contracts.EventContracts;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/** What the webhook tests share: merchant tokens, endpoints, payment facts on payment.events. */
final class WebhookFixtures {

    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private WebhookFixtures() {}

    static String merchant() {
        return "wh-" + UUID.randomUUID().toString().substring(0, 12);
    }

    static String token(String merchant) {
        String audience = ConfigProvider.getConfig().getValue("quarkus.oidc.token.audience", String.class);
        return TestTokens.sign(TestTokens.claims("sa-" + merchant, audience, List.of("merchant"))
                .claim("azp", merchant));
    }

    static ExtractableResponse<Response> create(String merchant, Map<String, Object> body, int status) {
        return given().auth()
                .oauth2(token(merchant))
                .contentType(ContentType.JSON)
                .body(body)
                .post("/v1/webhook_endpoints")
                .then()
                .statusCode(status)
                .extract();
    }

    /** Creates a test-mode endpoint; returns {id, secret}. */
    static String[] endpoint(String merchant, String url, List<String> events) {
        var created = create(merchant, Map.of("url", url, "enabledEvents", events, "mode", "test"), 201);
        return new String[] {created.path("id"), created.path("secret")};
    }

    /** The contracts' example of a payment fact for this merchant and payment, as payment-service publishes it. */
    static String paymentFact(String type, String merchant, String paymentId, String eventId, Instant at) {
        ObjectNode data = EventContracts.example(type).deepCopy();
        data.put("merchantId", merchant);
        data.put("paymentId", paymentId);
        ObjectNode event = JSON.createObjectNode();
        event.put("specversion", "1.0");
        event.put("id", eventId);
        event.put("source", "/payguard/payment-service");
        event.put("type", type);
        event.put("subject", paymentId);
        event.put("time", at.toString());
        event.put("datacontenttype", "application/json");
        event.set("data", data);
        return event.toString();
    }

    /** Publishes a captured fact on payment.events; returns the CloudEvent JSON. */
    static String publishCaptured(String merchant, String paymentId) {
        String fact = paymentFact(
                "io.payguard.payment.captured.v1",
                merchant,
                paymentId,
                UUID.randomUUID().toString(),
                Instant.now());
        LocalKafka.send("payment.events", paymentId, fact);
        return fact;
    }
}

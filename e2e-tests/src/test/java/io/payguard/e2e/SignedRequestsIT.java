package io.payguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.payguard.platform.testing.HttpSignatures;

/**
 * Issue 16 item 5 against the running suite with the real Keycloak: a merchant (onboarded by this test, so no other
 * test is affected) registers an Ed25519 key in auth-service with its OAuth 2.0 token and requires signed requests;
 * once payment-service's merchant directory has the new state (asynchronous: outbox, Kafka), an unsigned payment
 * creation is refused ({@code signature_required}), a signed one accepted, and the same signed request sent again
 * refused as a replay ({@code signature_replayed}).
 */
class SignedRequestsIT {

    private final Http http = new Http();
    private final Keycloak.DpopSession operator = Keycloak.customerSession("otto");
    private final String intents = Stack.serviceUrl("payment") + "/v1/payment_intents";

    @Test
    void anUnsignedOrReplayedSignedMoneyMovingCallIsRefused() throws Exception {
        String id = "sig-" + UUID.randomUUID().toString().substring(0, 8);
        String secret = onboard(id);
        var token = Map.of("Authorization", "Bearer " + Keycloak.clientCredentials(id, secret));
        var keys = HttpSignatures.newKey("e2e-" + id, HttpSignatures.ED25519);
        String merchantUrl = Stack.serviceUrl("auth") + "/v1/merchants/" + id;

        var registered = http.send(
                "POST",
                merchantUrl + "/signing_keys",
                token,
                Map.of("keyId", keys.keyId(), "alg", keys.alg(), "publicKey", keys.publicKeyBase64()));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        var required = http.send("PUT", merchantUrl + "/request_signing", token, Map.of("required", true));
        assertThat(required.status()).as(required.body()).isEqualTo(200);

        String body = "{\"amount\":100,\"currency\":\"CNY\",\"customer\":\"signed-requests-it\","
                + "\"payment_method_type\":\"wallet\",\"capture_method\":\"manual\"}";
        var unsigned = new HttpResponse<?>[1];
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions()
                .until(() ->
                        (unsigned[0] = post(token, UUID.randomUUID().toString(), body, Map.of())).statusCode() == 401);
        assertThat(unsigned[0].body().toString()).contains("signature_required");
        assertThat(unsigned[0].headers().firstValue("Accept-Signature")).isPresent();

        String key = UUID.randomUUID().toString();
        var signed = keys.sign("POST", intents, body, key);
        var accepted = post(token, key, body, signed.headers());
        assertThat(accepted.statusCode()).as(accepted.body().toString()).isEqualTo(201);
        var replayed = post(token, key, body, signed.headers());
        assertThat(replayed.statusCode()).as(replayed.body().toString()).isEqualTo(401);
        assertThat(replayed.body().toString()).contains("signature_replayed");

        var relaxed = http.send("PUT", merchantUrl + "/request_signing", token, Map.of("required", false));
        assertThat(relaxed.status()).as(relaxed.body()).isEqualTo(200);
    }

    private HttpResponse<String> post(
            Map<String, String> auth, String idempotencyKey, String body, Map<String, String> extra) throws Exception {
        var b = HttpRequest.newBuilder(URI.create(intents))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        auth.forEach(b::header);
        extra.forEach(b::header);
        return http.client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Onboards the merchant as the operator; returns its client secret. */
    private String onboard(String id) {
        String url = Stack.serviceUrl("auth") + "/v1/merchants";
        var headers = new HashMap<>(operator.headers("POST", url));
        headers.put("Idempotency-Key", UUID.randomUUID().toString());
        var onboarded =
                http.send("POST", url, headers, Map.of("id", id, "name", "Signed requests " + id, "currency", "CNY"));
        assertThat(onboarded.status()).as(onboarded.body()).isEqualTo(201);
        return onboarded.json().get("clientSecret").asText();
    }
}

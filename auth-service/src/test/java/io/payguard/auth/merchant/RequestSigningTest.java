package io.payguard.auth.merchant;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;

import io.payguard.auth.KafkaRecords;
import io.payguard.platform.testing.HttpSignatures;
import io.payguard.platform.testing.PayGuardTestInfrastructure;
import io.payguard.platform.testing.TestTokens;
import io.payguard.platform.testing.contracts.EventContracts;
import io.payguard.platform.web.merchant.MerchantState;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWireMock;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * A merchant registers, lists and revokes its request-signing keys and requires signed requests; every change publishes
 * its whole state on auth.merchants (as the contract says, readable by MerchantState) and a security event.
 */
@QuarkusTest
@QuarkusTestResource(value = PayGuardTestInfrastructure.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class RequestSigningTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @OidcWireMock
    WireMockServer keycloak;

    final String id = "signing-shop-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void aMerchantManagesItsKeysAndRequirementAndEachChangeIsPublished() throws Exception {
        onboard();
        var ed = HttpSignatures.newKey("ed-1", HttpSignatures.ED25519);
        var es = HttpSignatures.newKey("es-1", HttpSignatures.ECDSA_P256_SHA256);
        register(Map.of("keyId", "ed-1", "alg", "ed25519", "publicKey", ed.publicKeyBase64()))
                .statusCode(201)
                .body("keyId", equalTo("ed-1"))
                .body("status", equalTo("active"));
        String pem = "-----BEGIN PUBLIC KEY-----\n" + es.publicKeyBase64() + "\n-----END PUBLIC KEY-----\n";
        String generated = register(Map.of("alg", "ecdsa-p256-sha256", "publicKey", pem))
                .statusCode(201)
                .body("publicKey", equalTo(es.publicKeyBase64()))
                .extract()
                .path("keyId");
        register(Map.of("keyId", "ed-1", "alg", "ed25519", "publicKey", ed.publicKeyBase64()))
                .statusCode(409)
                .body("code", equalTo("signing_key_exists"));
        asMerchant(id)
                .get("/v1/merchants/" + id + "/signing_keys")
                .then()
                .statusCode(200)
                .body("$", hasSize(2));

        asMerchant(id)
                .body(Map.of("required", true))
                .put("/v1/merchants/" + id + "/request_signing")
                .then()
                .statusCode(200)
                .body("requestSigning", equalTo("required"));
        var state = awaitState(s -> s.signingRequired() && s.signingKeys().size() == 2);
        assertThat(state.verificationKey("ed-1")).isPresent();
        assertThat(state.verificationKey(generated)).isPresent();

        asMerchant(id)
                .delete("/v1/merchants/" + id + "/signing_keys/ed-1")
                .then()
                .statusCode(200)
                .body("status", equalTo("revoked"));
        var revoked =
                awaitState(s -> s.signingKeys().stream().anyMatch(k -> k.keyId().equals("ed-1") && !k.active()));
        assertThat(revoked.signingRequired()).isTrue();

        String event = KafkaRecords.await(
                "security.events",
                v -> v.contains("io.payguard.security.merchant.signing_changed.v1")
                        && v.contains("merchant.signing_key.revoke")
                        && v.contains(id),
                "the revocation's security event");
        EventContracts.assertConforms(
                "io.payguard.security.merchant.signing_changed.v1",
                JSON.readTree(event).get("data"));
    }

    @Test
    void badKeysOtherMerchantsAndARequirementWithoutKeysAreRefused() throws Exception {
        onboard();
        var rsa = KeyPairGenerator.getInstance("RSA").generateKeyPair().getPublic();
        var ed = HttpSignatures.newKey("ed", HttpSignatures.ED25519);
        for (var body : List.of(
                Map.of(
                        "alg",
                        "ecdsa-p256-sha256",
                        "publicKey",
                        Base64.getEncoder().encodeToString(rsa.getEncoded())),
                Map.of("alg", "ecdsa-p256-sha256", "publicKey", ed.publicKeyBase64()),
                Map.of("alg", "rsa-pss-sha512", "publicKey", ed.publicKeyBase64()),
                Map.of("alg", "ed25519", "publicKey", "%%%not-a-key"),
                Map.of("keyId", "bad key id!", "alg", "ed25519", "publicKey", ed.publicKeyBase64()),
                Map.of("alg", "ed25519"))) {
            register(body).statusCode(400);
        }
        asMerchant("someone-else")
                .body(Map.of("alg", "ed25519", "publicKey", ed.publicKeyBase64()))
                .post("/v1/merchants/" + id + "/signing_keys")
                .then()
                .statusCode(404);
        asMerchant(id)
                .body(Map.of("required", true))
                .put("/v1/merchants/" + id + "/request_signing")
                .then()
                .statusCode(422)
                .body("code", equalTo("no_active_signing_key"));
        given().auth()
                .oauth2(token("operator"))
                .contentType(ContentType.JSON)
                .body(Map.of("alg", "ed25519", "publicKey", ed.publicKeyBase64()))
                .post("/v1/merchants/" + id + "/signing_keys")
                .then()
                .statusCode(403);
    }

    private io.restassured.response.ValidatableResponse register(Map<String, String> body) {
        return asMerchant(id)
                .body(body)
                .post("/v1/merchants/" + id + "/signing_keys")
                .then();
    }

    private MerchantState awaitState(java.util.function.Predicate<MerchantState> wanted) throws Exception {
        String value = KafkaRecords.await(
                "auth.merchants",
                v -> v.contains("\"merchant/" + id + "\"") && state(v) != null && wanted.test(state(v)),
                "merchant " + id + "'s state");
        JsonNode data = JSON.readTree(value).get("data");
        EventContracts.assertConforms("io.payguard.auth.merchant.state.v1", data);
        return MerchantState.fromData(data);
    }

    private static MerchantState state(String value) {
        try {
            return MerchantState.fromData(JSON.readTree(value).get("data"));
        } catch (Exception e) {
            return null;
        }
    }

    private void onboard() {
        io.payguard.auth.KeycloakAdminStubs.serviceAccountToken(keycloak);
        keycloak.stubFor(post(urlMatching("(/auth)?/admin/realms/quarkus/clients"))
                .atPriority(2)
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Location", "http://kc/admin/realms/quarkus/clients/6f1c-uuid")));
        keycloak.stubFor(get(urlMatching("(/auth)?/admin/realms/quarkus/clients/6f1c-uuid/client-secret"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"type\":\"secret\",\"value\":\"s\"}")));
        given().auth()
                .oauth2(token("operator"))
                .contentType(ContentType.JSON)
                .body(Map.of("id", id, "name", "Signing Shop", "currency", "CNY"))
                .post("/v1/merchants")
                .then()
                .statusCode(201);
    }

    private static RequestSpecification asMerchant(String clientId) {
        String audience = ConfigProvider.getConfig().getValue("quarkus.oidc.token.audience", String.class);
        String token = TestTokens.sign(TestTokens.claims("service-account-" + clientId, audience, List.of("merchant"))
                .claim("azp", clientId));
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    private static String token(String role) {
        String audience = ConfigProvider.getConfig().getValue("quarkus.oidc.token.audience", String.class);
        return TestTokens.token(role + "-1", audience, role);
    }
}

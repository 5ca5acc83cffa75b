package io.payguard.auth.privacy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;

import io.payguard.auth.KafkaRecords;
import io.payguard.auth.KeycloakAdminStubs;
import io.payguard.auth.privacy.adapter.out.crypto.TinkExportCrypto;
import io.payguard.platform.protection.privacy.ExportSeal;
import io.payguard.platform.testing.LocalKafka;
import io.payguard.platform.testing.PayGuardTestInfrastructure;
import io.payguard.platform.testing.TestTokens;
import io.payguard.platform.testing.contracts.EventContracts;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWireMock;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Data-subject requests end to end inside auth-service: the other services' participants are simulated by publishing
 * their replies to {@code privacy.replies}; the requests the coordinator sends are read from {@code privacy.requests}.
 */
@QuarkusTest
@QuarkusTestResource(value = PayGuardTestInfrastructure.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class DataSubjectRequestTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The other services, simulated; auth-service's own participant answers for real (platform consumer). */
    private static final List<String> SERVICES = List.of("payment-service", "wallet-service", "audit-service");

    @OidcWireMock
    WireMockServer keycloak;

    @Inject
    MockMailbox mailbox;

    @Inject
    io.vertx.mutiny.sqlclient.Pool pool;

    @BeforeEach
    void stubs() {
        KeycloakAdminStubs.serviceAccountToken(keycloak);
    }

    private static String audience() {
        return ConfigProvider.getConfig().getValue("quarkus.oidc.token.audience", String.class);
    }

    /** A customer whose login was {@code ago} ago. */
    static RequestSpecification customer(String subject, Duration ago) {
        var claims = TestTokens.claims(subject, audience(), List.of("customer"))
                .claim("auth_time", Instant.now().minus(ago).getEpochSecond());
        return given().auth().oauth2(TestTokens.sign(claims)).contentType(ContentType.JSON);
    }

    static RequestSpecification officer() {
        return given().auth()
                .oauth2(TestTokens.token("officer-" + UUID.randomUUID(), audience(), "compliance-officer"))
                .contentType(ContentType.JSON);
    }

    private static com.github.tomakehurst.wiremock.matching.UrlPattern admin(String path) {
        return urlMatching("(/auth)?/admin/realms/quarkus" + java.util.regex.Pattern.quote(path));
    }

    private String keycloakUser(String subject, String email) {
        keycloak.stubFor(get(admin("/users/" + subject))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"id\":\"" + subject + "\",\"email\":\"" + email
                                + "\",\"enabled\":true,\"attributes\":{\"kyc_tier\":[\"2\"]}}")));
        keycloak.stubFor(
                delete(admin("/users/" + subject)).willReturn(aResponse().withStatus(204)));
        return subject;
    }

    private static JsonNode awaitRequest(String type, String requestId) throws Exception {
        String record = KafkaRecords.await(
                "privacy.requests",
                r -> r.contains(requestId) && r.contains("\"" + type + "\""),
                type + " of " + requestId);
        return JSON.readTree(record);
    }

    private static void reply(String type, String requestId, ObjectNode data) {
        data.put("requestId", requestId);
        ObjectNode event = JSON.createObjectNode()
                .put("specversion", "1.0")
                .put("id", UUID.randomUUID().toString())
                .put("source", "/payguard/" + data.path("service").asText())
                .put("type", type)
                .put("subject", "data_subject_request/" + requestId)
                .put("time", Instant.now().toString())
                .put("datacontenttype", "application/json");
        event.set("data", data);
        LocalKafka.send("privacy.replies", requestId, event.toString());
    }

    private static void allReply(String type, String requestId) {
        SERVICES.forEach(
                service -> reply(type, requestId, JSON.createObjectNode().put("service", service)));
    }

    private static String status(String subject, String id) {
        return customer(subject, Duration.ZERO)
                .get("/v1/data_subject_requests/" + id)
                .then()
                .statusCode(200)
                .extract()
                .path("status");
    }

    private static void awaitStatus(String subject, String id, String expected) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> status(subject, id), expected::equals);
    }

    private static String file(String subject, String type, String jurisdiction, Duration loginAgo) {
        return customer(subject, loginAgo)
                .body(Map.of("type", type, "jurisdiction", jurisdiction))
                .post("/v1/data_subject_requests")
                .then()
                .log()
                .ifValidationFails()
                .statusCode(201)
                .extract()
                .path("id");
    }

    @Test
    void anErasureCompletesWhenAllFourServicesAnswerAndTheCustomerIsToldAndDeleted() throws Exception {
        mailbox.clear();
        String alice = keycloakUser(UUID.randomUUID().toString(), "alice@demo.payguard.invalid");
        String id = file(alice, "erasure", "CN", Duration.ofMinutes(1));
        assertThat(id).matches("dsr_[0-9a-f]{24}");
        awaitRequest("io.payguard.privacy.erasure-prepare.v1", id);
        String received = KafkaRecords.await(
                "security.events", r -> r.contains(id) && r.contains("dsr.received"), "the received record");
        EventContracts.assertConforms(
                "io.payguard.security.dsr.received.v1", JSON.readTree(received).path("data"));

        allReply("io.payguard.privacy.erasure-ready.v1", id);
        JsonNode commit = awaitRequest("io.payguard.privacy.erasure-commit.v1", id);
        assertThat(commit.path("data").path("pseudonym").asText()).startsWith("psn_");
        assertThat(commit.path("data").path("subject").asText()).isEqualTo(alice);

        for (String service : SERVICES) {
            ObjectNode done = JSON.createObjectNode().put("service", service);
            var outcome =
                    done.putArray("outcomes").addObject().put("dataType", service.replace("-service", "") + "_records");
            if (service.equals("payment-service")) {
                outcome.put("action", "pseudonymised_held")
                        .put("count", 3)
                        .put("holdUntil", "2031-12-07T00:00:00Z")
                        .put("legalBasis", "PRC Anti-Money Laundering Law, art. 35");
            } else {
                outcome.put("action", "erased").put("count", 1);
            }
            reply("io.payguard.privacy.erasure-done.v1", id, done);
            reply("io.payguard.privacy.erasure-done.v1", id, done.deepCopy()); // a redelivery changes nothing
        }
        awaitStatus(alice, id, "completed");
        customer(alice, Duration.ZERO)
                .get("/v1/data_subject_requests/" + id)
                .then()
                .body("outcome", hasSize(6))
                .body(
                        "outcome.find { it.service == 'auth-service' && it.dataType == 'consents' }.action",
                        equalTo("pseudonymised_held"))
                .body("outcome.find { it.service == 'payment-service' }.action", equalTo("pseudonymised_held"))
                .body("completedAt", org.hamcrest.Matchers.notNullValue());
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> mailbox.getMailsSentTo("alice@demo.payguard.invalid"), l -> l != null && !l.isEmpty());
        assertThat(mailbox.getMailsSentTo("alice@demo.payguard.invalid").get(0).getText())
                .contains("pseudonymised and kept until 2031-12-07T00:00:00Z")
                .contains("PRC Anti-Money Laundering Law");
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> keycloak.verify(1, deleteRequestedFor(admin("/users/" + alice))));
        String completed = KafkaRecords.await(
                "security.events", r -> r.contains(id) && r.contains("dsr.completed"), "the completed record");
        EventContracts.assertConforms(
                "io.payguard.security.dsr.completed.v1",
                JSON.readTree(completed).path("data"));
    }

    @Test
    void aBlockedParticipantAbortsTheErasureAndTheRequestIsRefusedWithItsCode() throws Exception {
        String bob = keycloakUser(UUID.randomUUID().toString(), "bob@demo.payguard.invalid");
        String id = file(bob, "erasure", "EU", Duration.ZERO);
        awaitRequest("io.payguard.privacy.erasure-prepare.v1", id);
        reply(
                "io.payguard.privacy.erasure-ready.v1",
                id,
                JSON.createObjectNode().put("service", "auth-service"));
        reply(
                "io.payguard.privacy.erasure-blocked.v1",
                id,
                JSON.createObjectNode()
                        .put("service", "wallet-service")
                        .put("code", "wallet_balance_not_zero")
                        .put("detail", "wallet w-1 holds 12.00 CNY"));
        awaitStatus(bob, id, "refused");
        customer(bob, Duration.ZERO)
                .get("/v1/data_subject_requests/" + id)
                .then()
                .body("refusal.code", equalTo("wallet_balance_not_zero"))
                .body("refusal.detail", equalTo("wallet w-1 holds 12.00 CNY"))
                .body("jurisdiction", equalTo("EU"));
        awaitRequest("io.payguard.privacy.erasure-abort.v1", id);
        String refused = KafkaRecords.await(
                "security.events", r -> r.contains(id) && r.contains("dsr.refused"), "the refused record");
        EventContracts.assertConforms(
                "io.payguard.security.dsr.refused.v1", JSON.readTree(refused).path("data"));
    }

    @Test
    void anOldLoginMustBeRenewedAndTheDeadlineFollowsTheJurisdiction() {
        String carol = UUID.randomUUID().toString();
        String id = file(carol, "erasure", "CN", Duration.ofHours(2));
        var created = customer(carol, Duration.ZERO)
                .get("/v1/data_subject_requests/" + id)
                .then()
                .statusCode(200)
                .body("status", equalTo("received"))
                .body("verifiedAt", org.hamcrest.Matchers.nullValue())
                .extract();
        Instant receivedAt = Instant.parse(created.path("receivedAt"));
        assertThat(Instant.parse(created.path("deadline"))).isEqualTo(receivedAt.plus(Duration.ofDays(15)));

        customer(carol, Duration.ofHours(1))
                .post("/v1/data_subject_requests/" + id + "/verify")
                .then()
                .statusCode(403)
                .body("code", equalTo("reauthentication_required"));
        customer(UUID.randomUUID().toString(), Duration.ZERO)
                .post("/v1/data_subject_requests/" + id + "/verify")
                .then()
                .statusCode(404);
        customer(carol, Duration.ZERO)
                .post("/v1/data_subject_requests/" + id + "/verify")
                .then()
                .statusCode(200)
                .body("status", equalTo("in_progress"))
                .body("verifiedAt", org.hamcrest.Matchers.notNullValue());
        customer(carol, Duration.ZERO)
                .post("/v1/data_subject_requests/" + id + "/verify")
                .then()
                .statusCode(409);

        String eu = file(carol, "access", "EU", Duration.ofHours(2));
        var euRequest = customer(carol, Duration.ZERO)
                .get("/v1/data_subject_requests/" + eu)
                .then()
                .extract();
        assertThat(Instant.parse(euRequest.path("deadline")))
                .isEqualTo(Instant.parse(euRequest.path("receivedAt")).plus(Duration.ofDays(30)));
        officer()
                .body(Map.of("reason", "duplicate request"))
                .post("/v1/data_subject_requests/" + eu + "/refuse")
                .then()
                .statusCode(200)
                .body("status", equalTo("refused"))
                .body("refusal.code", equalTo("refused_by_officer"));
        officer().get("/v1/data_subject_requests?status=refused").then().statusCode(200);
        customer(carol, Duration.ZERO).get("/v1/data_subject_requests").then().body("data", hasSize(2));
    }

    @Test
    void aLegalHoldPutsTheErasureOnHoldUntilItIsReleased() throws Exception {
        String dave = keycloakUser(UUID.randomUUID().toString(), "dave@demo.payguard.invalid");
        String hold = officer()
                .body(Map.of("subject", dave, "reason", "court order 2026-123"))
                .post("/v1/legal_holds")
                .then()
                .statusCode(201)
                .body("subject", equalTo(dave))
                .extract()
                .path("id");
        String id = file(dave, "erasure", "CN", Duration.ZERO);
        assertThat(status(dave, id)).isEqualTo("on_hold");
        officer().get("/v1/legal_holds?subject=" + dave).then().body("data", hasSize(1));
        officer()
                .body(Map.of("reason", "case closed"))
                .post("/v1/legal_holds/" + hold + "/release")
                .then()
                .statusCode(200)
                .body("releasedAt", org.hamcrest.Matchers.notNullValue());
        assertThat(status(dave, id)).isEqualTo("in_progress");
        awaitRequest("io.payguard.privacy.erasure-prepare.v1", id);
        officer()
                .body(Map.of("reason", "case closed"))
                .post("/v1/legal_holds/" + hold + "/release")
                .then()
                .statusCode(409)
                .body("code", equalTo("legal_hold_released"));
        String set = KafkaRecords.await(
                "security.events", r -> r.contains(hold) && r.contains("legal-hold.set"), "the hold's record");
        EventContracts.assertConforms(
                "io.payguard.security.legal-hold.set.v1", JSON.readTree(set).path("data"));
    }

    @Test
    void anExportGathersEveryServiceAndIsSignedByTheKms() throws Exception {
        String erin = keycloakUser(UUID.randomUUID().toString(), "erin@demo.payguard.invalid");
        customer(erin, Duration.ZERO)
                .body(Map.of("purpose", "marketing", "version", 1, "channel", "web"))
                .post("/v1/consents")
                .then()
                .statusCode(201);
        String id = file(erin, "access", "CN", Duration.ZERO);
        JsonNode requested = awaitRequest("io.payguard.privacy.export-requested.v1", id);
        customer(erin, Duration.ZERO)
                .get("/v1/data_subject_requests/" + id + "/export")
                .then()
                .statusCode(409)
                .body("code", equalTo("export_not_ready"));

        String recipientKey = requested.path("data").path("recipientKey").asText();
        for (String service : SERVICES) {
            byte[] section = ("{\"" + service.replace("-service", "") + "Section\": [{\"n\": 1}, {\"n\": 2}]}")
                    .getBytes(StandardCharsets.UTF_8);
            String sealed = ExportSeal.seal(recipientKey, id, service, section);
            List<String> chunks = service.equals("payment-service")
                    ? List.of(sealed.substring(0, sealed.length() / 2), sealed.substring(sealed.length() / 2))
                    : List.of(sealed);
            for (int chunk = 0; chunk < chunks.size(); chunk++) {
                reply(
                        "io.payguard.privacy.export-part.v1",
                        id,
                        JSON.createObjectNode()
                                .put("service", service)
                                .put("chunk", chunk)
                                .put("chunks", chunks.size())
                                .put("sealed", chunks.get(chunk)));
            }
        }
        awaitStatus(erin, id, "completed");
        String body = customer(erin, Duration.ZERO)
                .get("/v1/data_subject_requests/" + id + "/export")
                .then()
                .statusCode(200)
                .header("Cache-Control", "no-store")
                .extract()
                .asString();
        ObjectNode bundle = (ObjectNode) JSON.readTree(body);
        assertThat(bundle.path("object").asText()).isEqualTo("data_export");
        assertThat(bundle.path("subject").asText()).isEqualTo(erin);
        assertThat(bundle.path("services").size()).isEqualTo(4);
        assertThat(bundle.path("services").path("payment-service").path("paymentSection"))
                .hasSize(2);
        assertThat(bundle.path("summary").asText()).contains("wallet-service").contains("auditSection");

        var key = customer(erin, Duration.ZERO)
                .get("/v1/data_subject_requests/export_signing_key")
                .then()
                .statusCode(200)
                .extract();
        assertThat(bundle.path("signature").path("keyId").asText()).isEqualTo(key.path("keyId"));
        byte[] spki = Base64.getUrlDecoder().decode((String) key.path("publicKey"));
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki)));
        verifier.update(TinkExportCrypto.canonical(bundle));
        assertThat(verifier.verify(Base64.getUrlDecoder()
                        .decode(bundle.path("signature").path("value").asText())))
                .isTrue();
        bundle.put("subject", "someone-else");
        verifier.update(TinkExportCrypto.canonical(bundle));
        assertThat(verifier.verify(Base64.getUrlDecoder()
                        .decode(bundle.path("signature").path("value").asText())))
                .isFalse();

        customer(UUID.randomUUID().toString(), Duration.ZERO)
                .get("/v1/data_subject_requests/" + id + "/export")
                .then()
                .statusCode(404);

        // past its TTL: 410, and the round deletes the bundle and shreds the request's data key
        pool.preparedQuery(
                        "UPDATE data_subject_request SET export_expires_at = now() - interval '1 second' WHERE id = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(id))
                .await()
                .indefinitely();
        customer(erin, Duration.ZERO)
                .get("/v1/data_subject_requests/" + id + "/export")
                .then()
                .statusCode(410)
                .body("code", equalTo("export_expired"));
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> pool.preparedQuery("SELECT export_sealed FROM data_subject_request WHERE id = $1")
                                .execute(io.vertx.mutiny.sqlclient.Tuple.of(id))
                                .await()
                                .indefinitely()
                                .iterator()
                                .next()
                                .getString(0)
                        == null);
        customer(erin, Duration.ZERO)
                .get("/v1/data_subject_requests/" + id + "/export")
                .then()
                .statusCode(410);
    }

    @Test
    void badInputIsNeverA5xx() {
        String frank = UUID.randomUUID().toString();
        customer(frank, Duration.ZERO)
                .body(Map.of("type", "delete_everything"))
                .post("/v1/data_subject_requests")
                .then()
                .statusCode(400)
                .body("code", equalTo("invalid_request_type"));
        customer(frank, Duration.ZERO)
                .body(Map.of("type", "access", "jurisdiction", "US"))
                .post("/v1/data_subject_requests")
                .then()
                .statusCode(400)
                .body("code", equalTo("invalid_jurisdiction"));
        customer(frank, Duration.ZERO)
                .body("{\"type\": 7}")
                .post("/v1/data_subject_requests")
                .then()
                .statusCode(400);
        customer(frank, Duration.ZERO)
                .body("")
                .post("/v1/data_subject_requests")
                .then()
                .statusCode(400);
        customer(frank, Duration.ZERO)
                .body(Map.of("type", "correction", "correction", Map.of()))
                .post("/v1/data_subject_requests")
                .then()
                .statusCode(400)
                .body("code", equalTo("invalid_correction"));
        customer(frank, Duration.ofHours(1))
                .body(Map.of("type", "correction", "correction", Map.of("phone", "+86 138 0000 0000")))
                .post("/v1/data_subject_requests")
                .then()
                .statusCode(403)
                .body("code", equalTo("reauthentication_required"));
        customer(frank, Duration.ZERO)
                .get("/v1/data_subject_requests/nope")
                .then()
                .statusCode(404);
        customer(frank, Duration.ZERO)
                .get("/v1/data_subject_requests/dsr_000000000000000000000000")
                .then()
                .statusCode(404);
        customer(frank, Duration.ZERO)
                .get("/v1/data_subject_requests?status=weird")
                .then()
                .statusCode(400);
        officer()
                .body(Map.of("reason", "x"))
                .post("/v1/data_subject_requests/dsr_000000000000000000000000/refuse")
                .then()
                .statusCode(400);
        officer()
                .body(Map.of("subject", "a/b", "reason", "court order"))
                .post("/v1/legal_holds")
                .then()
                .statusCode(400);
        officer()
                .body("{}")
                .post("/v1/legal_holds/lh_000000000000000000000000/release")
                .then()
                .statusCode(400);
        officer()
                .body(Map.of("reason", "court order"))
                .post("/v1/legal_holds/lh_000000000000000000000000/release")
                .then()
                .statusCode(404);
        officer().get("/v1/legal_holds?subject=a%2Fb").then().statusCode(400);
    }
}

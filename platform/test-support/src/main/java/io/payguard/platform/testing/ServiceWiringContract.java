package io.payguard.platform.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * What every PayGuard service must do from day one, run by each service's {@code @QuarkusTest} against a
 * real PostgreSQL and a real Kafka: locally verified OAuth 2.0 tokens (issuer, audience, expiry,
 * signature), roles, RFC 9457 errors, health that checks the database and Kafka, metrics, OpenAPI,
 * Flyway migrations, and the transactional outbox delivering an audit record to Kafka.
 */
public abstract class ServiceWiringContract {

    protected String audience() {
        return ConfigProvider.getConfig().getValue("quarkus.oidc.token.audience", String.class);
    }

    protected String serviceName() {
        return ConfigProvider.getConfig().getValue("quarkus.application.name", String.class);
    }

    @Test
    void noTokenIsRejectedWith401AndAProblem() {
        given().when()
                .get("/v1/me")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", equalTo("Bearer"))
                .contentType(containsString("application/problem+json"))
                .body("code", equalTo("unauthenticated"));
    }

    @Test
    void aValidTokenWithAPayGuardRoleIsAccepted() {
        String requestId = "test-" + UUID.randomUUID();
        given().auth()
                .oauth2(TestTokens.token("customer-123", audience(), "customer"))
                .header("X-Request-Id", requestId)
                .when()
                .get("/v1/me")
                .then()
                .statusCode(200)
                .header("X-Request-Id", requestId)
                .body("service", equalTo(serviceName()))
                .body("subject", equalTo("customer-123"))
                .body("roles", hasItem("customer"));
    }

    @Test
    void aTokenForAnotherAudienceIsRejected() {
        given().auth()
                .oauth2(TestTokens.token("customer-123", "payguard-some-other-api", "customer"))
                .when()
                .get("/v1/me")
                .then()
                .statusCode(401);
    }

    @Test
    void anExpiredTokenIsRejected() {
        String token = expiredToken("customer-123", "customer");
        given().auth().oauth2(token).when().get("/v1/me").then().statusCode(401);
    }

    @Test
    void aTokenSignedByAnotherKeyIsRejected() throws Exception {
        String forged = forgedToken("customer-123", "customer");
        given().auth().oauth2(forged).when().get("/v1/me").then().statusCode(401);
    }

    @Test
    void anHs256TokenIsRejected() {
        String hs256 = TestTokens.claims("customer-123", audience(), List.of("customer"))
                .jws()
                .algorithm(io.smallrye.jwt.algorithm.SignatureAlgorithm.HS256)
                .signWithSecret("a-shared-secret-that-is-at-least-256-bits-long!!");
        given().auth().oauth2(hs256).when().get("/v1/me").then().statusCode(401);
    }

    @Test
    void anAlgNoneTokenIsRejected() {
        var b64 = java.util.Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString(
                "{\"alg\":\"none\",\"typ\":\"JWT\",\"kid\":\"1\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String body = b64.encodeToString(("{\"iss\":\"" + TestTokens.ISSUER + "\",\"sub\":\"customer-123\",\"aud\":\""
                        + audience()
                        + "\",\"typ\":\"Bearer\",\"exp\":" + (Instant.now().getEpochSecond() + 300)
                        + ",\"realm_access\":{\"roles\":[\"customer\"]}}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        given().auth()
                .oauth2(header + "." + body + ".")
                .when()
                .get("/v1/me")
                .then()
                .statusCode(401);
    }

    @Test
    void anIdTokenIsNotAnAccessToken() {
        String idToken = TestTokens.sign(TestTokens.claims("customer-123", audience(), List.of("customer"))
                .claim("typ", "ID"));
        given().auth().oauth2(idToken).when().get("/v1/me").then().statusCode(401);
    }

    @Test
    void aTokenWithoutAPayGuardRoleIsForbiddenWithAProblem() {
        given().auth()
                .oauth2(TestTokens.token("someone", audience(), "offline_access"))
                .when()
                .get("/v1/me")
                .then()
                .statusCode(403)
                .contentType(containsString("application/problem+json"))
                .body("code", equalTo("forbidden"))
                .body("status", equalTo(403));
    }

    @Test
    void unknownRoutesAnswerAProblemNotAStackTrace() {
        given().auth()
                .oauth2(TestTokens.token("customer-123", audience(), "customer"))
                .when()
                .get("/v1/no-such-route")
                .then()
                .statusCode(404)
                .body("code", equalTo("not_found"));
    }

    @Test
    void readinessChecksTheDatabaseAndKafka() {
        // another test of the module may have just restarted PostgreSQL: a pooled connection it broke fails one check
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> given().when().get("/q/health/ready").statusCode() == 200);
        given().when()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Reactive PostgreSQL")))
                .body("checks.name", hasItem(containsString("Kafka")))
                .body("checks.name", hasItem("API key registry"));
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    /** The pool every service's persistence uses sets server-side timeouts, so no statement or lock wait hangs for ever. */
    @Test
    void databaseSessionsCarryStatementAndLockTimeouts() {
        var pool = io.quarkus.arc.Arc.container()
                .instance(io.vertx.mutiny.sqlclient.Pool.class)
                .get();
        java.util.function.Function<String, String> show = name -> pool.query("SHOW " + name)
                .execute()
                .await()
                .atMost(Duration.ofSeconds(10))
                .iterator()
                .next()
                .getString(0);
        assertThat(show.apply("statement_timeout")).isEqualTo("30s");
        assertThat(show.apply("lock_timeout")).isEqualTo("10s");
        assertThat(show.apply("idle_in_transaction_session_timeout")).isEqualTo("1min");
    }

    @Test
    void metricsAndOpenApiArePublished() {
        given().auth()
                .oauth2(TestTokens.token("customer-123", audience(), "customer"))
                .get("/v1/me")
                .then()
                .statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("http_server_requests_seconds"));
        given().when().get("/q/openapi?format=json").then().statusCode(200).body(containsString("/v1/me"));
    }

    @Test
    void theCallIsAuditedThroughTheOutboxOntoKafka() {
        String requestId = "audit-" + UUID.randomUUID();
        String eventId = given().auth()
                .oauth2(TestTokens.token("customer-456", audience(), "customer"))
                .header("X-Request-Id", requestId)
                .when()
                .get("/v1/me")
                .then()
                .statusCode(200)
                .extract()
                .path("auditEventId");

        List<String> found = recordsContaining("audit.records", eventId);
        assertThat(found).as("audit event %s on audit.records", eventId).hasSize(1);
        assertThat(found.get(0))
                .contains("\"specversion\":\"1.0\"")
                .contains("\"type\":\"io.payguard.audit.record.v1\"")
                .contains("\"correlationId\":\"" + requestId + "\"")
                .contains("\"subject\":\"customer-456\"");
    }

    @Test
    void aFailedAuthenticationBecomesASecurityEventWithoutTheCredential() {
        String requestId = "authfail-" + UUID.randomUUID();
        String expired = expiredToken("customer-789", "customer");
        given().auth()
                .oauth2(expired)
                .header("X-Request-Id", requestId)
                .when()
                .get("/v1/me")
                .then()
                .statusCode(401);

        String found = securityEvent(requestId);
        assertThat(found)
                .as("security event for request %s", requestId)
                .isNotNull()
                .contains("io.payguard.security.authentication.failed.v1")
                .contains("\"outcome\":\"failure\"")
                .contains("\"objectId\":\"jwt\"")
                .doesNotContain(expired.substring(expired.lastIndexOf('.') + 1));
    }

    @Test
    void anApiKeyInTheQueryStringIsRefused() {
        given().queryParam("key", "sk_live_" + "x".repeat(43))
                .when()
                .get("/v1/me")
                .then()
                .statusCode(400)
                .body("code", equalTo("api_key_in_url"));
    }

    @Test
    void aDpopBoundTokenNeedsAFreshProofWithTheBoundKey() {
        String url = meOnLoopback();
        DpopProofs client = DpopProofs.newKey();
        String token = boundToken(client);

        String proof = client.proof("GET", url, token);
        meWithDpop(token, proof).statusCode(200).body("subject", equalTo("mobile-user"));
        // the same proof again: replay
        meWithDpop(token, proof).statusCode(401);
        // the bound token as a plain bearer token
        given().baseUri("http://127.0.0.1")
                .auth()
                .oauth2(token)
                .get("/v1/me")
                .then()
                .statusCode(401)
                .body("code", equalTo("dpop_required"));
        // no proof
        meWithDpop(token, null).statusCode(401);
        // a proof from another key
        meWithDpop(token, DpopProofs.newKey().proof("GET", url, token)).statusCode(401);
        // wrong method, wrong URL
        meWithDpop(token, client.proof("POST", url, token)).statusCode(401);
        meWithDpop(token, client.proof("GET", url.replace("/v1/me", "/v1/other"), token))
                .statusCode(401);
        // stale, and from the future
        for (Instant issuedAt :
                List.of(Instant.now().minusSeconds(120), Instant.now().plusSeconds(60))) {
            meWithDpop(
                            token,
                            client.proof(
                                    "GET",
                                    url,
                                    token,
                                    issuedAt,
                                    UUID.randomUUID().toString()))
                    .statusCode(401);
        }
        // a proof made for another token
        meWithDpop(token, client.proof("GET", url, "some-other-token")).statusCode(401);
        // a token bound to another key, with a valid proof from this one
        String otherBound = boundToken(DpopProofs.newKey());
        meWithDpop(otherBound, client.proof("GET", url, otherBound)).statusCode(401);
        // forged: the bound key in the header, signed by another key; and a signed proof whose claims were changed
        meWithDpop(token, client.forgedProof("GET", url, token)).statusCode(401);
        meWithDpop(token, client.tamperedProof("GET", url, token)).statusCode(401);
        // and after all those refusals a fresh proof still works
        meWithDpop(token, client.proof("GET", url, token)).statusCode(200);
    }

    /** The URL of GET /v1/me as the service sees it (it listens on 127.0.0.1): what a DPoP proof names. */
    private static String meOnLoopback() {
        return "http://127.0.0.1:" + io.restassured.RestAssured.port + "/v1/me";
    }

    /** A token for {@code subject} with {@code role} that expired an hour ago. */
    private String expiredToken(String subject, String role) {
        return TestTokens.sign(TestTokens.claims(subject, audience(), List.of(role))
                .issuedAt(Instant.now().minus(Duration.ofHours(2)))
                .expiresAt(Instant.now().minus(Duration.ofHours(1))));
    }

    /** A token for {@code subject} with {@code role} under the test issuer's key id, signed by another RSA key. */
    private String forgedToken(String subject, String role) throws java.security.GeneralSecurityException {
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return TestTokens.claims(subject, audience(), List.of(role))
                .jws()
                .keyId("1")
                .sign(generator.generateKeyPair().getPrivate());
    }

    /** A customer token of mobile-user bound to {@code key} ({@code cnf.jkt}). */
    private String boundToken(DpopProofs key) {
        return TestTokens.sign(TestTokens.claims("mobile-user", audience(), List.of("customer"))
                .claim("cnf", Map.of("jkt", key.thumbprint())));
    }

    /** GET /v1/me on 127.0.0.1 with a DPoP-bound token and its proof (none when null). */
    private static io.restassured.response.ValidatableResponse meWithDpop(String token, String proof) {
        return meWithDpop(token, proof, null);
    }

    private static io.restassured.response.ValidatableResponse meWithDpop(
            String token, String proof, String requestId) {
        var request = given().baseUri("http://127.0.0.1").header("Authorization", "DPoP " + token);
        if (proof != null) {
            request.header("DPoP", proof);
        }
        if (requestId != null) {
            request.header("X-Request-Id", requestId);
        }
        return request.get("/v1/me").then();
    }

    /**
     * Malformed DPoP proofs, with a garbage token and with a real key-bound one: each is a 401 problem. The OIDC
     * extension answered several of these with a NullPointerException (500) on every service.
     */
    @Test
    void malformedDpopProofsAre401ProblemsNeverServerErrors() {
        var b64 = java.util.Base64.getUrlEncoder().withoutPadding();
        java.util.function.Function<String, String> enc =
                json -> b64.encodeToString(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        DpopProofs client = DpopProofs.newKey();
        String bound = boundToken(client);
        List<String> proofs = List.of(
                "not-a-jwt",
                "a.b.c",
                "...",
                "eyJ.e30.",
                enc.apply("{\"alg\":\"none\"}") + ".e30.",
                enc.apply("{\"typ\":\"dpop+jwt\",\"alg\":\"none\"}") + ".e30.",
                enc.apply("{\"typ\":\"dpop+jwt\",\"alg\":\"ES256\"}") + ".e30.c2ln",
                enc.apply("{\"typ\":\"dpop+jwt\",\"alg\":\"ES256\",\"jwk\":\"x\"}") + ".e30.c2ln",
                enc.apply("{\"typ\":\"dpop+jwt\",\"alg\":\"ES256\",\"jwk\":{\"kty\":\"EC\"}}") + ".e30.c2ln",
                enc.apply("{\"typ\":\"dpop+jwt\",\"alg\":\"HS256\",\"jwk\":{\"kty\":\"oct\",\"k\":\"AAAA\"}}")
                        + ".e30.c2ln",
                "x".repeat(9_000),
                " ");
        for (String token : List.of("abc", bound)) {
            for (String proof : proofs) {
                given().header("Authorization", "DPoP " + token)
                        .header("DPoP", proof)
                        .when()
                        .get("/v1/me")
                        .then()
                        .statusCode(401)
                        .contentType(containsString("application/problem+json"))
                        .body("status", equalTo(401));
            }
            given().header("Authorization", "DPoP " + token)
                    .header("DPoP", client.proof("GET", "http://127.0.0.1/v1/me", token))
                    .header("DPoP", client.proof("GET", "http://127.0.0.1/v1/me", token))
                    .when()
                    .get("/v1/me")
                    .then()
                    .statusCode(401)
                    .body("code", equalTo("dpop_required"));
        }
    }

    /** A proof PayGuard itself refuses (here: replayed) leaves a security event like any other failed login. */
    @Test
    void aRefusedDpopProofBecomesASecurityEvent() {
        DpopProofs client = DpopProofs.newKey();
        String token = boundToken(client);
        String proof = client.proof("GET", meOnLoopback(), token);
        meWithDpop(token, proof).statusCode(200);
        String replayId = "dpop-replay-" + UUID.randomUUID();
        meWithDpop(token, proof, replayId).statusCode(401);
        String malformedId = "dpop-malformed-" + UUID.randomUUID();
        given().header("Authorization", "DPoP abc")
                .header("DPoP", "not-a-jwt")
                .header("X-Request-Id", malformedId)
                .get("/v1/me")
                .then()
                .statusCode(401);
        for (String requestId : List.of(replayId, malformedId)) {
            assertThat(securityEvent(requestId))
                    .as("security event for request %s", requestId)
                    .isNotNull()
                    .contains("\"reason\":\"dpop_invalid\"")
                    .contains("\"outcome\":\"failure\"")
                    .doesNotContain(token);
        }
    }

    /** What no route can take is refused before it reaches a parser or the database, always as a problem. */
    @Test
    void hostileUrlsAndBodiesAreProblemsNeverServerErrors() {
        String bearer = "Bearer " + TestTokens.token("customer-123", audience(), "customer");
        record Case(String method, String path, String contentType, String body, boolean auth, int status) {}
        List<Case> cases = List.of(
                new Case("GET", "/v1/me", null, null, false, 401),
                new Case("GET", "/v1/no-such-route", null, null, false, 401),
                new Case("GET", "/v1/me/%00", null, null, true, 400),
                new Case("GET", "/v1/me/abc%00def", null, null, false, 400),
                new Case("GET", "/v1/me?customer=%00", null, null, true, 400),
                new Case("GET", "/v1/me?q=%1b%5b31m", null, null, true, 400),
                new Case("GET", "/v1/me?q=%C0%AF", null, null, true, 400),
                new Case("GET", "/v1/me/" + "a".repeat(9000), null, null, true, 414),
                new Case("POST", "/v1/me", "application/json", "{\"a\":\"" + "x".repeat(1_100_000) + "\"}", true, 413),
                new Case("GET", "/v1/me?filler=" + "b".repeat(20_000), null, null, true, 414),
                new Case("POST", "/v1/me", "text/plain", "{}", true, 415),
                new Case("POST", "/v1/me", "application/x-www-form-urlencoded", "a=b", true, 415));
        var http = java.net.http.HttpClient.newHttpClient();
        for (Case c : cases) {
            var request = java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://127.0.0.1:" + io.restassured.RestAssured.port + c.path()))
                    .timeout(Duration.ofSeconds(15))
                    .method(
                            c.method(),
                            c.body() == null
                                    ? java.net.http.HttpRequest.BodyPublishers.noBody()
                                    : java.net.http.HttpRequest.BodyPublishers.ofString(c.body()));
            if (c.contentType() != null) {
                request.header("Content-Type", c.contentType());
            }
            if (c.auth()) {
                request.header("Authorization", bearer);
            }
            java.net.http.HttpResponse<String> response;
            try {
                response = http.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                throw new AssertionError(c + ": " + e, e);
            }
            String label = c.method() + " " + (c.path().length() > 60 ? c.path().substring(0, 60) + "..." : c.path());
            assertThat(response.statusCode()).as(label).isEqualTo(c.status());
            assertThat(response.headers().firstValue("Content-Type").orElse(""))
                    .as(label)
                    .contains("application/problem+json");
            assertThat(response.body())
                    .as(label)
                    .contains("\"status\":" + c.status())
                    .contains("\"code\":")
                    .doesNotContain("Exception")
                    .doesNotContain("at io.")
                    .doesNotContain("SQL");
        }
    }

    @Test
    void oversizedHeadersAreAProblem() {
        given().auth()
                .oauth2(TestTokens.token("customer-123", audience(), "customer"))
                .header("X-Filler", "c".repeat(20_000))
                .when()
                .get("/v1/me")
                .then()
                .statusCode(431)
                .contentType(containsString("application/problem+json"))
                .body("code", equalTo("headers_too_large"));
    }

    private static String securityEvent(String requestId) {
        return recordsContaining("security.events", requestId).stream()
                .findFirst()
                .orElse(null);
    }

    /** The values on {@code topic} containing {@code text}, read from the start until one shows up (30 s at most). */
    private static List<String> recordsContaining(String topic, String text) {
        return LocalKafka.read(
                        topic,
                        read -> read.stream()
                                .anyMatch(r -> r.value() != null && r.value().contains(text)),
                        Duration.ofSeconds(30))
                .stream()
                .map(ConsumerRecord::value)
                .filter(v -> v != null && v.contains(text))
                .toList();
    }

    /** Public routes of this service (none so far): anything else must declare its roles. */
    protected Set<String> publicRoutes() {
        return Set.of();
    }

    @Test
    void everyPublishedRouteIsProtected() throws Exception {
        String forged = forgedToken("intruder", "operator");
        String expired = expiredToken("late", "operator");
        String wrongAudience = TestTokens.token("elsewhere", "payguard-other-api", "operator");
        List<RouteMatrix.Probe> probes = new ArrayList<>(List.of(
                new RouteMatrix.Probe("no credentials", Map.of(), Set.of()),
                new RouteMatrix.Probe("forged token", Map.of("Authorization", "Bearer " + forged), Set.of()),
                new RouteMatrix.Probe("expired token", Map.of("Authorization", "Bearer " + expired), Set.of()),
                new RouteMatrix.Probe(
                        "token for another audience", Map.of("Authorization", "Bearer " + wrongAudience), Set.of()),
                new RouteMatrix.Probe(
                        "unknown API key", Map.of("Authorization", "Bearer sk_test_" + "Z".repeat(43)), Set.of())));
        for (String role : List.of("customer", "merchant", "auditor", "compliance-officer", "operator", "service")) {
            probes.add(new RouteMatrix.Probe(
                    role + " token",
                    Map.of("Authorization", "Bearer " + TestTokens.token(role + "-probe", audience(), role)),
                    Set.of(role)));
        }
        String base = "http://localhost:" + io.restassured.RestAssured.port;
        assertThat(new RouteMatrix(base).violations(probes, publicRoutes())).isEmpty();
    }

    /** Every published route, fed hostile ids, queries and bodies with a credential it admits: never a 5xx. */
    @Test
    void everyPublishedRouteAnswersHostileInputWithProblemsNeverServerErrors() {
        List<HostileInputSweep.Credential> credentials = new ArrayList<>();
        for (String role : List.of("customer", "merchant", "auditor", "compliance-officer", "operator", "service")) {
            String token = TestTokens.token(role + "-sweep", audience(), role);
            credentials.add(new HostileInputSweep.Credential(
                    role, Set.of(role), (method, url) -> Map.of("Authorization", "Bearer " + token)));
        }
        var sweep = new HostileInputSweep("http://127.0.0.1:" + io.restassured.RestAssured.port);
        List<String> violations = sweep.violations(
                credentials, line -> System.out.println("[hostile-input] " + serviceName() + " " + line));
        System.out.printf(
                "[hostile-input] %s: %d requests, %d violations%n", serviceName(), sweep.requests(), violations.size());
        assertThat(violations).isEmpty();
    }
}

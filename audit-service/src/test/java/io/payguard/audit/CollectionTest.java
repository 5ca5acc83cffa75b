package io.payguard.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.payguard.audit.domain.AuditRecord;
import io.payguard.platform.testing.PayGuardTestInfrastructure;
import io.payguard.platform.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/** Security and domain events and personal-data access records reach the trail; domain poison goes to its DLQ. */
@QuarkusTest
@QuarkusTestResource(value = PayGuardTestInfrastructure.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class CollectionTest {

    @jakarta.inject.Inject
    io.payguard.audit.application.ChainAppender appender;

    private static String auditor() {
        return TestTokens.token(
                "auditor-1",
                ConfigProvider.getConfig().getValue("quarkus.oidc.token.audience", String.class),
                "auditor");
    }

    private static void send(String topic, String key, String value) throws Exception {
        KafkaTestClient.send(topic, key, value);
    }

    @Test
    void aFailedAuthenticationAPaymentDeclineAndAPersonalDataReadAreRecorded() throws Exception {
        String client = "client-" + UUID.randomUUID().toString().substring(0, 8);
        String subject = "subj-" + UUID.randomUUID().toString().substring(0, 8);
        send("security.events", client, """
                {"specversion":"1.0","id":"%s","source":"/payguard/auth-service","type":"io.payguard.security.authentication.failed.v1",
                 "time":"2026-11-26T10:00:00Z","data":{"clientId":"%s","ip":"192.0.2.7","reason":"bad_secret"}}
                """.formatted(UUID.randomUUID(), client));
        send("payment.events", "pi_9", """
                {"specversion":"1.0","id":"%s","source":"/payguard/payment-service","type":"io.payguard.payment.declined.v1",
                 "subject":"payment/pi_9","time":"2026-11-26T10:00:01Z","data":{"paymentId":"pi_9","decision":"declined",
                 "actor":{"subject":"%s","clientId":"%s","roles":["merchant"]},"ruleIds":["velocity"]}}
                """.formatted(UUID.randomUUID(), subject, client));
        send("audit.records", "corr-pii-1", """
                {"specversion":"1.0","id":"%s","source":"/payguard/wallet-service","type":"io.payguard.audit.pii-access.v1",
                 "time":"2026-11-26T10:00:02Z","data":{"service":"wallet-service","actor":{"subject":"agent-7","clientId":"payguard-web",
                 "roles":["operator"]},"dataSubject":"%s","fields":["phone","idNumber"],"purpose":"support","reason":"ticket-42",
                 "objectType":"wallet","objectId":"w-1","origin":{"ip":"10.0.0.9","userAgent":"console"},"correlationId":"corr-pii-1"}}
                """.formatted(UUID.randomUUID(), subject));
        String poisonKey = "poison-" + UUID.randomUUID();
        send("payment.events", poisonKey, "not json at all");

        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> given().auth()
                        .oauth2(auditor())
                        .queryParam("clientId", client)
                        .get("/v1/audit/search")
                        .then()
                        .statusCode(200)
                        .body("records.size()", equalTo(2)));
        var page = given().auth()
                .oauth2(auditor())
                .queryParam("clientId", client)
                .get("/v1/audit/search")
                .then()
                .extract()
                .jsonPath();
        assertThat(page.getList("records.action", String.class))
                .containsExactlyInAnyOrder(
                        "io.payguard.security.authentication.failed.v1", "io.payguard.payment.declined.v1");
        assertThat(page.getList("records.outcome", String.class)).containsExactlyInAnyOrder("failure", "declined");
        // searches mask source addresses by default; a compliance officer may ask for them, an auditor may not
        assertThat(page.getList("records.origin.ip", String.class))
                .contains("192.0.2.0")
                .doesNotContain("192.0.2.7");
        String officer = TestTokens.token(
                "co-1",
                ConfigProvider.getConfig().getValue("quarkus.oidc.token.audience", String.class),
                "compliance-officer");
        given().auth()
                .oauth2(officer)
                .queryParam("clientId", client)
                .queryParam("unmasked", true)
                .get("/v1/audit/search")
                .then()
                .statusCode(200)
                .body("records.origin.ip", org.hamcrest.Matchers.hasItem("192.0.2.7"));
        given().auth()
                .oauth2(auditor())
                .queryParam("clientId", client)
                .queryParam("unmasked", true)
                .get("/v1/audit/search")
                .then()
                .statusCode(403)
                .body("code", equalTo("unmasking_not_allowed"));
        assertThat(page.getList("records.objectId", String.class)).contains("pi_9");

        // keyset pages of one: two records, then nothing
        var p1 = given().auth()
                .oauth2(auditor())
                .queryParam("clientId", client)
                .queryParam("limit", 1)
                .get("/v1/audit/search")
                .then()
                .statusCode(200)
                .body("records.size()", equalTo(1))
                .extract()
                .jsonPath();
        var p2 = given().auth()
                .oauth2(auditor())
                .queryParam("clientId", client)
                .queryParam("limit", 1)
                .queryParam("after", p1.getLong("nextCursor"))
                .get("/v1/audit/search")
                .then()
                .statusCode(200)
                .body("records.size()", equalTo(1))
                .extract()
                .jsonPath();
        assertThat(p2.getLong("records[0].seq")).isGreaterThan(p1.getLong("records[0].seq"));
        given().auth()
                .oauth2(auditor())
                .queryParam("clientId", client)
                .queryParam("limit", 1)
                .queryParam("after", p2.getLong("nextCursor"))
                .get("/v1/audit/search")
                .then()
                .statusCode(200)
                .body("records.size()", equalTo(0));

        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> given().auth()
                        .oauth2(auditor())
                        .queryParam("dataSubject", subject)
                        .get("/v1/audit/personal-data-access")
                        .then()
                        .statusCode(200)
                        .body("records.size()", equalTo(1))
                        .body("records[0].actor.subject", equalTo("agent-7"))
                        .body("records[0].personalData.fields", equalTo(List.of("phone", "idNumber")))
                        .body("records[0].personalData.purpose", equalTo("support"))
                        .body("records[0].personalData.reason", equalTo("ticket-42")));

        // reports and exports over the same data
        var failed = given().auth()
                .oauth2(auditor())
                .get("/v1/audit/reports/failed-authentications")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(failed.getList("rows.findAll { it.clientId == '" + client + "' }.sourceIp", String.class))
                .containsExactly("192.0.2.7");
        assertThat(failed.getList("rows.findAll { it.clientId == '" + client + "' }.count", Integer.class))
                .containsExactly(1);
        var declines = given().auth()
                .oauth2(auditor())
                .get("/v1/audit/reports/risk-declines")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(declines.getList("rows.action", String.class)).contains("io.payguard.payment.declined.v1");
        given().auth()
                .oauth2(auditor())
                .get("/v1/audit/reports/personal-data-accesses")
                .then()
                .statusCode(200)
                .body("rows.find { it.accessor == 'agent-7' }.purpose", equalTo("support"));
        given().auth()
                .oauth2(auditor())
                .get("/v1/audit/reports/no-such-report")
                .then()
                .statusCode(404)
                .body("code", equalTo("unknown_report"));

        var csv = given().auth()
                .oauth2(auditor())
                .queryParam("format", "csv")
                .get("/v1/audit/export")
                .then()
                .statusCode(200)
                .extract();
        long total = Long.parseLong(csv.header("X-PayGuard-Export-Total"));
        var lines = csv.asString().split("\n");
        assertThat(lines[0]).startsWith("seq,id,occurredAt");
        assertThat(lines.length - 1L).isGreaterThanOrEqualTo(total).isGreaterThanOrEqualTo(3);
        assertThat(csv.asString())
                .contains("192.0.2.0")
                .doesNotContain("192.0.2.7")
                .contains("ticket-42");
        var ndjson = given().auth()
                .oauth2(auditor())
                .queryParam("format", "json")
                .queryParam("from", "2026-11-26T10:00:00Z")
                .queryParam("to", "2026-11-26T10:00:03Z")
                .get("/v1/audit/export")
                .then()
                .statusCode(200)
                .extract();
        var jsonLines = ndjson.asString().split("\n");
        assertThat(jsonLines[jsonLines.length - 1])
                .contains("\"summary\"")
                .contains("\"total\":" + ndjson.header("X-PayGuard-Export-Total"));
        assertThat(jsonLines.length - 1).isEqualTo(Integer.parseInt(ndjson.header("X-PayGuard-Export-Total")));

        List<String> reasons = KafkaTestClient.readUntil(
                        "payment.events.dlq",
                        read -> read.stream().anyMatch(r -> poisonKey.equals(r.key())),
                        Duration.ofSeconds(30))
                .stream()
                .filter(r -> poisonKey.equals(r.key()))
                .map(KafkaTestClient::deadLetterReason)
                .toList();
        assertThat(reasons).hasSize(1);
        assertThat(reasons.get(0)).contains("CloudEvents");
    }

    @Test
    void aBurstOfFailedAuthenticationsFromOneClientRaisesOneAlertOnSecurityAlerts() throws Exception {
        String client = "burst-" + UUID.randomUUID().toString().substring(0, 8);
        var futures = new java.util.ArrayList<java.util.concurrent.CompletableFuture<Boolean>>();
        for (int i = 0; i < 6; i++) {
            var id = UUID.randomUUID();
            futures.add(appender.submit(
                            id.toString(),
                            new AuditRecord(
                                    id,
                                    java.time.Instant.parse("2026-11-26T10:05:00Z")
                                            .plusSeconds(i),
                                    "auth-service",
                                    "io.payguard.security.authentication.failed.v1",
                                    "io.payguard.security.authentication.failed.v1",
                                    null,
                                    null,
                                    "failure",
                                    new AuditRecord.Actor(null, client, List.of()),
                                    new AuditRecord.Origin(null, null),
                                    null,
                                    null))
                    .toCompletableFuture());
        }
        java.util.concurrent.CompletableFuture.allOf(futures.toArray(java.util.concurrent.CompletableFuture[]::new))
                .get(30, java.util.concurrent.TimeUnit.SECONDS);
        String key = "clientId:" + client;
        var alerts = KafkaTestClient.readUntil(
                        "security.alerts",
                        read -> read.stream().anyMatch(r -> key.equals(r.key())),
                        Duration.ofSeconds(30))
                .stream()
                .filter(r -> key.equals(r.key()))
                .toList();
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).value())
                .contains("io.payguard.security.alert.raised.v1")
                .contains("failed-authentications-burst")
                .contains("\"count\":4");
    }

    @Test
    void searchRejectsBadInputWithProblems() {
        given().auth()
                .oauth2(auditor())
                .queryParam("limit", 0)
                .get("/v1/audit/search")
                .then()
                .statusCode(400)
                .body("code", equalTo("invalid_limit"));
        given().auth()
                .oauth2(auditor())
                .queryParam("from", "yesterday")
                .get("/v1/audit/search")
                .then()
                .statusCode(400)
                .body("code", equalTo("invalid_from"));
        given().auth()
                .oauth2(auditor())
                .queryParam("subject", "a b")
                .get("/v1/audit/search")
                .then()
                .statusCode(400)
                .body("code", equalTo("invalid_subject"));
        given().auth()
                .oauth2(auditor())
                .get("/v1/audit/personal-data-access")
                .then()
                .statusCode(400)
                .body("code", equalTo("invalid_data_subject"));
    }
}

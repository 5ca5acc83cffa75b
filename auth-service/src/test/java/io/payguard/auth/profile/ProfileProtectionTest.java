package io.payguard.auth.profile;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.payguard.platform.testing.PayGuardTestInfrastructure;
import io.payguard.platform.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The protection kit in a real entity, against real PostgreSQL and Kafka: profiles stored as ciphertext
 * (read from the raw columns), found by blind index, returned masked, revealed only to a compliance officer
 * with a purpose and audited, then key rotation (KEK re-wrap and resumable re-encryption) and crypto-shredding.
 */
@QuarkusTest
@QuarkusTestResource(value = PayGuardTestInfrastructure.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class ProfileProtectionTest {

    @Inject
    Pool pool;

    static String token(String subject, String role) {
        return TestTokens.token(
                subject, ConfigProvider.getConfig().getValue("quarkus.oidc.token.audience", String.class), role);
    }

    static String create(String customer, String name, String phone, String email) {
        return given().auth()
                .oauth2(token(customer, "customer"))
                .contentType(ContentType.JSON)
                .body(Map.of("name", name, "phone", phone, "email", email))
                .when()
                .post("/v1/profiles")
                .then()
                .statusCode(201)
                .body("name", not(equalTo(name)))
                .body("phone", not(equalTo(phone)))
                .extract()
                .path("id");
    }

    Row raw(String id) {
        return pool.preparedQuery(
                        "SELECT name_enc, phone_enc, email_enc, phone_bidx, key_version FROM customer_profile WHERE id = $1")
                .execute(Tuple.of(UUID.fromString(id)))
                .await()
                .atMost(Duration.ofSeconds(10))
                .iterator()
                .next();
    }

    static io.restassured.response.ValidatableResponse reveal(String id, String role, String purpose) {
        return given().auth()
                .oauth2(token("cora-" + role, role))
                .contentType(ContentType.JSON)
                .body(purpose == null ? Map.of() : Map.of("purpose", purpose))
                .when()
                .post("/v1/profiles/" + id + "/reveal")
                .then();
    }

    @Test
    void storedAsCiphertextFoundByBlindIndexReturnedMaskedRevealedOnlyWhenAuditedAndPermitted() {
        String customer = "alice-" + UUID.randomUUID();
        String phone = "139" + String.format("%08d", (int) (Math.random() * 1e8));
        String id = given().auth()
                .oauth2(token(customer, "customer"))
                .contentType(ContentType.JSON)
                .body(Map.of("name", "张三", "phone", phone, "email", "alice@example.com"))
                .when()
                .post("/v1/profiles")
                .then()
                .statusCode(201)
                .body("name", equalTo("张*"))
                .body("phone", equalTo(phone.substring(0, 3) + "****" + phone.substring(7)))
                .body("email", equalTo("a***@example.com"))
                .body("status", equalTo("active"))
                .extract()
                .path("id");

        Row row = raw(id);
        for (String column : List.of("name_enc", "phone_enc", "email_enc")) {
            assertThat(row.getString(column)).startsWith("pg1.1.").doesNotContain(phone, "张三", "alice@");
        }
        assertThat(row.getString("phone_bidx")).isNotBlank().doesNotContain(phone);

        given().auth()
                .oauth2(token(customer, "customer"))
                .when()
                .get("/v1/profiles/" + id)
                .then()
                .statusCode(200)
                .body("name", equalTo("张*"));
        given().auth()
                .oauth2(token("someone-else", "customer"))
                .when()
                .get("/v1/profiles/" + id)
                .then()
                .statusCode(404);

        String formatted = "+86 " + phone.substring(0, 3) + "-" + phone.substring(3, 7) + "-" + phone.substring(7);
        given().auth()
                .oauth2(token("otto", "operator"))
                .contentType(ContentType.JSON)
                .body(Map.of("phone", formatted))
                .when()
                .post("/v1/profiles/search")
                .then()
                .statusCode(200)
                .body("id", hasItem(id))
                .body("phone", hasItem(phone.substring(0, 3) + "****" + phone.substring(7)));

        reveal(id, "customer", "curiosity").statusCode(403);
        reveal(id, "operator", "support ticket 42").statusCode(403);
        reveal(id, "compliance-officer", null).statusCode(403).body("code", equalTo("personal_data_access_refused"));
        reveal(id, "compliance-officer", "AML investigation case 2026-117")
                .statusCode(200)
                .body("personalData.name", equalTo("张三"))
                .body("personalData.phone", equalTo(phone))
                .body("personalData.email", equalTo("alice@example.com"));

        String audit = awaitAuditRecord(id);
        assertThat(audit)
                .contains(
                        "io.payguard.audit.pii-access.v1",
                        "\"actor\":{\"subject\":\"cora-compliance-officer\"",
                        "\"dataSubject\":\"" + id + "\"",
                        "\"purpose\":\"AML investigation case 2026-117\"",
                        "\"service\":\"auth-service\"",
                        "\"fields\":[\"name\",\"phone\",\"email\"]")
                .doesNotContain(phone, "张三");
    }

    @Test
    void maintenanceBatchSizesOutsideTheirRangeAreRefusedWithAProblem() {
        for (String query :
                List.of("batchSize=0", "batchSize=-1", "batchSize=10001", "maxBatches=0", "maxBatches=-5")) {
            for (String job : List.of("kek-rotation", "reencryption")) {
                given().auth()
                        .oauth2(token("otto", "operator"))
                        .when()
                        .post("/v1/profiles/maintenance/" + job + "?" + query)
                        .then()
                        .statusCode(400)
                        .contentType(org.hamcrest.Matchers.containsString("application/problem+json"))
                        .body("code", equalTo("invalid_batch_size"));
            }
        }
    }

    @Test
    void jsonSentAsPlainTextIsRefused() {
        String id = create("bob-" + UUID.randomUUID(), "John Smith", "13700000003", "plain@example.com");
        given().auth()
                .oauth2(token("cora", "compliance-officer"))
                .contentType("text/plain")
                .body("{\"purpose\":\"check\"}")
                .when()
                .post("/v1/profiles/" + id + "/reveal")
                .then()
                .statusCode(415)
                .body("code", equalTo("unsupported_media_type"));
        given().auth()
                .oauth2(token("cora", "compliance-officer"))
                .contentType("text/plain")
                .body("{\"phone\":\"13700000003\"}")
                .when()
                .post("/v1/profiles/search")
                .then()
                .statusCode(415)
                .body("code", equalTo("unsupported_media_type"));
    }

    @Test
    void kekRotationRewrapsKeysAndTheReencryptionJobResumesAfterAnInterruption() {
        String first = create("bob-" + UUID.randomUUID(), "John Smith", "13700000001", "john@example.com");
        String second = create("bob-" + UUID.randomUUID(), "Jane Roe", "13700000002", "jane@example.com");

        given().auth()
                .oauth2(token("otto", "operator"))
                .when()
                .post("/v1/profiles/maintenance/kek-rotation?batchSize=2")
                .then()
                .statusCode(200)
                .body("status", equalTo("DONE"))
                .body("processed", org.hamcrest.Matchers.greaterThanOrEqualTo(2));
        reveal(first, "compliance-officer", "key rotation check")
                .statusCode(200)
                .body("personalData.name", equalTo("John Smith"));

        for (String id : List.of(first, second)) {
            given().auth()
                    .oauth2(token("otto", "operator"))
                    .when()
                    .post("/v1/profiles/" + id + "/key-rotation")
                    .then()
                    .statusCode(200)
                    .body("keyVersion", equalTo(2));
            assertThat(raw(id).getString("phone_enc")).startsWith("pg1.1.");
        }

        // One batch of one row, then the job "crashes": the checkpoint says where to resume.
        given().auth()
                .oauth2(token("otto", "operator"))
                .when()
                .post("/v1/profiles/maintenance/reencryption?batchSize=1&maxBatches=1")
                .then()
                .statusCode(200)
                .body("status", equalTo("RUNNING"))
                .body("processed", equalTo(1));
        given().auth()
                .oauth2(token("otto", "operator"))
                .when()
                .post("/v1/profiles/maintenance/reencryption?batchSize=1")
                .then()
                .statusCode(200)
                .body("status", equalTo("DONE"))
                .body("processed", equalTo(2));

        for (String id : List.of(first, second)) {
            Row row = raw(id);
            assertThat(row.getInteger("key_version")).isEqualTo(2);
            assertThat(row.getString("email_enc")).startsWith("pg1.2.");
        }
        reveal(second, "compliance-officer", "key rotation check")
                .statusCode(200)
                .body("personalData.name", equalTo("Jane Roe"))
                .body("personalData.phone", equalTo("13700000002"));
    }

    @Test
    void cryptoShreddingMakesTheDataUnreadableAndReadingSaysErased() {
        String customer = "carol-" + UUID.randomUUID();
        String id = create(customer, "Carol White", "13600000003", "carol@example.com");
        String ciphertextBefore = raw(id).getString("name_enc");

        given().auth()
                .oauth2(token("otto", "operator"))
                .when()
                .delete("/v1/profiles/" + id + "/personal-data")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(token("cora", "compliance-officer"))
                .when()
                .delete("/v1/profiles/" + id + "/personal-data")
                .then()
                .statusCode(204);

        given().auth()
                .oauth2(token(customer, "customer"))
                .when()
                .get("/v1/profiles/" + id)
                .then()
                .statusCode(200)
                .body("status", equalTo("erased"))
                .body("name", nullValue())
                .body("phone", nullValue());
        reveal(id, "compliance-officer", "erasure verification")
                .statusCode(200)
                .body("status", equalTo("erased"))
                .body("personalData.name", nullValue());
        given().auth()
                .oauth2(token("otto", "operator"))
                .contentType(ContentType.JSON)
                .body(Map.of("phone", "13600000003"))
                .when()
                .post("/v1/profiles/search")
                .then()
                .statusCode(200)
                .body("id", not(hasItem(id)));
        Row row = raw(id);
        assertThat(row.getString("name_enc")).isEqualTo(ciphertextBefore);
        assertThat(row.getString("phone_bidx")).isNull();
        Row key = pool.preparedQuery("SELECT wrapped_key, destroyed_at FROM protection_subject_key WHERE subject = $1")
                .execute(Tuple.of(id))
                .await()
                .atMost(Duration.ofSeconds(10))
                .iterator()
                .next();
        assertThat(key.getValue("wrapped_key")).isNull();
        assertThat(key.getValue("destroyed_at")).isNotNull();
    }

    @Test
    void theConsoleLogHandlerRedactsThroughTheKitsFilter() {
        var handlers = new java.util.ArrayList<java.util.logging.Handler>();
        var pending = new java.util.ArrayDeque<java.util.logging.Handler>(java.util.List.of(
                org.jboss.logmanager.LogContext.getLogContext().getLogger("").getHandlers()));
        while (!pending.isEmpty()) {
            var handler = pending.pop();
            handlers.add(handler);
            if (handler instanceof org.jboss.logmanager.ExtHandler ext) {
                pending.addAll(java.util.List.of(ext.getHandlers()));
            }
        }
        var console = handlers.stream()
                .filter(h -> h instanceof org.jboss.logmanager.handlers.ConsoleHandler)
                .findFirst()
                .orElseThrow();

        // The console filter (Quarkus combines its own with payguard-redaction, enabled by the kit's config) rewrites
        // the record.
        var record = new org.jboss.logmanager.ExtLogRecord(
                java.util.logging.Level.INFO,
                "card {0} phone {1}",
                org.jboss.logmanager.ExtLogRecord.FormatStyle.MESSAGE_FORMAT,
                getClass().getName());
        record.setParameters(new Object[] {"6222021234561236", "13812345678"});
        assertThat(console.getFilter().isLoggable(record)).isTrue();
        assertThat(record.getFormattedMessage()).isEqualTo("card 622202******1236 phone 138****5678");
    }

    private static String awaitAuditRecord(String dataSubject) {
        return io.payguard.auth.KafkaRecords.await(
                "audit.records",
                value -> value.contains("pii-access") && value.contains(dataSubject),
                "pii-access audit record for " + dataSubject);
    }
}

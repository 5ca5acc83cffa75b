package io.payguard.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.payguard.audit.adapter.in.messaging.AuditPrivacyParticipant;
import io.payguard.audit.adapter.out.persistence.ChainRepository;
import io.payguard.audit.application.ChainAppender;
import io.payguard.audit.application.ChainVerification;
import io.payguard.audit.domain.AuditRecord;
import io.payguard.audit.domain.chain.Ed25519SignatureCheck;
import io.payguard.audit.domain.chain.Finding;
import io.payguard.platform.protection.privacy.ErasureCheck;
import io.payguard.platform.protection.privacy.ErasureOutcome;
import io.payguard.platform.testing.PayGuardTestInfrastructure;
import io.payguard.platform.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * Issue 18: personal fields sealed per data subject (canonical form 2). Stored as ciphertext, found through the blind
 * indexes, read decrypted; exported and erased through the participant; after shredding the fields read as erased and
 * the chain still verifies (API and command line), while a changed ciphertext is found.
 */
@QuarkusTest
@QuarkusTestResource(value = PayGuardTestInfrastructure.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class PersonalDataSealingTest {

    @Inject
    ChainAppender appender;

    @Inject
    AuditPrivacyParticipant participant;

    private static String token(String role) {
        return TestTokens.token(
                role + "-1", ConfigProvider.getConfig().getValue("quarkus.oidc.token.audience", String.class), role);
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(
                ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class),
                "postgres",
                "postgres");
    }

    private void append(AuditRecord r) throws Exception {
        appender.submit(r.id().toString(), r).toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static AuditRecord byCustomer(UUID id, String customer) {
        return new AuditRecord(
                id,
                Instant.parse("2026-12-07T10:00:00Z"),
                "payment-service",
                "io.payguard.audit.record.v1",
                "payment.create",
                "payment",
                "pi_" + id,
                "success",
                new AuditRecord.Actor(customer, "payguard-web", List.of("customer")),
                new AuditRecord.Origin("198.51.100.23", "agent/" + customer),
                "corr-" + id,
                null);
    }

    private static AuditRecord readBy(UUID id, String agent, String customer) {
        return new AuditRecord(
                id,
                Instant.parse("2026-12-07T10:00:01Z"),
                "auth-service",
                "io.payguard.audit.pii-access.v1",
                "personal-data.read",
                "profile",
                "prf_1",
                "success",
                new AuditRecord.Actor(agent, "payguard-console", List.of("operator")),
                new AuditRecord.Origin("10.1.2.3", "console"),
                "corr-" + id,
                new AuditRecord.PersonalDataAccess(customer, List.of("phone"), "support", "ticket-" + customer));
    }

    private static Map<String, Object> row(Connection c, UUID id) throws SQLException {
        try (var s = c.prepareStatement("SELECT form, subject_index, actor_index, actor_subject, origin_ip, user_agent,"
                + " data_subject, reason FROM audit_record WHERE id = ?")) {
            s.setObject(1, id);
            try (var rs = s.executeQuery()) {
                assertThat(rs.next()).as("record %s stored", id).isTrue();
                var row = new HashMap<String, Object>();
                for (int i = 1; i <= 8; i++) {
                    row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                }
                return row;
            }
        }
    }

    @Test
    void sealedSearchedExportedShreddedAndStillVerifiable() throws Exception {
        String customer = UUID.randomUUID().toString();
        String agent = "agent-" + UUID.randomUUID();
        UUID paid = UUID.randomUUID();
        UUID read = UUID.randomUUID();
        UUID anonymous = UUID.randomUUID();
        append(byCustomer(paid, customer));
        append(readBy(read, agent, customer));
        append(new AuditRecord(
                anonymous,
                Instant.parse("2026-12-07T10:00:02Z"),
                "auth-service",
                "io.payguard.audit.record.v1",
                "health.read",
                null,
                null,
                "success",
                null,
                null,
                null,
                null));

        try (var c = connect()) {
            var sealed = row(c, paid);
            assertThat(((Number) sealed.get("form")).intValue()).isEqualTo(2);
            assertThat(sealed.get("subject_index")).isNotNull();
            assertThat((String) sealed.get("actor_subject")).startsWith("pg1.").doesNotContain(customer);
            assertThat((String) sealed.get("origin_ip")).startsWith("pg1.");
            assertThat((String) sealed.get("user_agent")).startsWith("pg1.");
            var access = row(c, read);
            assertThat(access.get("subject_index")).isEqualTo(sealed.get("subject_index")); // sealed for the customer
            assertThat((String) access.get("data_subject")).startsWith("pg1.");
            assertThat((String) access.get("reason")).startsWith("pg1.");
            assertThat(((Number) row(c, anonymous).get("form")).intValue()).isEqualTo(1);
        }

        // found through the blind indexes, shown decrypted
        given().auth()
                .oauth2(token("compliance-officer"))
                .queryParam("subject", customer)
                .queryParam("unmasked", true)
                .get("/v1/audit/search")
                .then()
                .statusCode(200)
                .body("records.size()", equalTo(1))
                .body("records[0].id", equalTo(paid.toString()))
                .body("records[0].actor.subject", equalTo(customer))
                .body("records[0].origin.ip", equalTo("198.51.100.23"))
                .body("records[0].erased", equalTo(null));
        given().auth()
                .oauth2(token("auditor"))
                .queryParam("subject", agent)
                .get("/v1/audit/search")
                .then()
                .statusCode(200)
                .body("records.size()", equalTo(1))
                .body("records[0].personalData.dataSubject", equalTo(customer));
        given().auth()
                .oauth2(token("auditor"))
                .queryParam("dataSubject", customer)
                .get("/v1/audit/personal-data-access")
                .then()
                .statusCode(200)
                .body("records.size()", equalTo(1))
                .body("records[0].actor.subject", equalTo(agent))
                .body("records[0].personalData.reason", equalTo("ticket-" + customer));

        // the participant: export, then erasure
        var export = participant.export(customer).await().atMost(Duration.ofSeconds(30));
        assertThat(export.get("auditRecords")).hasSize(1);
        assertThat(export.at("/auditRecords/0/id").asText()).isEqualTo(paid.toString());
        assertThat(export.at("/auditRecords/0/actor/subject").asText()).isEqualTo(customer);
        assertThat(export.get("personalDataAccess")).hasSize(1);
        assertThat(export.at("/personalDataAccess/0/accessor/subject").asText()).isEqualTo(agent);
        assertThat(export.at("/personalDataAccess/0/purpose").asText()).isEqualTo("support");
        assertThat(export.at("/personalDataAccess/0/fields/0").asText()).isEqualTo("phone");
        assertThat(participant.prepareErasure("dsr_1", customer).await().atMost(Duration.ofSeconds(10)))
                .isInstanceOf(ErasureCheck.Ready.class);
        var outcomes =
                participant.commitErasure("dsr_1", customer, "psn_1").await().atMost(Duration.ofSeconds(30));
        assertThat(outcomes)
                .containsExactly(
                        ErasureOutcome.erased("audit_personal_fields", 2),
                        ErasureOutcome.kept(
                                "audit_records", 2, io.payguard.audit.application.AuditPrivacy.LEGAL_BASIS));
        assertThat(participant.commitErasure("dsr_1", customer, "psn_1").await().atMost(Duration.ofSeconds(30)))
                .as("a redelivered commit answers the same")
                .isEqualTo(outcomes);
        participant.abortErasure("dsr_1", customer).await().atMost(Duration.ofSeconds(10));

        // a record about the customer written after the erasure is stored erased
        UUID late = UUID.randomUUID();
        append(byCustomer(late, customer));
        try (var c = connect()) {
            assertThat(row(c, late).get("actor_subject")).isEqualTo("erased");
        }

        // read as erased: null plus erased=true; still found by the (kept) index, never a failure
        given().auth()
                .oauth2(token("compliance-officer"))
                .queryParam("subject", customer)
                .queryParam("unmasked", true)
                .get("/v1/audit/search")
                .then()
                .statusCode(200)
                .body("records.size()", equalTo(2))
                .body("records[0].actor.subject", equalTo(null))
                .body("records[0].origin.ip", equalTo(null))
                .body("records[0].erased", equalTo(true))
                .body("records[0].actor.clientId", equalTo("payguard-web"))
                .body("records[1].erased", equalTo(true));
        given().auth()
                .oauth2(token("auditor"))
                .queryParam("subject", agent)
                .get("/v1/audit/search")
                .then()
                .statusCode(200)
                .body("records[0].actor.subject", equalTo(null))
                .body("records[0].personalData.dataSubject", equalTo(null))
                .body("records[0].personalData.purpose", equalTo("support"))
                .body("records[0].erased", equalTo(true));
        assertThat(participant
                        .export(customer)
                        .await()
                        .atMost(Duration.ofSeconds(30))
                        .at("/auditRecords/0/erased")
                        .asBoolean())
                .isTrue();

        // the chain verifies without any key (the command line too: VerifyChainCommandTest)
        appender.checkpointIfMoved();
        given().auth()
                .oauth2(token("auditor"))
                .queryParam("mode", "full")
                .post("/v1/audit/chain/verifications")
                .then()
                .statusCode(200)
                .body("intact", equalTo(true));
    }

    @Test
    void aChangedCiphertextOrIndexIsFound() throws Exception {
        String customer = UUID.randomUUID().toString();
        UUID id = UUID.randomUUID();
        append(byCustomer(id, customer));
        try (var c = connect()) {
            var verification = new ChainVerification();
            var signatures = new Ed25519SignatureCheck(ChainRepository.on(c).publicKeys());
            for (String change : List.of(
                    "origin_ip = overlay(origin_ip placing 'A' from 12 for 1)",
                    "user_agent = actor_subject",
                    "subject_index = 'someone-else'",
                    "actor_index = NULL")) {
                c.setAutoCommit(false);
                try (var s = c.createStatement()) {
                    s.executeQuery("SELECT seq FROM audit_chain_head FOR UPDATE")
                            .close();
                    s.execute("SET LOCAL session_replication_role = replica");
                    long seq;
                    try (var rs = s.executeQuery("SELECT seq FROM audit_record WHERE id = '" + id + "'")) {
                        rs.next();
                        seq = rs.getLong(1);
                    }
                    assertThat(s.executeUpdate("UPDATE audit_record SET " + change + " WHERE id = '" + id + "'"))
                            .isEqualTo(1);
                    var report = verification
                            .runInTransaction(ChainRepository.on(c), ChainVerification.Request.full(), signatures)
                            .report();
                    assertThat(report.intact()).as(change).isFalse();
                    assertThat(report.findings())
                            .as(change)
                            .extracting(Finding::kind, Finding::seq, Finding::recordId)
                            .containsExactly(org.assertj.core.groups.Tuple.tuple(Finding.Kind.EDITED, seq, id));
                } finally {
                    c.rollback();
                    c.setAutoCommit(true);
                }
            }
        }
    }
}

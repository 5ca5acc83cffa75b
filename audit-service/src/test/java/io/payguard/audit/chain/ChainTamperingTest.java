package io.payguard.audit.chain;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.payguard.audit.adapter.out.persistence.ChainRepository;
import io.payguard.audit.application.ChainAppender;
import io.payguard.audit.application.ChainVerification;
import io.payguard.audit.domain.AuditRecord;
import io.payguard.audit.domain.chain.Ed25519SignatureCheck;
import io.payguard.audit.domain.chain.Finding;
import io.payguard.audit.domain.chain.Finding.Kind;
import io.payguard.platform.testing.PayGuardTestInfrastructure;
import io.payguard.platform.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * Tampering with the real PostgreSQL chain, the way an attacker with superuser access would (triggers bypassed
 * with session_replication_role=replica): every change, deletion, insertion and reordering is found and located
 * by the same verification the API and the command line run. Each round tampers inside a transaction, verifies
 * on that connection, and rolls back, so rounds are independent.
 */
@QuarkusTest
@QuarkusTestResource(value = PayGuardTestInfrastructure.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class ChainTamperingTest {

    @Inject
    ChainAppender appender;

    static Connection connect() throws SQLException {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(
                config.getValue("quarkus.datasource.jdbc.url", String.class), "postgres", "postgres");
    }

    @BeforeEach
    void atLeastThreeHundredRecords() throws Exception {
        long head;
        try (var c = connect()) {
            head = ChainRepository.on(c).head().seq();
        }
        var futures = new ArrayList<CompletableFuture<Boolean>>();
        for (long i = head; i < 300; i++) {
            var id = UUID.randomUUID();
            futures.add(appender.submit(
                            id.toString(),
                            new AuditRecord(
                                    id,
                                    Instant.parse("2026-11-26T10:00:00Z").plusSeconds(i),
                                    "payment-service",
                                    "io.payguard.audit.record.v1",
                                    "payment.create",
                                    "payment",
                                    "pi_" + i,
                                    i % 4 == 0 ? "failure" : "success",
                                    new AuditRecord.Actor(
                                            "merchant-" + (i % 9), "demo-merchant-a", List.of("merchant")),
                                    new AuditRecord.Origin("10.1.0." + (i % 200), "test"),
                                    "tamper-" + i,
                                    null))
                    .toCompletableFuture());
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    }

    @Test
    void redeliveredEventsAreSkippedNotChainedTwice() throws Exception {
        var id = UUID.randomUUID();
        var record = new AuditRecord(
                id,
                Instant.parse("2026-11-26T10:00:00Z"),
                "wallet-service",
                "io.payguard.audit.record.v1",
                "caller.read",
                null,
                null,
                "success",
                null,
                null,
                "dup-" + id,
                null);
        var first = appender.submit(id.toString(), record);
        var second = appender.submit(id.toString(), record);
        assertThat(first.toCompletableFuture().get(30, TimeUnit.SECONDS)).isTrue();
        assertThat(second.toCompletableFuture().get(30, TimeUnit.SECONDS)).isFalse();
        assertThat(appender.submit(id.toString(), record).toCompletableFuture().get(30, TimeUnit.SECONDS))
                .isFalse();
    }

    @Test
    void theDatabaseRefusesUpdateDeleteAndTruncateEvenForTheOwner() throws Exception {
        try (var c = connect();
                var s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("UPDATE audit_record SET outcome = 'success' WHERE seq = 1"))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM audit_record WHERE seq = 2"))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.executeUpdate("TRUNCATE audit_record")).hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM audit_checkpoint"))
                    .hasMessageContaining("append-only");
        }
    }

    @Test
    void randomTamperingsInTheDatabaseAreDetectedAndLocated() throws Exception {
        var random = new Random(7);
        var verification = new ChainVerification();
        int rounds = 0;
        try (var c = connect()) {
            var signatures = new Ed25519SignatureCheck(ChainRepository.on(c).publicKeys());
            assertThat(verification
                            .run(ChainRepository.on(c), ChainVerification.Request.full(), signatures)
                            .report()
                            .intact())
                    .isTrue();
            for (int round = 0; round < 120; round++) {
                c.setAutoCommit(false);
                try (var s = c.createStatement()) {
                    // hold the appender off for the round, then tamper as a superuser who bypasses the triggers
                    long n;
                    try (var rs = s.executeQuery("SELECT seq FROM audit_chain_head FOR UPDATE")) {
                        rs.next();
                        n = rs.getLong(1);
                    }
                    s.execute("SET LOCAL session_replication_role = replica");
                    var kind = Kind.values()[round % 4];
                    long k = 2 + random.nextInt((int) n - 3);
                    List<Finding> expected = new ArrayList<>();
                    switch (kind) {
                        case EDITED -> {
                            s.executeUpdate("UPDATE audit_record SET "
                                    + List.of(
                                                    "outcome = outcome || 'x'",
                                                    "actor_subject = coalesce(actor_subject, '') || 'x'",
                                                    "occurred_at = occurred_at + interval '1 second'",
                                                    "origin_ip = coalesce(origin_ip, '') || '9'")
                                            .get(random.nextInt(4))
                                    + " WHERE seq = " + k);
                            expected.add(new Finding(Kind.EDITED, k, idAt(c, k), null));
                        }
                        case DELETED -> {
                            UUID after = idAt(c, k + 1);
                            s.executeUpdate("DELETE FROM audit_record WHERE seq = " + k);
                            expected.add(new Finding(Kind.DELETED, k, after, null));
                        }
                        case INSERTED -> {
                            s.executeUpdate("UPDATE audit_record SET seq = -seq WHERE seq >= " + k);
                            s.executeUpdate("UPDATE audit_record SET seq = 1 - seq WHERE seq < 0");
                            UUID forged = UUID.randomUUID();
                            s.executeUpdate("INSERT INTO audit_record ("
                                    + "seq, id, occurred_at, recorded_at, source_service, event_type, action,"
                                    + " outcome, actor_roles, prev_hash, hash) SELECT " + k + ", '" + forged
                                    + "', occurred_at, recorded_at,"
                                    + " source_service, event_type, 'forged.action', outcome, actor_roles, hash, sha256(hash)"
                                    + " FROM audit_record WHERE seq = " + (k - 1));
                            expected.add(new Finding(Kind.INSERTED, k, forged, null));
                        }
                        default -> {
                            long j = k + 1 + random.nextInt((int) Math.min(20, n - k - 1));
                            UUID a = idAt(c, k);
                            UUID b = idAt(c, j);
                            s.executeUpdate("UPDATE audit_record SET seq = -1 WHERE seq = " + k);
                            s.executeUpdate("UPDATE audit_record SET seq = " + k + " WHERE seq = " + j);
                            s.executeUpdate("UPDATE audit_record SET seq = " + j + " WHERE seq = -1");
                            expected.add(new Finding(Kind.REORDERED, k, b, null));
                            expected.add(new Finding(Kind.REORDERED, j, a, null));
                        }
                    }
                    var report = verification
                            .runInTransaction(ChainRepository.on(c), ChainVerification.Request.full(), signatures)
                            .report();
                    assertThat(report.findings())
                            .as("round %d: %s at %d", round, kind, k)
                            .usingElementComparatorIgnoringFields("detail")
                            .containsExactlyElementsOf(expected);
                    rounds++;
                } finally {
                    c.rollback();
                    c.setAutoCommit(true);
                }
            }
            assertThat(verification
                            .run(ChainRepository.on(c), ChainVerification.Request.full(), signatures)
                            .report()
                            .intact())
                    .isTrue();
        }
        assertThat(rounds).isEqualTo(120);
    }

    @Test
    void theApiReportsAnEditAndWhereItIs() throws Exception {
        String auditor = TestTokens.token(
                "a-1", ConfigProvider.getConfig().getValue("quarkus.oidc.token.audience", String.class), "auditor");
        given().auth()
                .oauth2(auditor)
                .queryParam("mode", "full")
                .post("/v1/audit/chain/verifications")
                .then()
                .statusCode(200)
                .body("intact", equalTo(true));
        try (var c = connect();
                var s = c.createStatement()) {
            UUID id = idAt(c, 5);
            s.execute("SET session_replication_role = replica");
            s.executeUpdate("UPDATE audit_record SET action = action || '.tampered' WHERE seq = 5");
            try {
                given().auth()
                        .oauth2(auditor)
                        .queryParam("mode", "full")
                        .post("/v1/audit/chain/verifications")
                        .then()
                        .statusCode(200)
                        .body("intact", equalTo(false))
                        .body("findings[0].kind", equalTo("EDITED"))
                        .body("findings[0].seq", equalTo(5))
                        .body("findings[0].recordId", equalTo(id.toString()));
                var alerts = io.payguard.audit.KafkaTestClient.readUntil(
                        "security.alerts",
                        read -> read.stream().anyMatch(r -> r.value().contains("chain-verification-failed")),
                        java.time.Duration.ofSeconds(30));
                assertThat(alerts)
                        .anyMatch(r -> r.value().contains("chain-verification-failed")
                                && r.value().contains("seq-5"));
                given().auth()
                        .oauth2(auditor)
                        .queryParam("mode", "range")
                        .queryParam("from", 10)
                        .queryParam("to", 40)
                        .post("/v1/audit/chain/verifications")
                        .then()
                        .statusCode(200)
                        .body("intact", equalTo(true))
                        .body("recordsChecked", equalTo(31));
            } finally {
                s.executeUpdate("UPDATE audit_record SET action = replace(action, '.tampered', '') WHERE seq = 5");
                s.execute("SET session_replication_role = origin");
            }
        }
        given().auth()
                .oauth2(auditor)
                .queryParam("mode", "full")
                .post("/v1/audit/chain/verifications")
                .then()
                .statusCode(200)
                .body("intact", equalTo(true));
        // a clean full run lets the next run start from the last checkpoint it covered
        given().auth()
                .oauth2(auditor)
                .queryParam("mode", "incremental")
                .post("/v1/audit/chain/verifications")
                .then()
                .statusCode(200)
                .body("mode", equalTo("incremental"))
                .body("intact", equalTo(true));
        given().auth()
                .oauth2(auditor)
                .get("/v1/audit/chain/checkpoints")
                .then()
                .statusCode(200)
                .body("keys[0].algorithm", equalTo("Ed25519"))
                .body("checkpoints[0].algorithm", equalTo("Ed25519"));
    }

    static UUID idAt(Connection c, long seq) throws SQLException {
        try (var s = c.prepareStatement("SELECT id FROM audit_record WHERE seq = ?")) {
            s.setLong(1, seq);
            try (var rs = s.executeQuery()) {
                return rs.next() ? rs.getObject(1, UUID.class) : null;
            }
        }
    }
}

package io.payguard.audit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.payguard.audit.application.ChainAppender;
import io.payguard.audit.domain.AuditRecord;
import io.payguard.platform.testing.PayGuardTestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/** The command-line verifier against the service's real database, with the key from the database and from a file. */
@QuarkusTest
@QuarkusTestResource(value = PayGuardTestInfrastructure.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class VerifyChainCommandTest {

    @TempDir
    static Path scratch;

    private static Map<String, String> env() {
        return Map.of(
                "PAYGUARD_AUDIT_JDBC_URL",
                ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class),
                "PAYGUARD_AUDIT_DB_USER",
                "postgres",
                "PAYGUARD_AUDIT_DB_PASSWORD",
                "postgres");
    }

    @Inject
    ChainAppender appender;

    @Test
    void verifiesTheChainAndExitsZeroWhenIntact() throws Exception {
        var id = UUID.randomUUID();
        appender.submit(
                        id.toString(),
                        new AuditRecord(
                                id,
                                Instant.parse("2026-11-26T10:00:00Z"),
                                "auth-service",
                                "io.payguard.audit.record.v1",
                                "caller.read",
                                null,
                                null,
                                "success",
                                null,
                                null,
                                "cli-" + id,
                                null))
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        appender.checkpointIfMoved();
        var out = new ByteArrayOutputStream();
        int status = VerifyChainCommand.run(
                new String[] {"full"}, env(), new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("mode=full").contains("INTACT");
        assertThat(status).isZero();

        // a key kept outside the system that did not sign the checkpoints: every signature fails
        Path key = Files.createTempFile(scratch, "other-key", ".pub");
        var other = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Files.writeString(
                key, Base64.getEncoder().encodeToString(other.getPublic().getEncoded()));
        var out2 = new ByteArrayOutputStream();
        int status2 = VerifyChainCommand.run(
                new String[] {"full", "--public-key", key.toString()},
                env(),
                new PrintStream(out2, true, StandardCharsets.UTF_8));
        assertThat(out2.toString(StandardCharsets.UTF_8))
                .contains("SIGNATURE_INVALID")
                .contains("TAMPERED");
        assertThat(status2).isEqualTo(1);
        assertThat(VerifyChainCommand.run(new String[] {"bogus"}, env(), new PrintStream(new ByteArrayOutputStream())))
                .isEqualTo(2);
    }

    @Inject
    io.payguard.audit.adapter.in.messaging.AuditPrivacyParticipant participant;

    @Test
    void verifiesCanonicalFormTwoRecordsWithoutAnyKeyAlsoAfterShredding() throws Exception {
        var id = UUID.randomUUID();
        String customer = UUID.randomUUID().toString();
        appender.submit(
                        id.toString(),
                        new AuditRecord(
                                id,
                                Instant.parse("2026-12-07T10:00:00Z"),
                                "payment-service",
                                "io.payguard.audit.record.v1",
                                "payment.create",
                                "payment",
                                "pi_cli",
                                "success",
                                new AuditRecord.Actor(customer, "payguard-web", java.util.List.of("customer")),
                                new AuditRecord.Origin("203.0.113.9", "agent"),
                                "cli-" + id,
                                null))
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        participant.commitErasure("dsr_cli", customer, "psn_cli").await().atMost(java.time.Duration.ofSeconds(30));
        appender.checkpointIfMoved();
        var out = new ByteArrayOutputStream();
        int status = VerifyChainCommand.run(
                new String[] {"full"}, env(), new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("INTACT");
        assertThat(status).isZero();
    }
}

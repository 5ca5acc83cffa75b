package io.payguard.audit.kms;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPairGenerator;
import java.security.Signature;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.payguard.audit.adapter.out.persistence.ChainRepository;
import io.payguard.audit.application.ChainAppender;
import io.payguard.audit.application.ChainVerification;
import io.payguard.audit.application.port.CheckpointSigner;
import io.payguard.audit.domain.AuditRecord;
import io.payguard.audit.domain.chain.Checkpoint;
import io.payguard.audit.domain.chain.Ed25519SignatureCheck;
import io.payguard.platform.protection.kms.KeyManagementService;

/**
 * Checkpoints are signed in the KMS the service is configured with, and checkpoints written before (by the key pair
 * the service used to keep in a file, whose public key is in audit_signing_key) still verify beside them.
 */
abstract class CheckpointSigningScenario {

    @Inject
    ChainAppender appender;

    @Inject
    CheckpointSigner signer;

    @Inject
    KeyManagementService kms;

    abstract String expectedProvider();

    static Connection connect() throws SQLException {
        return DriverManager.getConnection(
                ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class),
                "postgres",
                "postgres");
    }

    private void append(int count, String tag) throws Exception {
        var futures = new ArrayList<CompletableFuture<Boolean>>();
        for (int i = 0; i < count; i++) {
            var id = UUID.randomUUID();
            futures.add(appender.submit(
                            id.toString(),
                            new AuditRecord(
                                    id,
                                    Instant.parse("2026-12-01T10:00:00Z").plusSeconds(i),
                                    "payment-service",
                                    "io.payguard.audit.record.v1",
                                    "payment.create",
                                    "payment",
                                    "pi_" + tag + i,
                                    "success",
                                    new AuditRecord.Actor("merchant-1", "demo-merchant-a", List.of("merchant")),
                                    new AuditRecord.Origin("10.1.0.1", "test"),
                                    tag + "-" + i,
                                    null))
                    .toCompletableFuture());
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    }

    @Test
    void checkpointsAreSignedInTheKmsAndOlderFileKeyCheckpointsStillVerify() throws Exception {
        String keyName = ConfigProvider.getConfig().getValue("payguard.audit.checkpoint.key-name", String.class);
        assertThat(kms.provider()).isEqualTo(expectedProvider());
        int version = kms.describe(keyName).currentVersion();
        assertThat(signer.keyId()).isEqualTo(Ed25519SignatureCheck.keyIdOf(kms.publicKey(keyName, version)));

        // What an earlier release left behind: a checkpoint signed by the Ed25519 pair it kept in a file, its public
        // key registered.
        append(3, "legacy-" + expectedProvider());
        var legacy = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        String legacyId = Ed25519SignatureCheck.keyIdOf(legacy.getPublic().getEncoded());
        try (var c = connect()) {
            var repository = ChainRepository.on(c);
            c.setAutoCommit(false);
            var head = repository.lockHead();
            repository.registerKey(
                    legacyId, "Ed25519", legacy.getPublic().getEncoded(), Instant.parse("2026-01-01T00:00:00Z"));
            if (head.seq() > repository.lastCheckpointSeq()) {
                var unsigned = new Checkpoint(
                        head.seq(), head.hash(), Instant.parse("2026-12-01T11:00:00Z"), legacyId, "Ed25519", null);
                var s = Signature.getInstance("Ed25519");
                s.initSign(legacy.getPrivate());
                s.update(unsigned.payload());
                repository.insertCheckpoint(
                        new Checkpoint(head.seq(), head.hash(), unsigned.createdAt(), legacyId, "Ed25519", s.sign()));
            }
            c.commit();
        }

        append(5, "kms-" + expectedProvider());
        appender.checkpointIfMoved();

        try (var c = connect()) {
            var repository = ChainRepository.on(c);
            var report = new ChainVerification()
                    .run(
                            repository,
                            ChainVerification.Request.full(),
                            new Ed25519SignatureCheck(repository.publicKeys()))
                    .report();
            assertThat(report.findings()).isEmpty();
            assertThat(report.intact()).isTrue();
            List<String> keyIds = new ArrayList<>();
            for (var cp : repository.checkpoints(0, Long.MAX_VALUE)) {
                keyIds.add(cp.keyId());
            }
            assertThat(keyIds).contains(signer.keyId());
            assertThat(keyIds.getLast()).isEqualTo(signer.keyId());
            // A checkpoint whose signature was not made by the KMS key fails against the registered keys.
            var last = repository.checkpoints(0, Long.MAX_VALUE).getLast();
            byte[] forged = last.signature().clone();
            forged[0] ^= 1;
            assertThat(new Ed25519SignatureCheck(repository.publicKeys())
                            .holds(new Checkpoint(
                                    last.seq(),
                                    last.headHash(),
                                    last.createdAt(),
                                    last.keyId(),
                                    last.algorithm(),
                                    forged)))
                    .isFalse();
        }
    }
}

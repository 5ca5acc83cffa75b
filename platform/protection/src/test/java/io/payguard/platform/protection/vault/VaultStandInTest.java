package io.payguard.platform.protection.vault;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.payguard.platform.protection.kms.KeyPurpose;
import io.payguard.platform.protection.kms.KmsException;
import io.payguard.platform.testing.VaultStandIn;
import io.vertx.core.Vertx;

/**
 * The adapter against {@link VaultStandIn}, the Vault HTTP stand-in the services' tests run with {@code kms=vault}:
 * the whole kit end to end (the same scenario as against a real Vault), both logins, and the start-up checks.
 */
class VaultStandInTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private VaultStandIn vault;

    @BeforeEach
    void start() {
        vault = VaultStandIn.start();
    }

    @AfterEach
    void stop() {
        vault.close();
    }

    private VaultTransitKeyManagementService withToken(String token) {
        return VaultKms.started(
                Optional.of(vault.url()),
                Optional.of(token),
                Optional.empty(),
                Path.of("/nonexistent"),
                "transit",
                "secret",
                TIMEOUT);
    }

    @Test
    void theKitWorksEndToEndOnTheStandIn() throws Exception {
        VaultKitScenario.run(withToken(vault.rootToken()));
        assertThat(vault.requests())
                .contains("GET /v1/auth/token/lookup-self")
                .anyMatch(r -> r.startsWith("POST /v1/transit/sign/"));
    }

    @Test
    void aCallOnAnEventLoopIsRefusedBeforeAnythingIsSent() throws Exception {
        var kms = withToken(vault.rootToken());
        int before = vault.requests().size();
        var vertx = Vertx.vertx();
        try {
            var outcome = new CompletableFuture<Throwable>();
            vertx.runOnContext(v -> {
                try {
                    kms.mac("payguard-blind-index", "13812345678".getBytes(UTF_8));
                    outcome.complete(null);
                } catch (RuntimeException e) {
                    outcome.complete(e);
                }
            });
            assertThat(outcome.get(10, TimeUnit.SECONDS))
                    .isInstanceOf(KmsException.class)
                    .hasMessageContaining("refused on event loop thread vert.x-eventloop-thread-")
                    .hasMessageContaining("KmsCalls")
                    .hasMessageNotContaining("13812345678");
            assertThat(vault.requests()).hasSize(before);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void kubernetesAuthLogsInWithTheServiceAccountToken(@TempDir Path dir) throws Exception {
        Path jwt = dir.resolve("token");
        Files.writeString(jwt, "sa-jwt-of-auth-service");
        vault.kubernetesRole("payguard-auth", "sa-jwt-of-auth-service");

        var kms = VaultKms.started(
                Optional.of(vault.url()),
                Optional.empty(),
                Optional.of("payguard-auth"),
                jwt,
                "transit",
                "secret",
                TIMEOUT);
        byte[] sealed = kms.encrypt("kek", "x".getBytes(UTF_8), "ad".getBytes(UTF_8));
        assertThat(kms.decrypt("kek", sealed, "ad".getBytes(UTF_8))).isEqualTo("x".getBytes(UTF_8));
        assertThat(vault.requests()).first().isEqualTo("POST /v1/auth/kubernetes/login");

        Files.writeString(jwt, "someone-elses-jwt");
        assertThatThrownBy(() -> VaultKms.started(
                        Optional.of(vault.url()),
                        Optional.empty(),
                        Optional.of("payguard-auth"),
                        jwt,
                        "transit",
                        "secret",
                        TIMEOUT))
                .isInstanceOf(KmsException.class)
                .hasMessageContaining("refused the KMS login");
    }

    @Test
    void startFailsFastNamingWhatIsMissingOrWrong(@TempDir Path dir) {
        assertThatThrownBy(() -> VaultKms.started(
                        Optional.empty(), Optional.of("t"), Optional.empty(), dir, "transit", "secret", TIMEOUT))
                .isInstanceOf(KmsException.class)
                .hasMessageContaining("PAYGUARD_KMS_VAULT_URL");
        assertThatThrownBy(() -> VaultKms.started(
                        Optional.of(vault.url()),
                        Optional.empty(),
                        Optional.empty(),
                        dir,
                        "transit",
                        "secret",
                        TIMEOUT))
                .isInstanceOf(KmsException.class)
                .hasMessageContaining("PAYGUARD_KMS_VAULT_TOKEN")
                .hasMessageContaining("PAYGUARD_KMS_VAULT_KUBERNETES_ROLE");
        assertThatThrownBy(() -> VaultKms.started(
                        Optional.of(vault.url()),
                        Optional.empty(),
                        Optional.of("r"),
                        dir.resolve("absent"),
                        "transit",
                        "secret",
                        TIMEOUT))
                .isInstanceOf(KmsException.class)
                .hasMessageContaining("PAYGUARD_KMS_VAULT_KUBERNETES_JWT_PATH");
        assertThatThrownBy(() -> withToken("not-a-vault-token"))
                .isInstanceOf(KmsException.class)
                .hasMessageContaining("refused the KMS login")
                .hasMessageContaining("HTTP 403")
                .hasMessageNotContaining("not-a-vault-token");
    }

    @Test
    void theStandInDoesRealCryptography() {
        var kms = withToken(vault.rootToken());
        byte[] sealed = kms.encrypt("kek", "secret".getBytes(UTF_8), "row-1".getBytes(UTF_8));
        assertThat(new String(sealed, UTF_8)).startsWith("vault:v1:").doesNotContain("c2VjcmV0");
        byte[] tampered = sealed.clone();
        tampered[tampered.length - 2] ^= 1;
        assertThatThrownBy(() -> kms.decrypt("kek", tampered, "row-1".getBytes(UTF_8)))
                .isInstanceOf(KmsException.class)
                .hasMessageContaining("HTTP 400");
        assertThatThrownBy(() -> kms.decrypt("kek", sealed, "row-2".getBytes(UTF_8)))
                .isInstanceOf(KmsException.class);
        kms.ensureKey("sig", KeyPurpose.SIGN);
        byte[] signature = kms.sign("sig", "a".getBytes(UTF_8));
        assertThat(kms.verify("sig", "b".getBytes(UTF_8), signature)).isFalse();
        assertThatThrownBy(() -> kms.publicKey("kek", 1)).isInstanceOf(KmsException.class);
    }
}

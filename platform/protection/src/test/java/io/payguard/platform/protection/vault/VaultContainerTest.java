package io.payguard.platform.protection.vault;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.vault.VaultContainer;

/**
 * Against a real Vault started by Testcontainers' Vault module (dev server, Transit enabled; KV v2 is at secret/ in
 * dev mode), wherever a container runtime answers. Where none does (the build machines), the test is skipped and
 * says so; {@link VaultStandInTest} and {@link VaultTransitContractTest} still run there.
 */
class VaultContainerTest {

    private static final String TOKEN = "payguard-container-root";

    @Test
    void theKitWorksEndToEndOnVaultInAContainer() throws Exception {
        assumeTrue(
                containerRuntime(),
                "no container runtime (Docker/Podman) is present: the Testcontainers Vault test is skipped");
        try (var vault = new VaultContainer<>("hashicorp/vault:1.18")
                .withVaultToken(TOKEN)
                .withInitCommand("secrets enable transit")) {
            vault.start();
            VaultKitScenario.run(VaultKms.started(
                    Optional.of(vault.getHttpHostAddress()),
                    Optional.of(TOKEN),
                    Optional.empty(),
                    Path.of("/nonexistent"),
                    "transit",
                    "secret",
                    Duration.ofSeconds(10)));
        }
    }

    private static boolean containerRuntime() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}

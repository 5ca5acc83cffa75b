package io.payguard.platform.protection.vault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Against a real Vault, only when {@code VAULT_ADDR} (and {@code VAULT_TOKEN}) are set; needs a Transit engine
 * at {@code transit/} and KV v2 at {@code secret/} ({@code vault secrets enable transit}). Skipped otherwise.
 */
@EnabledIfEnvironmentVariable(
        named = "VAULT_ADDR",
        matches = ".+",
        disabledReason = "no real Vault: set VAULT_ADDR and VAULT_TOKEN (transit/ and KV v2 secret/ mounted) to run it")
class RealVaultTest {

    @Test
    void theKitWorksEndToEndOnVaultTransit() throws Exception {
        VaultKitScenario.run(VaultKms.started(
                Optional.of(System.getenv("VAULT_ADDR")),
                Optional.ofNullable(System.getenv("VAULT_TOKEN")),
                Optional.empty(),
                Path.of("/nonexistent"),
                "transit",
                "secret",
                Duration.ofSeconds(10)));
    }
}

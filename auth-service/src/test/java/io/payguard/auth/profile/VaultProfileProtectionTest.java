package io.payguard.auth.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;

import io.payguard.platform.protection.kms.KeyManagementService;
import io.payguard.platform.testing.VaultKmsTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Every test of {@link ProfileProtectionTest} again, from the same build, with {@code payguard.kms.provider=vault} (token
 * auth) against the Vault stand-in: ciphertext at rest, blind-index search, KEK rotation and re-wrap, crypto-shredding,
 * all through Vault Transit.
 */
@QuarkusTest
@TestProfile(VaultProfileProtectionTest.VaultKms.class)
class VaultProfileProtectionTest extends ProfileProtectionTest {

    public static class VaultKms implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(VaultKmsTestResource.class, Map.of("auth", "token")));
        }
    }

    @Inject
    KeyManagementService kms;

    @AfterEach
    void theServiceRunsOnVault() {
        assertThat(kms.provider()).isEqualTo("vault");
    }

    @AfterAll
    static void theKeysWereVaults() {
        assertThat(VaultKmsTestResource.vault().requests())
                .contains("GET /v1/auth/token/lookup-self")
                .anyMatch(r -> r.startsWith("POST /v1/transit/encrypt/"))
                .anyMatch(r -> r.startsWith("POST /v1/transit/hmac/"))
                .anyMatch(r -> r.startsWith("POST /v1/transit/keys/") && r.endsWith("/rotate"));
    }
}

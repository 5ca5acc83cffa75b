package io.payguard.audit.kms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;

import io.payguard.platform.testing.PayGuardTestInfrastructure;
import io.payguard.platform.testing.VaultKmsTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * The same build with {@code payguard.kms.provider=vault} (Kubernetes auth) against the Vault stand-in: the checkpoint
 * key is a Transit ed25519 key and every checkpoint is signed by Vault.
 */
@QuarkusTest
@TestProfile(VaultKmsCheckpointTest.VaultKms.class)
@QuarkusTestResource(value = PayGuardTestInfrastructure.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class VaultKmsCheckpointTest extends CheckpointSigningScenario {

    public static class VaultKms implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(VaultKmsTestResource.class, Map.of("auth", "kubernetes")));
        }
    }

    @Override
    String expectedProvider() {
        return "vault";
    }

    @AfterEach
    void vaultSignedTheCheckpoints() {
        var requests = VaultKmsTestResource.vault().requests();
        assertThat(requests).first().isEqualTo("POST /v1/auth/kubernetes/login");
        assertThat(requests)
                .contains(
                        "POST /v1/transit/keys/payguard-audit-checkpoint",
                        "POST /v1/transit/sign/payguard-audit-checkpoint");
        assertThat(VaultKmsTestResource.vault().transitKeys()).contains("payguard-audit-checkpoint");
    }
}

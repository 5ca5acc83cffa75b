package io.payguard.platform.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Runs the service under test with {@code payguard.kms.provider=vault} against a fresh {@link VaultStandIn}: token
 * auth by default, Kubernetes auth with init arg {@code auth=kubernetes} (a service account token file the stand-in
 * accepts for role {@code payguard-test}). Use from a {@code QuarkusTestProfile#testResources()} so the local-KMS
 * tests of the module keep their application.
 */
public class VaultKmsTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String KUBERNETES_ROLE = "payguard-test";
    private static volatile VaultStandIn current;
    private boolean kubernetes;

    /** The stand-in the running application talks to. */
    public static VaultStandIn vault() {
        return current;
    }

    @Override
    public void init(Map<String, String> initArgs) {
        kubernetes = "kubernetes".equals(initArgs.get("auth"));
    }

    @Override
    public Map<String, String> start() {
        current = VaultStandIn.start();
        if (!kubernetes) {
            return Map.of(
                    "payguard.kms.provider",
                    "vault",
                    "payguard.kms.vault.url",
                    current.url(),
                    "payguard.kms.vault.token",
                    current.rootToken());
        }
        try {
            byte[] bytes = new byte[24];
            new SecureRandom().nextBytes(bytes);
            String jwt = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            Path file = Files.createTempFile("payguard-vault-sa", ".jwt");
            file.toFile().deleteOnExit();
            Files.writeString(file, jwt);
            current.kubernetesRole(KUBERNETES_ROLE, jwt);
            return Map.of(
                    "payguard.kms.provider",
                    "vault",
                    "payguard.kms.vault.url",
                    current.url(),
                    "payguard.kms.vault.kubernetes-role",
                    KUBERNETES_ROLE,
                    "payguard.kms.vault.kubernetes-jwt-path",
                    file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        if (current != null) {
            current.close();
        }
    }
}

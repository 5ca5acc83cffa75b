package io.payguard.platform.protection.vault;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;

import io.payguard.platform.protection.kms.KmsException;
import io.quarkus.vault.client.VaultClient;
import io.quarkus.vault.client.http.jdk.JDKVaultHttpClient;

/** Builds the Vault client with token or Kubernetes auth and the Transit adapter on top of it. */
public final class VaultKms {

    private VaultKms() {
    }

    /**
     * @param token          a Vault token (token auth), or empty for Kubernetes auth
     * @param kubernetesRole the Vault role bound to the pod's service account (Kubernetes auth)
     * @param kubernetesJwt  the service account token file (default /var/run/secrets/kubernetes.io/serviceaccount/token)
     */
    public static VaultTransitKeyManagementService create(String url, Optional<String> token, Optional<String> kubernetesRole,
            Path kubernetesJwt, String transitMount, String kvMount, Duration timeout) {
        var builder = VaultClient.builder()
                .baseUrl(url)
                .executor(new JDKVaultHttpClient(HttpClient.newBuilder().connectTimeout(timeout).build()))
                .requestTimeout(timeout);
        if (token.isPresent() && !token.get().isBlank()) {
            builder.clientToken(token.get());
        } else if (kubernetesRole.isPresent()) {
            builder.kubernetes(kubernetesRole.get(), kubernetesJwt);
        } else {
            throw new KmsException("Vault KMS needs payguard.kms.vault.token or payguard.kms.vault.kubernetes-role");
        }
        return new VaultTransitKeyManagementService(builder.build(), transitMount, kvMount, new SecureRandom());
    }
}

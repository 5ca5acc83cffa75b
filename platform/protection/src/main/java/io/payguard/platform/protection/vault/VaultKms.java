package io.payguard.platform.protection.vault;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;

import io.payguard.platform.protection.kms.KmsException;
import io.quarkus.vault.client.VaultClient;
import io.quarkus.vault.client.http.jdk.JDKVaultHttpClient;

/** Builds the Vault client with token or Kubernetes auth and the Transit adapter on top of it. */
public final class VaultKms {

    private VaultKms() {}

    /**
     * The adapter as a service starts it: the settings are checked first, each missing one named by its property and
     * environment variable, then Vault is asked who the login is, so a wrong address, token, role or service account
     * token stops the start instead of the first request that needs a key.
     */
    public static VaultTransitKeyManagementService started(
            Optional<String> url,
            Optional<String> token,
            Optional<String> kubernetesRole,
            Path kubernetesJwt,
            String transitMount,
            String kvMount,
            Duration timeout) {
        if (url.isEmpty() || url.get().isBlank()) {
            throw new KmsException("payguard.kms.provider=vault needs payguard.kms.vault.url (PAYGUARD_KMS_VAULT_URL)");
        }
        boolean tokenAuth = token.isPresent() && !token.get().isBlank();
        if (!tokenAuth
                && kubernetesRole.isPresent()
                && !kubernetesRole.get().isBlank()
                && !Files.isReadable(kubernetesJwt)) {
            throw new KmsException(
                    "payguard.kms.provider=vault with Kubernetes auth cannot read the service account token at "
                            + kubernetesJwt
                            + " (payguard.kms.vault.kubernetes-jwt-path, PAYGUARD_KMS_VAULT_KUBERNETES_JWT_PATH)");
        }
        var kms = create(url.get(), token, kubernetesRole, kubernetesJwt, transitMount, kvMount, timeout);
        kms.checkLogin(url.get());
        return kms;
    }

    /**
     * @param token          a Vault token (token auth), or empty for Kubernetes auth
     * @param kubernetesRole the Vault role bound to the pod's service account (Kubernetes auth)
     * @param kubernetesJwt  the service account token file (default /var/run/secrets/kubernetes.io/serviceaccount/token)
     */
    public static VaultTransitKeyManagementService create(
            String url,
            Optional<String> token,
            Optional<String> kubernetesRole,
            Path kubernetesJwt,
            String transitMount,
            String kvMount,
            Duration timeout) {
        var builder = VaultClient.builder()
                .baseUrl(url)
                .executor(new JDKVaultHttpClient(
                        HttpClient.newBuilder().connectTimeout(timeout).build()))
                .requestTimeout(timeout);
        if (token.isPresent() && !token.get().isBlank()) {
            builder.clientToken(token.get());
        } else if (kubernetesRole.isPresent() && !kubernetesRole.get().isBlank()) {
            builder.kubernetes(kubernetesRole.get(), kubernetesJwt);
        } else {
            throw new KmsException(
                    "payguard.kms.provider=vault needs payguard.kms.vault.token (PAYGUARD_KMS_VAULT_TOKEN) or "
                            + "payguard.kms.vault.kubernetes-role (PAYGUARD_KMS_VAULT_KUBERNETES_ROLE)");
        }
        return new VaultTransitKeyManagementService(builder.build(), transitMount, kvMount, new SecureRandom());
    }
}

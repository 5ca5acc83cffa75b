package io.payguard.platform.protection.vault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.payguard.platform.protection.kms.KeyManagementService;
import io.quarkus.arc.properties.IfBuildProperty;

/**
 * Replaces the kit's local KMS when the service is built with {@code payguard.kms.provider=vault}
 * (a build-time choice: the local adapter's bean is a default bean).
 */
public class VaultKmsProducer {

    @Produces
    @Singleton
    @IfBuildProperty(name = "payguard.kms.provider", stringValue = "vault")
    KeyManagementService vaultKms(
            @ConfigProperty(name = "payguard.kms.vault.url") String url,
            @ConfigProperty(name = "payguard.kms.vault.token") Optional<String> token,
            @ConfigProperty(name = "payguard.kms.vault.kubernetes-role") Optional<String> kubernetesRole,
            @ConfigProperty(name = "payguard.kms.vault.kubernetes-jwt-path",
                    defaultValue = "/var/run/secrets/kubernetes.io/serviceaccount/token") String jwtPath,
            @ConfigProperty(name = "payguard.kms.vault.transit-mount", defaultValue = "transit") String transitMount,
            @ConfigProperty(name = "payguard.kms.vault.kv-mount", defaultValue = "secret") String kvMount,
            @ConfigProperty(name = "payguard.kms.vault.timeout", defaultValue = "PT5S") Duration timeout) {
        return VaultKms.create(url, token, kubernetesRole, Path.of(jwtPath), transitMount, kvMount, timeout);
    }
}

package io.payguard.platform.protection.quarkus;

import java.nio.file.Path;
import java.security.SecureRandom;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.payguard.platform.protection.envelope.BlindIndex;
import io.payguard.platform.protection.envelope.FieldEncryptor;
import io.payguard.platform.protection.envelope.SubjectKeyring;
import io.payguard.platform.protection.kms.KeyManagementService;
import io.payguard.platform.protection.kms.KmsException;
import io.payguard.platform.protection.kms.local.LocalKeyManagementService;
import io.payguard.platform.protection.kms.local.LocalMasterKey;
import io.payguard.platform.protection.vault.VaultKms;
import io.quarkus.runtime.Startup;

/** Wires the plain-Java kit into CDI: the KMS chosen by {@code payguard.kms.provider}, keyring, encryptor and blind index. */
public class ProtectionProducers {

    private static final Logger LOG = Logger.getLogger(ProtectionProducers.class);

    /**
     * The adapter {@code payguard.kms.provider} names, read at run time (both are in every build). Created at start
     * ({@link Startup}): a missing setting or a Vault that refuses the login stops the service with a message naming it.
     */
    @Produces
    @Singleton
    @Startup
    KeyManagementService kms(KmsConfig config) {
        KeyManagementService kms = switch (config.provider()) {
            case "local" -> local(config);
            case "vault" -> {
                var vault = config.vault();
                yield VaultKms.started(
                        vault.url(),
                        vault.token(),
                        vault.kubernetesRole(),
                        Path.of(vault.kubernetesJwtPath()),
                        vault.transitMount(),
                        vault.kvMount(),
                        vault.timeout());
            }
            default ->
                throw new KmsException("payguard.kms.provider (PAYGUARD_KMS_PROVIDER) must be local or vault, not "
                        + config.provider());
        };
        LOG.infof("KMS: %s", kms.provider());
        return kms;
    }

    private static KeyManagementService local(KmsConfig config) {
        var random = new SecureRandom();
        Path directory = Path.of(config.local().directory());
        var master = LocalMasterKey.resolve(
                config.local().masterKey(), directory, config.local().generateMasterKey(), random);
        if (master.generatedBesideKeys()) {
            LOG.warnf(
                    "Local KMS: master key read from %s beside the keysets (developer mode); set PAYGUARD_KMS_LOCAL_MASTER_KEY "
                            + "and PAYGUARD_KMS_LOCAL_GENERATE_MASTER_KEY=false outside a developer machine",
                    directory.resolve(LocalMasterKey.GENERATED_FILE));
        }
        return new LocalKeyManagementService(directory, master.key(), random);
    }

    @Produces
    @Singleton
    SubjectKeyring keyring(KeyManagementService kms, KmsConfig config) {
        return new SubjectKeyring(kms, config.kekName(), config.dataKeyCacheSize());
    }

    @Produces
    @Singleton
    FieldEncryptor fieldEncryptor(SubjectKeyring keyring) {
        return new FieldEncryptor(keyring);
    }

    @Produces
    @Singleton
    BlindIndex blindIndex(KeyManagementService kms, KmsConfig config) {
        return new BlindIndex(kms, config.blindIndexKey());
    }
}

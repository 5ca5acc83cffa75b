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
import io.quarkus.arc.DefaultBean;

/** Wires the plain-Java kit into CDI: the KMS chosen by {@code payguard.kms.provider}, keyring, encryptor and blind index. */
public class ProtectionProducers {

    private static final Logger LOG = Logger.getLogger(ProtectionProducers.class);

    /** The local adapter; the vault module replaces this bean when {@code payguard.kms.provider=vault}. */
    @Produces
    @Singleton
    @DefaultBean
    KeyManagementService kms(KmsConfig config) {
        if (!"local".equals(config.provider())) {
            throw new KmsException("payguard.kms.provider=" + config.provider() + " needs its adapter on the classpath "
                    + "(payguard-protection-vault for vault)");
        }
        var random = new SecureRandom();
        Path directory = Path.of(config.local().directory());
        var master = LocalMasterKey.resolve(config.local().masterKey(), directory, config.local().generateMasterKey(), random);
        if (master.generatedBesideKeys()) {
            LOG.warnf("Local KMS: master key read from %s beside the keysets (developer mode); set PAYGUARD_KMS_LOCAL_MASTER_KEY "
                    + "and PAYGUARD_KMS_LOCAL_GENERATE_MASTER_KEY=false outside a developer machine", directory.resolve(LocalMasterKey.GENERATED_FILE));
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

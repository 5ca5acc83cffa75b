package io.payguard.audit.adapter.out.crypto;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.payguard.audit.application.port.CheckpointSigner;
import io.payguard.audit.config.AuditConfig;
import io.payguard.audit.domain.chain.Ed25519SignatureCheck;
import io.payguard.platform.protection.kms.KeyManagementService;
import io.payguard.platform.protection.kms.KeyPurpose;

/**
 * Signs checkpoints with an Ed25519 key that lives in the KMS ({@code payguard.audit.checkpoint.key-name}): Vault
 * Transit ({@code kms.provider=vault}, the key never leaves Vault) or the local keyring. The key is created on first
 * start. The signer pins the version that is current when the service starts and signs only with it, so the key id
 * in every checkpoint names the public key that checks it; a version rotated in the KMS is taken on the next start,
 * when its public key is registered beside the older ones.
 */
@ApplicationScoped
public class KmsCheckpointSigner implements CheckpointSigner {

    private static final Logger LOG = Logger.getLogger(KmsCheckpointSigner.class);

    private final KeyManagementService kms;
    private final String keyName;
    private final int version;
    private final byte[] publicKey;
    private final String keyId;

    public KmsCheckpointSigner(KeyManagementService kms, AuditConfig config) {
        this.kms = kms;
        this.keyName = config.checkpoint().keyName();
        this.version = kms.ensureKey(keyName, KeyPurpose.SIGN).currentVersion();
        this.publicKey = kms.publicKey(keyName, version);
        this.keyId = Ed25519SignatureCheck.keyIdOf(publicKey);
        LOG.infof("checkpoints signed by %s key %s v%d (%s)", kms.provider(), keyName, version, keyId);
    }

    @Override
    public String keyId() {
        return keyId;
    }

    @Override
    public String algorithm() {
        return Ed25519SignatureCheck.ALGORITHM;
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    @Override
    public byte[] sign(byte[] payload) {
        return kms.signWithVersion(keyName, version, payload);
    }
}

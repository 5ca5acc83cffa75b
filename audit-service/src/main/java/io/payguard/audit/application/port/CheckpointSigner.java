package io.payguard.audit.application.port;

/**
 * Signs checkpoint payloads (the chain head at a position). The adapter signs in the KMS (Vault Transit or the local
 * keyring); the private key never leaves it; the public half is registered in {@code audit_signing_key} and published
 * with every checkpoint export, so checkpoints are verified without the KMS.
 */
public interface CheckpointSigner {

    String keyId();

    /** JCA name of the signature algorithm, e.g. {@code Ed25519}. */
    String algorithm();

    /** The public key, X.509 SubjectPublicKeyInfo DER. */
    byte[] publicKey();

    byte[] sign(byte[] payload);
}

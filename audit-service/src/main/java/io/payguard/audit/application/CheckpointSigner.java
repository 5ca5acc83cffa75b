package io.payguard.audit.application;

/**
 * Signs checkpoint payloads (the chain head at a position). The local adapter keeps an Ed25519 key pair on
 * disk; the data-protection kit's KMS adapter (Vault Transit, issue 3) replaces it in production. The private
 * key never leaves the signer; the public half is published with every checkpoint export.
 */
public interface CheckpointSigner {

    String keyId();

    /** JCA name of the signature algorithm, e.g. {@code Ed25519}. */
    String algorithm();

    /** The public key, X.509 SubjectPublicKeyInfo DER. */
    byte[] publicKey();

    byte[] sign(byte[] payload);
}

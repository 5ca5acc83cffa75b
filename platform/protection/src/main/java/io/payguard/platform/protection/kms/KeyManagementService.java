package io.payguard.platform.protection.kms;

/**
 * The one port to key management. Keys are named; each has a purpose and versions. Key material never
 * leaves the adapter except data keys from {@link #generateDataKey}, which the caller keeps only in memory
 * and stores wrapped. Adapters: {@code local} (Tink keysets on disk) and {@code vault} (Vault Transit).
 *
 * <p>AEAD and MAC keys are created on first use; a destroyed key name stays destroyed and is never
 * silently re-created.
 */
public interface KeyManagementService {

    String provider();

    /**
     * True when every call is a network round trip that waits for its answer (Vault): code running on an event loop
     * must make these calls on a worker thread ({@code quarkus.KmsCalls} does). The local keyring answers from memory
     * (file I/O only when a key is created, rotated or destroyed), so it says false and is called in place.
     */
    default boolean remote() {
        return false;
    }

    /** Creates the key if it does not exist yet; returns its current state. */
    KeyInfo ensureKey(String keyName, KeyPurpose purpose);

    KeyInfo describe(String keyName);

    /** AEAD encryption; the ciphertext names the key version that made it. */
    byte[] encrypt(String keyName, byte[] plaintext, byte[] associatedData);

    byte[] decrypt(String keyName, byte[] ciphertext, byte[] associatedData);

    /** A fresh 256-bit data key, returned in clear and wrapped (encrypted) under {@code keyName}. */
    DataKey generateDataKey(String keyName, byte[] associatedData);

    /** Re-encrypts a wrapped value under the key's current version without returning the plaintext to the caller. */
    default byte[] rewrap(String keyName, byte[] ciphertext, byte[] associatedData) {
        byte[] plaintext = decrypt(keyName, ciphertext, associatedData);
        try {
            return encrypt(keyName, plaintext, associatedData);
        } finally {
            java.util.Arrays.fill(plaintext, (byte) 0);
        }
    }

    /** The key version that produced a ciphertext from {@link #encrypt}. */
    int versionOf(String keyName, byte[] ciphertext);

    /** Keyed MAC (HMAC-SHA256), deterministic for a key version: the basis of blind indexes. */
    byte[] mac(String keyName, byte[] data);

    byte[] sign(String keyName, byte[] data);

    boolean verify(String keyName, byte[] data, byte[] signature);

    /**
     * The public half of one version of a {@link KeyPurpose#SIGN} key, X.509 SubjectPublicKeyInfo DER (Ed25519): with it
     * anyone checks {@link #signWithVersion} signatures without the KMS, for as long as they keep it.
     */
    byte[] publicKey(String keyName, int version);

    /**
     * A plain signature (Ed25519: the 64 bytes of RFC 8032, no adapter framing) by the given version of a SIGN key,
     * whatever version is current, so a signer that published one version's public key keeps signing with it.
     */
    byte[] signWithVersion(String keyName, int version, byte[] data);

    /** Adds a new version and makes it primary; older versions still decrypt and verify. */
    KeyInfo rotate(String keyName);

    /** Irreversibly destroys every version of the key. */
    void destroy(String keyName);
}

package io.payguard.audit.domain.chain;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;
import java.util.Map;

/** Checks Ed25519 checkpoint signatures against trusted public keys (X.509 SubjectPublicKeyInfo), by key id. */
public final class Ed25519SignatureCheck implements SignatureCheck {

    public static final String ALGORITHM = "Ed25519";

    private final Map<String, PublicKey> keys;

    public Ed25519SignatureCheck(Map<String, PublicKey> keys) {
        this.keys = Map.copyOf(keys);
    }

    /** {@code ed25519:} and the first 16 hex digits of the SHA-256 of the X.509 public key. */
    public static String keyIdOf(byte[] x509) {
        try {
            return "ed25519:"
                    + HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(x509), 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static PublicKey publicKey(byte[] x509) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(x509));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key", e);
        }
    }

    @Override
    public boolean holds(Checkpoint checkpoint) {
        PublicKey key = keys.get(checkpoint.keyId());
        if (key == null || !ALGORITHM.equals(checkpoint.algorithm()) || checkpoint.signature() == null) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(key);
            verifier.update(checkpoint.payload());
            return verifier.verify(checkpoint.signature());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}

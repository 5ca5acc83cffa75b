package io.payguard.platform.protection.kms;

import java.util.Arrays;
import java.util.HexFormat;

/** Ed25519 public keys as the JDK and X.509 write them: a fixed 12-byte SubjectPublicKeyInfo header, then the 32 key bytes. */
public final class Ed25519Keys {

    private static final byte[] X509_HEADER = HexFormat.of().parseHex("302a300506032b6570032100");
    public static final int RAW_LENGTH = 32;

    private Ed25519Keys() {}

    public static byte[] x509(byte[] raw) {
        if (raw.length != RAW_LENGTH) {
            throw new KmsException("an Ed25519 public key has 32 bytes, not " + raw.length);
        }
        byte[] der = Arrays.copyOf(X509_HEADER, X509_HEADER.length + RAW_LENGTH);
        System.arraycopy(raw, 0, der, X509_HEADER.length, RAW_LENGTH);
        return der;
    }

    /** The 32 key bytes of an X.509 Ed25519 public key. */
    public static byte[] raw(byte[] x509) {
        if (x509.length != X509_HEADER.length + RAW_LENGTH
                || !Arrays.equals(x509, 0, X509_HEADER.length, X509_HEADER, 0, X509_HEADER.length)) {
            throw new KmsException("not an X.509 Ed25519 public key");
        }
        return Arrays.copyOfRange(x509, X509_HEADER.length, x509.length);
    }
}

package io.payguard.platform.protection.kms;

import java.util.Arrays;

/**
 * A data key in clear (to be used in memory only) and wrapped under a KMS key ({@code kekName} at
 * {@code kekVersion}). {@link #toString()} never shows the key.
 */
public record DataKey(byte[] plaintext, byte[] wrapped, String kekName, int kekVersion) {

    /** A fresh 256-bit key from {@code random}, wrapped by {@code kms} under {@code keyName} with the associated data. */
    public static DataKey generate(
            KeyManagementService kms, String keyName, byte[] associatedData, java.security.SecureRandom random) {
        byte[] key = new byte[32];
        random.nextBytes(key);
        byte[] wrapped = kms.encrypt(keyName, key, associatedData);
        return new DataKey(key, wrapped, keyName, kms.versionOf(keyName, wrapped));
    }

    public void wipe() {
        Arrays.fill(plaintext, (byte) 0);
    }

    @Override
    public String toString() {
        return "DataKey[kek=" + kekName + " v" + kekVersion + ", " + wrapped.length + " wrapped bytes]";
    }
}

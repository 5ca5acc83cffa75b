package io.payguard.platform.protection.kms;

import java.util.Arrays;

/**
 * A data key in clear (to be used in memory only) and wrapped under a KMS key ({@code kekName} at
 * {@code kekVersion}). {@link #toString()} never shows the key.
 */
public record DataKey(byte[] plaintext, byte[] wrapped, String kekName, int kekVersion) {

    public void wipe() {
        Arrays.fill(plaintext, (byte) 0);
    }

    @Override
    public String toString() {
        return "DataKey[kek=" + kekName + " v" + kekVersion + ", " + wrapped.length + " wrapped bytes]";
    }
}

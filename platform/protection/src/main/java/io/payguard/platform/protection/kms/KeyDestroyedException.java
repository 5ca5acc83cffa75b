package io.payguard.platform.protection.kms;

/** The key was destroyed (crypto-shredding): whatever it protected is gone for good. */
public class KeyDestroyedException extends KmsException {
    public KeyDestroyedException(String keyName) {
        super("key " + keyName + " has been destroyed");
    }
}

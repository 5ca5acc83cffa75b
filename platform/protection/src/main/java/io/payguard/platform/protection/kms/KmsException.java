package io.payguard.platform.protection.kms;

/** A KMS operation failed (tampered ciphertext, wrong associated data, unavailable backend). */
public class KmsException extends RuntimeException {
    public KmsException(String message, Throwable cause) {
        super(message, cause);
    }

    public KmsException(String message) {
        super(message);
    }
}

package io.payguard.platform.protection.kms;

public enum KeyPurpose {
    /** Authenticated encryption with associated data; also wraps data keys. */
    AEAD,
    /** HMAC for blind indexes. */
    MAC,
    /** Digital signatures (audit checkpoints, webhooks). */
    SIGN
}

package io.payguard.auth.webhook.domain;

import java.time.Instant;

/**
 * An endpoint's signing secrets as stored: ciphertexts of the data protection kit under the endpoint's data key
 * version {@code keyVersion}, never clear text.
 */
public record SealedSecrets(String current, String previous, Instant previousExpiresAt, int keyVersion) {}

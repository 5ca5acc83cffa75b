package io.payguard.platform.web.apikey;

import java.time.Instant;
import java.util.Set;

/** What a verifying service knows about a key: enough to authorise, nothing to impersonate with. */
public record ApiKeyGrant(
        String keyId,
        String merchantId,
        String kind,
        String mode,
        Set<String> scopes,
        Instant expiresAt,
        Instant revokedAt) {

    public ApiKeyGrant {
        scopes = Set.copyOf(scopes);
    }

    public boolean usableAt(Instant now) {
        return (revokedAt == null || now.isBefore(revokedAt)) && (expiresAt == null || now.isBefore(expiresAt));
    }
}

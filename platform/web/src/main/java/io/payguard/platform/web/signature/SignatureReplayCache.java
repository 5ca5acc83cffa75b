package io.payguard.platform.web.signature;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Every accepted (keyid, nonce) pair, kept twice as long as {@code created} may be off ({@code max-skew} each way), so
 * a replayed signature is refused for as long as its {@code created} is accepted. Per replica: a replay sent to another
 * replica inside the window is not caught here; it still cannot move money twice, because the signature covers the
 * {@code Idempotency-Key} and the idempotency record (in the service's database, shared by all replicas) answers the
 * replay with the first call's stored answer.
 */
@ApplicationScoped
public class SignatureReplayCache implements HttpSignatureVerifier.NonceCache {

    private final Cache<String, Boolean> seen;

    public SignatureReplayCache(
            @ConfigProperty(name = "payguard.request-signing.max-skew", defaultValue = "PT300S") Duration maxSkew) {
        this.seen = Caffeine.newBuilder()
                .maximumSize(1_000_000)
                .expireAfterWrite(maxSkew.multipliedBy(2).plusSeconds(1))
                .build();
    }

    @Override
    public boolean firstUse(String keyId, String nonce) {
        return seen.asMap().putIfAbsent(keyId.length() + ":" + keyId + "|" + nonce, Boolean.TRUE) == null;
    }
}

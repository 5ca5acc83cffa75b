package io.payguard.auth.merchant.application;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.auth.merchant.application.port.MerchantEvents;
import io.payguard.auth.merchant.application.port.MerchantStore;
import io.payguard.auth.merchant.domain.Merchant;
import io.payguard.auth.merchant.domain.SigningKey;
import io.payguard.kernel.failure.ApplicationException;
import io.payguard.platform.web.signature.SigningKeyFormat;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * A merchant's request signing (RFC 9421): registering and revoking its public keys, and whether its money-moving calls
 * must be signed. Each change locks the merchant's row (changes of one merchant reach {@code auth.merchants} in commit
 * order) and publishes the merchant's whole new state and a security event in its transaction. The services that take
 * money-moving calls verify signatures with the keys from that state (platform/web {@code SignedRequestFilter}).
 */
@ApplicationScoped
public class RequestSigningService {

    private final MerchantStore store;
    private final MerchantEvents events;
    private final Clock clock;

    public RequestSigningService(MerchantStore store, MerchantEvents events, Clock clock) {
        this.store = store;
        this.events = events;
        this.clock = clock;
    }

    /** Registers a key; {@code keyId} null: one is generated. The key must parse as a key of {@code alg}. */
    public Uni<SigningKey> register(String merchantId, String keyId, String alg, String publicKey, String actor) {
        var parsed = SigningKeyFormat.parse(alg, publicKey)
                .orElseThrow(() -> ApplicationException.invalid(
                        "invalid_signing_key",
                        "Invalid signing key",
                        "publicKey must be the base64 (or PEM) X.509 SubjectPublicKeyInfo of an "
                                + "ed25519 or P-256 (ecdsa-p256-sha256) public key, of the algorithm given in alg"));
        String id = keyId == null ? "key_" + UUID.randomUUID().toString().replace("-", "") : keyId;
        SigningKey key;
        try {
            key = new SigningKey(
                    merchantId,
                    id,
                    parsed.alg(),
                    parsed.publicKeyBase64(),
                    SigningKey.Status.ACTIVE,
                    clock.instant(),
                    null);
        } catch (IllegalArgumentException e) {
            throw ApplicationException.invalid("invalid_signing_key", "Invalid signing key", e.getMessage());
        }
        return change(merchantId, (merchant, keys) -> {
            if (keys.stream().anyMatch(k -> k.keyId().equals(key.keyId()))) {
                throw ApplicationException.stateConflict(
                        "signing_key_exists", "Signing key exists", "this merchant already has a key of that keyId");
            }
            if (keys.stream().filter(SigningKey::active).count() >= SigningKey.MAX_ACTIVE) {
                throw ApplicationException.refused(
                        "too_many_signing_keys",
                        "Too many signing keys",
                        "at most " + SigningKey.MAX_ACTIVE + " active keys; revoke one first");
            }
            return store.addSigningKey(key, actor)
                    .chain(() -> publish(merchant, append(keys, key), "signing_key.register", key.keyId(), actor))
                    .replaceWith(key);
        });
    }

    /** Revokes a key (idempotent: a revoked key is answered as it is, with no new event). */
    public Uni<SigningKey> revoke(String merchantId, String keyId, String actor) {
        return change(merchantId, (merchant, keys) -> {
            var found = keys.stream()
                    .filter(k -> k.keyId().equals(keyId))
                    .findFirst()
                    .orElseThrow(() -> ApplicationException.notFound("signing_key_not_found", "Signing key not found"));
            if (!found.active()) {
                return Uni.createFrom().item(found);
            }
            var revoked = found.revoked(clock.instant());
            var after = keys.stream().map(k -> k == found ? revoked : k).toList();
            return store.revokeSigningKey(revoked, actor)
                    .chain(() -> publish(merchant, after, "signing_key.revoke", keyId, actor))
                    .replaceWith(revoked);
        });
    }

    public Uni<List<SigningKey>> list(String merchantId) {
        return Panache.withSession(() -> store.find(merchantId).flatMap(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().failure(merchantNotFound());
            }
            return store.signingKeys(merchantId);
        }));
    }

    /**
     * Sets whether the merchant's money-moving calls must be signed. Requiring it needs an active key (else every
     * such call would be refused). Idempotent: no change, no event.
     */
    public Uni<Merchant> setRequired(String merchantId, boolean required, String actor) {
        return change(merchantId, (merchant, keys) -> {
            if (merchant.signingRequired() == required) {
                return Uni.createFrom().item(merchant);
            }
            if (required && keys.stream().noneMatch(SigningKey::active)) {
                throw ApplicationException.refused(
                        "no_active_signing_key",
                        "No active signing key",
                        "register a signing key before requiring signed requests");
            }
            var changed = merchant.withSigningRequired(required);
            return store.updateSigningRequired(changed)
                    .chain(() -> publish(changed, keys, "request_signing.set", null, actor))
                    .replaceWith(changed);
        });
    }

    private <T> Uni<T> change(String merchantId, BiFunction<Merchant, List<SigningKey>, Uni<T>> step) {
        return Panache.withTransaction(() -> store.lock(merchantId).flatMap(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().failure(merchantNotFound());
            }
            return store.signingKeys(merchantId).flatMap(keys -> step.apply(found.get(), keys));
        }));
    }

    private Uni<Void> publish(Merchant merchant, List<SigningKey> keys, String action, String keyId, String actor) {
        return events.signingChanged(merchant, keys, action, keyId, actor, clock.instant());
    }

    private static List<SigningKey> append(List<SigningKey> keys, SigningKey key) {
        var out = new java.util.ArrayList<>(keys);
        out.add(key);
        return out;
    }

    private static ApplicationException merchantNotFound() {
        return ApplicationException.notFound("merchant_not_found", "Merchant not found");
    }
}

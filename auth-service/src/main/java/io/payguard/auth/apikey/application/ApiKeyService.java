package io.payguard.auth.apikey.application;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.auth.apikey.application.port.ApiKeyEvents;
import io.payguard.auth.apikey.application.port.ApiKeyStore;
import io.payguard.auth.apikey.application.port.ApiKeyStore.KeyWithLastUse;
import io.payguard.auth.apikey.domain.ApiKey;
import io.payguard.auth.apikey.domain.ApiKeyPolicy;
import io.payguard.auth.apikey.domain.KeyKind;
import io.payguard.auth.apikey.domain.KeyMode;
import io.payguard.auth.apikey.domain.KeySecret;
import io.payguard.auth.apikey.domain.Scope;
import io.payguard.kernel.failure.ApplicationException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Issue, list, rotate and revoke a merchant's API keys. Every change and its events commit together. */
@ApplicationScoped
public class ApiKeyService {

    /** A freshly issued key: the only moment its secret exists outside the merchant's hands. */
    public record Issued(ApiKey key, KeySecret secret) {}

    private final Clock clock;
    private final ApiKeyStore store;
    private final ApiKeyEvents events;
    private final SecureRandom random = new SecureRandom();

    public ApiKeyService(Clock clock, ApiKeyStore store, ApiKeyEvents events) {
        this.clock = clock;
        this.store = store;
        this.events = events;
    }

    public Uni<Issued> issue(
            String merchantId,
            String name,
            KeyKind kind,
            KeyMode mode,
            Set<Scope> scopes,
            Instant expiresAt,
            String actor) {
        Instant now = clock.instant();
        return Panache.withTransaction(() -> store.countActive(merchantId, now)
                .flatMap(active -> switch (ApiKeyPolicy.issue(kind, scopes, now, expiresAt, active)) {
                    case ApiKeyPolicy.Refused r ->
                        Uni.createFrom().failure(ApplicationException.refused(r.code(), "API key refused", r.reason()));
                    case ApiKeyPolicy.Allowed a ->
                        create(merchantId, name, kind, mode, a.scopes(), now, expiresAt, actor);
                }));
    }

    public Uni<List<ApiKey>> list(String merchantId) {
        return Panache.withSession(() -> store.listByMerchant(merchantId));
    }

    public Uni<KeyWithLastUse> getWithLastUse(String merchantId, String keyId) {
        return Panache.withSession(
                () -> store.findOwned(merchantId, keyId).map(found -> found.orElseThrow(ApiKeyService::notFound)));
    }

    /** A usage aggregate's last use of a key: only ever moves forward, so redeliveries and late aggregates are harmless. */
    public Uni<Void> recordUse(String keyId, Instant lastUsedAt) {
        return store.recordUse(keyId, lastUsedAt);
    }

    /** Issues a successor with the same kind, mode and scopes; the old key keeps working for the overlap. */
    public Uni<Issued> rotate(String merchantId, String keyId, Duration overlap, String actor) {
        Instant now = clock.instant();
        return Panache.withTransaction(() -> lockOwned(merchantId, keyId).flatMap(old -> switch (ApiKeyPolicy.rotate(
                old, overlap, now)) {
            case ApiKeyPolicy.Refused r ->
                Uni.createFrom()
                        .<Issued>failure(ApplicationException.stateConflict(r.code(), "Rotation refused", r.reason()));
            case ApiKeyPolicy.Allowed a ->
                create(merchantId, old.name(), old.kind(), old.mode(), a.scopes(), now, null, actor)
                        .flatMap(issued -> {
                            ApiKey retired =
                                    old.retireAfter(overlap, now, issued.key().id());
                            return store.update(retired)
                                    .chain(() -> events.changed(retired, "rotated", actor, now))
                                    .replaceWith(issued);
                        });
        }));
    }

    public Uni<ApiKey> revoke(String merchantId, String keyId, String actor) {
        Instant now = clock.instant();
        return Panache.withTransaction(() -> lockOwned(merchantId, keyId).flatMap(current -> {
            ApiKey revoked = current.revoke(now);
            if (revoked.revokedAt() != null && revoked.revokedAt().isBefore(now)) {
                return Uni.createFrom().item(revoked); // already revoked: idempotent
            }
            return store.update(revoked)
                    .chain(() -> events.changed(revoked, "revoked", actor, now))
                    .replaceWith(revoked);
        }));
    }

    private Uni<Issued> create(
            String merchantId,
            String name,
            KeyKind kind,
            KeyMode mode,
            Set<Scope> scopes,
            Instant now,
            Instant expiresAt,
            String actor) {
        byte[] bytes = new byte[KeySecret.RANDOM_BYTES];
        random.nextBytes(bytes);
        KeySecret secret = KeySecret.generate(kind, mode, bytes);
        byte[] idBytes = new byte[12];
        random.nextBytes(idBytes);
        String id = "key_" + java.util.HexFormat.of().formatHex(idBytes);
        ApiKey key = new ApiKey(
                id, merchantId, name, kind, mode, scopes, secret.hash(), secret.hint(), now, expiresAt, null, null);
        return store.add(key)
                .chain(() -> events.changed(key, "created", actor, now))
                .replaceWith(new Issued(key, secret));
    }

    private Uni<ApiKey> lockOwned(String merchantId, String keyId) {
        return store.lockOwned(merchantId, keyId).map(found -> found.orElseThrow(ApiKeyService::notFound));
    }

    private static ApplicationException notFound() {
        // Someone else's key and a key that does not exist look the same.
        return ApplicationException.notFound("not_found", "Not found");
    }
}

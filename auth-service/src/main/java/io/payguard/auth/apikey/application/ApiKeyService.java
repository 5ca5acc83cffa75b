package io.payguard.auth.apikey.application;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.auth.apikey.adapter.out.persistence.ApiKeyEntity;
import io.payguard.auth.apikey.domain.ApiKey;
import io.payguard.auth.apikey.domain.ApiKeyPolicy;
import io.payguard.auth.apikey.domain.KeyKind;
import io.payguard.auth.apikey.domain.KeyMode;
import io.payguard.auth.apikey.domain.KeySecret;
import io.payguard.auth.apikey.domain.Scope;
import io.payguard.platform.web.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Issue, list, rotate and revoke a merchant's API keys. Every change and its events commit together. */
@ApplicationScoped
public class ApiKeyService {

    /** A freshly issued key: the only moment its secret exists outside the merchant's hands. */
    public record Issued(ApiKey key, KeySecret secret) {
    }

    private final Clock clock;
    private final ApiKeyEvents events;
    private final SecureRandom random = new SecureRandom();

    public ApiKeyService(Clock clock, ApiKeyEvents events) {
        this.clock = clock;
        this.events = events;
    }

    public Uni<Issued> issue(String merchantId, String name, KeyKind kind, KeyMode mode, Set<Scope> scopes, Instant expiresAt, String actor) {
        Instant now = clock.instant();
        return Panache.withTransaction(() -> ApiKeyEntity.count("merchantId = ?1 and revokedAt is null and (expiresAt is null or expiresAt > ?2)",
                merchantId, now.atOffset(ZoneOffset.UTC))
                .flatMap(active -> switch (ApiKeyPolicy.issue(kind, scopes, now, expiresAt, active)) {
                    case ApiKeyPolicy.Refused r -> Uni.createFrom().failure(new ProblemException(422, r.code(), "API key refused", r.reason()));
                    case ApiKeyPolicy.Allowed a -> create(merchantId, name, kind, mode, a.scopes(), now, expiresAt, actor);
                }));
    }

    public Uni<List<ApiKey>> list(String merchantId) {
        return Panache.withSession(() -> ApiKeyEntity.<ApiKeyEntity>list("merchantId = ?1 order by createdAt desc", merchantId))
                .map(rows -> rows.stream().map(ApiKeyEntity::toDomain).toList());
    }

    public record KeyWithLastUse(ApiKey key, Instant lastUsedAt) {
    }

    public Uni<KeyWithLastUse> getWithLastUse(String merchantId, String keyId) {
        return Panache.withSession(() -> owned(merchantId, keyId))
                .map(e -> new KeyWithLastUse(e.toDomain(), e.lastUsedAt == null ? null : e.lastUsedAt.toInstant()));
    }

    /** Issues a successor with the same kind, mode and scopes; the old key keeps working for the overlap. */
    public Uni<Issued> rotate(String merchantId, String keyId, Duration overlap, String actor) {
        Instant now = clock.instant();
        return Panache.withTransaction(() -> lockOwned(merchantId, keyId).flatMap(row -> {
            ApiKey old = row.toDomain();
            return switch (ApiKeyPolicy.rotate(old, overlap, now)) {
                case ApiKeyPolicy.Refused r -> Uni.createFrom().<Issued>failure(new ProblemException(409, r.code(), "Rotation refused", r.reason()));
                case ApiKeyPolicy.Allowed a -> create(merchantId, old.name(), old.kind(), old.mode(), a.scopes(), now, null, actor)
                        .flatMap(issued -> {
                            ApiKey retired = old.retireAfter(overlap, now, issued.key().id());
                            row.copy(retired);
                            return events.changed(retired, "rotated", actor, now).replaceWith(issued);
                        });
            };
        }));
    }

    public Uni<ApiKey> revoke(String merchantId, String keyId, String actor) {
        Instant now = clock.instant();
        return Panache.withTransaction(() -> lockOwned(merchantId, keyId).flatMap(row -> {
            ApiKey revoked = row.toDomain().revoke(now);
            if (revoked.revokedAt() != null && revoked.revokedAt().isBefore(now)) {
                return Uni.createFrom().item(revoked); // already revoked: idempotent
            }
            row.copy(revoked);
            return events.changed(revoked, "revoked", actor, now).replaceWith(revoked);
        }));
    }

    private Uni<Issued> create(String merchantId, String name, KeyKind kind, KeyMode mode, Set<Scope> scopes, Instant now,
            Instant expiresAt, String actor) {
        byte[] bytes = new byte[KeySecret.RANDOM_BYTES];
        random.nextBytes(bytes);
        KeySecret secret = KeySecret.generate(kind, mode, bytes);
        byte[] idBytes = new byte[12];
        random.nextBytes(idBytes);
        String id = "key_" + java.util.HexFormat.of().formatHex(idBytes);
        ApiKey key = new ApiKey(id, merchantId, name, kind, mode, scopes, secret.hash(), secret.hint(), now, expiresAt, null, null);
        return ApiKeyEntity.from(key).persist()
                .chain(() -> events.changed(key, "created", actor, now))
                .replaceWith(new Issued(key, secret));
    }

    private static Uni<ApiKeyEntity> owned(String merchantId, String keyId) {
        return ApiKeyEntity.<ApiKeyEntity>find("id = ?1 and merchantId = ?2", keyId, merchantId).firstResult()
                .onItem().ifNull().failWith(() -> notFound());
    }

    private static Uni<ApiKeyEntity> lockOwned(String merchantId, String keyId) {
        return ApiKeyEntity.<ApiKeyEntity>find("id = ?1 and merchantId = ?2", keyId, merchantId)
                .withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).firstResult()
                .onItem().ifNull().failWith(() -> notFound());
    }

    private static ProblemException notFound() {
        // Someone else's key and a key that does not exist look the same.
        return new ProblemException(404, "not_found", "Not found", null);
    }
}

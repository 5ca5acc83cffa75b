package io.payguard.auth.apikey.adapter.out.persistence;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.payguard.auth.apikey.application.port.ApiKeyStore;
import io.payguard.auth.apikey.domain.ApiKey;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** {@link ApiKeyStore} on the {@code api_key} table, with Panache in the caller's session or transaction. */
@ApplicationScoped
public class PanacheApiKeyStore implements ApiKeyStore {

    private final Pool pool;

    public PanacheApiKeyStore(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Uni<Long> countActive(String merchantId, Instant now) {
        return ApiKeyEntity.count(
                "merchantId = ?1 and revokedAt is null and (expiresAt is null or expiresAt > ?2)",
                merchantId,
                now.atOffset(ZoneOffset.UTC));
    }

    @Override
    public Uni<List<ApiKey>> listByMerchant(String merchantId) {
        return ApiKeyEntity.<ApiKeyEntity>list("merchantId = ?1 order by createdAt desc", merchantId)
                .map(rows -> rows.stream().map(ApiKeyEntity::toDomain).toList());
    }

    @Override
    public Uni<Optional<KeyWithLastUse>> findOwned(String merchantId, String keyId) {
        return ApiKeyEntity.<ApiKeyEntity>find("id = ?1 and merchantId = ?2", keyId, merchantId)
                .firstResult()
                .map(e -> Optional.ofNullable(e)
                        .map(row -> new KeyWithLastUse(
                                row.toDomain(), row.lastUsedAt == null ? null : row.lastUsedAt.toInstant())));
    }

    @Override
    public Uni<Optional<ApiKey>> lockOwned(String merchantId, String keyId) {
        return ApiKeyEntity.<ApiKeyEntity>find("id = ?1 and merchantId = ?2", keyId, merchantId)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResult()
                .map(e -> Optional.ofNullable(e).map(ApiKeyEntity::toDomain));
    }

    @Override
    public Uni<Void> add(ApiKey key) {
        return ApiKeyEntity.from(key).persist().replaceWithVoid();
    }

    @Override
    public Uni<Void> update(ApiKey key) {
        // the row is in the session already (read by lockOwned): no query, the change is flushed at commit
        return ApiKeyEntity.<ApiKeyEntity>findById(key.id())
                .onItem()
                .ifNull()
                .failWith(() -> new IllegalStateException("api key " + key.id() + " is not stored"))
                .invoke(row -> row.copy(key))
                .replaceWithVoid();
    }

    @Override
    public Uni<Void> recordUse(String keyId, Instant lastUsedAt) {
        return pool.preparedQuery(
                        "UPDATE api_key SET last_used_at = $2 WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < $2)")
                .execute(Tuple.of(keyId, lastUsedAt.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }
}

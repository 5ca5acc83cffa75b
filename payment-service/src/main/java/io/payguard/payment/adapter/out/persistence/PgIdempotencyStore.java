package io.payguard.payment.adapter.out.persistence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.payment.application.IdempotencyStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Each statement commits on its own (auto-commit on the reactive pool): a claim is visible to duplicates at once. */
@ApplicationScoped
public class PgIdempotencyStore implements IdempotencyStore {

    private final Pool pool;

    public PgIdempotencyStore(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Uni<Boolean> claim(String scope, String key, String requestHash, Instant now, Instant lockedUntil, Instant expiredBefore) {
        return pool.preparedQuery("INSERT INTO idempotency_key (scope, idem_key, request_hash, status, body, created_at, locked_until) "
                + "VALUES ($1, $2, $3, 0, NULL, $4, $5) ON CONFLICT (scope, idem_key) DO UPDATE SET request_hash = EXCLUDED.request_hash, status = 0, "
                + "body = NULL, created_at = EXCLUDED.created_at, locked_until = EXCLUDED.locked_until "
                + "WHERE idempotency_key.created_at < $6 "
                + "OR (idempotency_key.status = 0 AND idempotency_key.locked_until < $4 AND idempotency_key.request_hash = EXCLUDED.request_hash)")
                .execute(Tuple.of(scope, key, requestHash, utc(now), utc(lockedUntil), utc(expiredBefore)))
                .map(rows -> rows.rowCount() == 1);
    }

    @Override
    public Uni<Optional<Stored>> find(String scope, String key) {
        return pool.preparedQuery("SELECT request_hash, status, body FROM idempotency_key WHERE scope = $1 AND idem_key = $2")
                .execute(Tuple.of(scope, key))
                .map(rows -> {
                    var it = rows.iterator();
                    if (!it.hasNext()) {
                        return Optional.empty();
                    }
                    var row = it.next();
                    return Optional.of(new Stored(row.getString(0).trim(), row.getInteger(1), row.getString(2)));
                });
    }

    @Override
    public Uni<Void> complete(String scope, String key, int status, String body) {
        return pool.preparedQuery("UPDATE idempotency_key SET status = $1, body = $2 WHERE scope = $3 AND idem_key = $4")
                .execute(Tuple.of(status, body, scope, key)).replaceWithVoid();
    }

    @Override
    public Uni<Void> release(String scope, String key) {
        return pool.preparedQuery("DELETE FROM idempotency_key WHERE scope = $1 AND idem_key = $2 AND status = 0")
                .execute(Tuple.of(scope, key)).replaceWithVoid();
    }

    @Override
    public Uni<Void> completeInTransaction(String scope, String key, int status, String body) {
        return PgPaymentStore.update("UPDATE idempotency_key SET status = ?1, body = ?2 WHERE scope = ?3 AND idem_key = ?4",
                java.util.List.of(status, body, scope, key)).replaceWithVoid();
    }

    @Override
    public Uni<Integer> purge(Instant createdBefore, int limit) {
        return pool.preparedQuery("DELETE FROM idempotency_key WHERE (scope, idem_key) IN (SELECT scope, idem_key FROM idempotency_key "
                + "WHERE created_at < $1 ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED)")
                .execute(Tuple.of(utc(createdBefore), limit)).map(rows -> rows.rowCount());
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}

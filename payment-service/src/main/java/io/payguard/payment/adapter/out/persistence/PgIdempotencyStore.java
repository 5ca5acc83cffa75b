package io.payguard.payment.adapter.out.persistence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.payment.application.port.IdempotencyStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The claim and the in-transaction answer run in the Hibernate Reactive session of the call's business transaction;
 * the other statements commit on their own (auto-commit on the reactive pool).
 */
@ApplicationScoped
public class PgIdempotencyStore implements IdempotencyStore {

    private final Pool pool;

    public PgIdempotencyStore(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Uni<Boolean> claimInTransaction(Claim c) {
        return PgPaymentStore.update(
                        "INSERT INTO idempotency_key (scope, idem_key, request_hash, status, body, created_at, locked_until, claim_id) "
                                + "VALUES (?1, ?2, ?3, 0, NULL, ?4, ?5, ?7) ON CONFLICT (scope, idem_key) DO UPDATE SET request_hash = EXCLUDED.request_hash, status = 0, "
                                + "body = NULL, created_at = EXCLUDED.created_at, locked_until = EXCLUDED.locked_until, claim_id = EXCLUDED.claim_id "
                                + "WHERE idempotency_key.created_at < ?6 "
                                + "OR (idempotency_key.status = 0 AND idempotency_key.locked_until < ?4 AND idempotency_key.request_hash = EXCLUDED.request_hash)",
                        List.of(
                                c.scope(),
                                c.key(),
                                c.requestHash(),
                                utc(c.now()),
                                utc(c.lockedUntil()),
                                utc(c.expiredBefore()),
                                c.claimId()))
                .map(n -> n == 1);
    }

    @Override
    public Uni<Void> completeInTransaction(String scope, String key, int status, String body, boolean provisional) {
        return PgPaymentStore.update(
                        "UPDATE idempotency_key SET status = ?1, body = ?2 WHERE scope = ?3 AND idem_key = ?4",
                        List.of(provisional ? -status : status, body, scope, key))
                .replaceWithVoid();
    }

    @Override
    public Uni<Optional<Stored>> find(String scope, String key) {
        return pool.preparedQuery(
                        "SELECT request_hash, status, body, locked_until FROM idempotency_key WHERE scope = $1 AND idem_key = $2")
                .execute(Tuple.of(scope, key))
                .map(rows -> {
                    var it = rows.iterator();
                    if (!it.hasNext()) {
                        return Optional.empty();
                    }
                    var row = it.next();
                    return Optional.of(new Stored(
                            row.getString(0).trim(),
                            row.getInteger(1),
                            row.getString(2),
                            row.getOffsetDateTime(3).toInstant()));
                });
    }

    @Override
    public Uni<Void> complete(String scope, String key, UUID claimId, int status, String body) {
        return pool.preparedQuery(
                        "UPDATE idempotency_key SET status = $1, body = $2 WHERE scope = $3 AND idem_key = $4 AND claim_id = $5")
                .execute(Tuple.of(status, body, scope, key, claimId))
                .replaceWithVoid();
    }

    @Override
    public Uni<Void> storeRefusal(
            String scope, String key, String requestHash, UUID claimId, int status, String body, Instant now) {
        return pool.preparedQuery(
                        "INSERT INTO idempotency_key (scope, idem_key, request_hash, status, body, created_at, locked_until, claim_id) "
                                + "VALUES ($1, $2, $3, $4, $5, $6, $6, $7) ON CONFLICT (scope, idem_key) DO UPDATE SET status = EXCLUDED.status, body = EXCLUDED.body "
                                + "WHERE idempotency_key.claim_id = EXCLUDED.claim_id AND idempotency_key.status = 0")
                .execute(Tuple.tuple(List.of(scope, key, requestHash, status, body, utc(now), claimId)))
                .replaceWithVoid();
    }

    @Override
    public Uni<Void> release(String scope, String key, UUID claimId) {
        return pool.preparedQuery(
                        "DELETE FROM idempotency_key WHERE scope = $1 AND idem_key = $2 AND claim_id = $3 AND status = 0")
                .execute(Tuple.of(scope, key, claimId))
                .replaceWithVoid();
    }

    @Override
    public Uni<Integer> purge(Instant createdBefore, int limit) {
        return pool.preparedQuery(
                        "DELETE FROM idempotency_key WHERE (scope, idem_key) IN (SELECT scope, idem_key FROM idempotency_key "
                                + "WHERE created_at < $1 ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED)")
                .execute(Tuple.of(utc(createdBefore), limit))
                .map(rows -> rows.rowCount());
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}

package io.payguard.payment.adapter.out.persistence;

import static io.payguard.payment.adapter.out.persistence.PgPaymentStore.all;
import static io.payguard.payment.adapter.out.persistence.PgPaymentStore.first;
import static io.payguard.payment.adapter.out.persistence.PgPaymentStore.instant;
import static io.payguard.payment.adapter.out.persistence.PgPaymentStore.utc;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.payment.application.port.PaymentCodeStore;
import io.payguard.payment.domain.PaymentCode;
import io.payguard.payment.domain.risk.AuthenticationLevel;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Payment codes (table {@code payment_code}, V53) through the Hibernate Reactive session, like the intents; the misses
 * ({@code payment_code_miss}) through the reactive pool, on their own.
 */
@ApplicationScoped
public class PgPaymentCodeStore implements PaymentCodeStore {

    private static final String COLUMNS =
            "id, customer_id, key_thumbprint, funding, level, tail, created_at, expires_at, "
                    + "status, payment_id, merchant_id, used_at";

    private final Pool pool;

    public PgPaymentCodeStore(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Uni<Boolean> insert(PaymentCode c, String digest) {
        return PgPaymentStore.update(
                        "INSERT INTO payment_code (id, digest, customer_id, key_thumbprint, funding, level, tail, status, created_at, expires_at) "
                                + "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
                                + "ON CONFLICT (digest) WHERE status = 'active' DO NOTHING",
                        Arrays.asList(
                                c.id(),
                                digest,
                                c.customerId(),
                                c.keyThumbprint(),
                                c.funding().id(),
                                c.level().id(),
                                c.tail(),
                                c.status().id(),
                                utc(c.createdAt()),
                                utc(c.expiresAt())))
                .map(n -> n == 1);
    }

    @Override
    public Uni<Optional<PaymentCode>> find(String id) {
        return first("SELECT " + COLUMNS + " FROM payment_code WHERE id = ?1", List.of(id), PgPaymentCodeStore::code);
    }

    @Override
    public Uni<Optional<PaymentCode>> findByDigest(String digest) {
        return first(
                "SELECT " + COLUMNS + " FROM payment_code WHERE digest = ?1 ORDER BY created_at DESC LIMIT 1",
                List.of(digest),
                PgPaymentCodeStore::code);
    }

    @Override
    public Uni<Optional<PaymentCode>> claim(String digest, String paymentId, String merchantId, Instant now) {
        return first(
                "UPDATE payment_code SET status = 'used', payment_id = ?2, merchant_id = ?3, used_at = ?4 "
                        + "WHERE digest = ?1 AND status = 'active' AND expires_at > ?4 RETURNING " + COLUMNS,
                Arrays.asList(digest, paymentId, merchantId, utc(now)),
                PgPaymentCodeStore::code);
    }

    @Override
    public Uni<List<PaymentCode>> expireDue(Instant now, int limit) {
        return all(
                "UPDATE payment_code SET status = 'expired' WHERE id IN (SELECT id FROM payment_code "
                        + "WHERE status = 'active' AND expires_at <= ?1 ORDER BY expires_at LIMIT ?2 FOR UPDATE SKIP LOCKED) "
                        + "RETURNING " + COLUMNS,
                Arrays.asList(utc(now), limit),
                PgPaymentCodeStore::code);
    }

    @Override
    public Uni<Integer> misses(String merchantId, Instant windowStart) {
        return pool.preparedQuery("SELECT misses FROM payment_code_miss WHERE merchant_id = $1 AND window_start = $2")
                .execute(Tuple.of(merchantId, utc(windowStart)))
                .map(rows -> rows.size() == 0 ? 0 : rows.iterator().next().getInteger(0));
    }

    @Override
    public Uni<Void> recordMiss(String merchantId, Instant windowStart) {
        // windows older than a day are never read again: each miss also clears the merchant's old ones
        return pool.preparedQuery(
                        "WITH old AS (DELETE FROM payment_code_miss WHERE merchant_id = $1 AND window_start < $3) "
                                + "INSERT INTO payment_code_miss AS m (merchant_id, window_start, misses) VALUES ($1, $2, 1) "
                                + "ON CONFLICT (merchant_id, window_start) DO UPDATE SET misses = m.misses + 1")
                .execute(Tuple.of(merchantId, utc(windowStart), utc(windowStart.minus(java.time.Duration.ofDays(1)))))
                .replaceWithVoid();
    }

    private static PaymentCode code(Object[] r) {
        return new PaymentCode(
                (String) r[0],
                (String) r[1],
                (String) r[2],
                PaymentCode.Funding.parse((String) r[3]).orElseThrow(),
                AuthenticationLevel.valueOf(r[4].toString().trim()),
                r[5].toString().trim(),
                instant(r[6]),
                instant(r[7]),
                PaymentCode.Status.of((String) r[8]),
                (String) r[9],
                (String) r[10],
                r[11] == null ? null : instant(r[11]));
    }
}

package io.payguard.payment.adapter.out.persistence;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.payment.application.port.RiskStore;
import io.payguard.payment.domain.ScaChallenge;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class PgRiskStore implements RiskStore {

    private final io.vertx.mutiny.sqlclient.Pool pool;

    public PgRiskStore(io.vertx.mutiny.sqlclient.Pool pool) {
        this.pool = pool;
    }

    @Override
    public Uni<long[]> history(RiskStore.HistoryQuery q) {
        // Each part reads at most a bounded number of index entries, however long the history (V6 indexes):
        // velocity counts stop at the cap, the usual amount comes from the latest succeeded payments, and today's
        // total is one row kept by a trigger (V8). The velocity counts walk their (key, created_at) index from the
        // newest entry (ORDER BY created_at DESC): without it PostgreSQL chose a sequential scan for a key that fills
        // much of the table (one address behind a carrier NAT, or the load benchmark's 127.0.0.1) and read every
        // row of the table, 13 ms a payment after an hour of load (issue 20).
        return PgPaymentStore.select(
                        "SELECT "
                                + "(SELECT coalesce(sum(total_minor), 0) FROM customer_daily_total WHERE customer_id = ?1 AND day = ?4), "
                                + "(SELECT count(*) FROM (SELECT 1 FROM risk_assessment WHERE customer_id = ?1 AND created_at >= ?5 ORDER BY created_at DESC LIMIT ?6) c), "
                                + "(SELECT count(*) FROM (SELECT 1 FROM risk_assessment WHERE fingerprint = ?2 AND created_at >= ?5 ORDER BY created_at DESC LIMIT ?6) f), "
                                + "(SELECT count(*) FROM (SELECT 1 FROM risk_assessment WHERE ip = ?3 AND created_at >= ?5 ORDER BY created_at DESC LIMIT ?6) i), "
                                + "(SELECT coalesce(avg(amount_minor), 0)::bigint FROM (SELECT amount_minor FROM payment_intent WHERE customer_id = ?1 "
                                + "  AND status = 'succeeded' ORDER BY created_at DESC LIMIT ?7) a), "
                                + "(SELECT count(*) FROM (SELECT 1 FROM payment_intent WHERE customer_id = ?1 AND status = 'succeeded' "
                                + "  ORDER BY created_at DESC LIMIT ?7) n)",
                        Arrays.asList(
                                q.customerId() == null ? "" : q.customerId(),
                                q.fingerprint() == null ? "" : q.fingerprint(),
                                q.ip() == null ? "" : q.ip(),
                                q.dayStart().atZone(java.time.ZoneOffset.UTC).toLocalDate(),
                                PgPaymentStore.utc(q.windowStart()),
                                q.countCap(),
                                q.recentPayments()))
                .map(rows -> {
                    var r = rows.get(0);
                    long[] h = new long[6];
                    for (int i = 0; i < 6; i++) {
                        h[i] = PgPaymentStore.num(r[i]);
                    }
                    return h;
                });
    }

    @Override
    public Uni<Long> merchantToday(String merchantId, String currency, Instant dayStart) {
        return PgPaymentStore.select(
                        "SELECT coalesce(sum(total_minor), 0) FROM merchant_daily_total WHERE merchant_id = ?1 AND currency = ?2 AND day = ?3",
                        Arrays.asList(
                                merchantId,
                                currency,
                                dayStart.atZone(java.time.ZoneOffset.UTC).toLocalDate()))
                .map(rows -> {
                    // one column: Hibernate hands the value itself, not a one-element array
                    Object first = ((List<?>) rows).get(0);
                    return PgPaymentStore.num(first instanceof Object[] a ? a[0] : first);
                });
    }

    @Override
    public Uni<BarcodeToday> barcodeToday(String customerId, String currency, Instant dayStart, String paymentId) {
        // the lock first, in its own statement: the sum's snapshot then sees what a concurrent confirm committed
        return PgPaymentStore.select(
                        "SELECT 1, 2 FROM (SELECT pg_advisory_xact_lock(hashtextextended('payguard-barcode:' || ?1, 0))) l",
                        List.of(customerId))
                .chain(() -> PgPaymentStore.select(
                        "SELECT coalesce(sum(amount_minor) FILTER (WHERE channel = 'qr_static'), 0), "
                                + "coalesce(sum(amount_minor) FILTER (WHERE channel <> 'qr_static'), 0) FROM payment_intent "
                                + "WHERE customer_id = ?1 AND channel <> 'api' AND currency = ?2 AND created_at >= ?3 AND created_at < ?4 "
                                + "AND id <> ?5 AND status NOT IN ('failed', 'canceled')",
                        Arrays.asList(
                                customerId,
                                currency,
                                PgPaymentStore.utc(dayStart),
                                PgPaymentStore.utc(dayStart.plus(java.time.Duration.ofDays(1))),
                                paymentId)))
                .map(rows -> new BarcodeToday(PgPaymentStore.num(rows.get(0)[0]), PgPaymentStore.num(rows.get(0)[1])));
    }

    @Override
    public Uni<Integer> purgeDailyTotals(java.time.LocalDate before, int limit) {
        var args = io.vertx.mutiny.sqlclient.Tuple.of(before, limit);
        return pool.preparedQuery(
                        "DELETE FROM customer_daily_total WHERE (customer_id, day) IN (SELECT customer_id, day FROM customer_daily_total "
                                + "WHERE day < $1 LIMIT $2 FOR UPDATE SKIP LOCKED)")
                .execute(args)
                .map(rows -> rows.rowCount())
                .flatMap(customers -> pool.preparedQuery(
                                "DELETE FROM merchant_daily_total WHERE (merchant_id, currency, day) IN (SELECT merchant_id, "
                                        + "currency, day FROM merchant_daily_total WHERE day < $1 LIMIT $2 FOR UPDATE SKIP LOCKED)")
                        .execute(args)
                        .map(rows -> customers + rows.rowCount()));
    }

    @Override
    public Uni<Void> record(RiskStore.Assessment a) {
        return PgPaymentStore.update(
                        "INSERT INTO risk_assessment (payment_id, merchant_id, customer_id, fingerprint, ip, amount_minor, outcome, rule_ids, "
                                + "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                        Arrays.asList(
                                a.paymentId(),
                                a.merchantId(),
                                a.customerId(),
                                a.fingerprint(),
                                a.ip(),
                                a.amount(),
                                a.outcome(),
                                a.ruleIds(),
                                PgPaymentStore.utc(a.now())))
                .replaceWithVoid();
    }

    @Override
    public Uni<Optional<ScaChallenge>> challenge(String paymentId) {
        return PgPaymentStore.select(
                        "SELECT payment_id, digest, attempts, expires_at, used, challenge_id, resends, sent_at FROM sca_challenge "
                                + "WHERE payment_id = ?1",
                        List.of(paymentId))
                .map(rows -> rows.stream()
                        .findFirst()
                        .map(r -> new ScaChallenge(
                                (String) r[0],
                                (String) r[1],
                                (int) PgPaymentStore.num(r[2]),
                                PgPaymentStore.instant(r[3]),
                                (Boolean) r[4],
                                (String) r[5],
                                (int) PgPaymentStore.num(r[6]),
                                r[7] == null ? null : PgPaymentStore.instant(r[7]))));
    }

    @Override
    public Uni<Void> saveChallenge(ScaChallenge c) {
        return PgPaymentStore.update(
                        "INSERT INTO sca_challenge (payment_id, digest, attempts, expires_at, used, challenge_id, resends, sent_at) "
                                + "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
                                + "ON CONFLICT (payment_id) DO UPDATE SET digest = EXCLUDED.digest, attempts = EXCLUDED.attempts, expires_at = EXCLUDED.expires_at, "
                                + "used = EXCLUDED.used, challenge_id = EXCLUDED.challenge_id, resends = EXCLUDED.resends, sent_at = EXCLUDED.sent_at",
                        Arrays.asList(
                                c.paymentId(),
                                c.digest(),
                                c.attempts(),
                                PgPaymentStore.utc(c.expiresAt()),
                                c.used(),
                                c.id(),
                                c.resends(),
                                c.sentAt() == null ? null : PgPaymentStore.utc(c.sentAt())))
                .replaceWithVoid();
    }
}

package io.payguard.auth.webhook.adapter.out.persistence;

import static io.payguard.platform.messaging.NativeSql.utc;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.auth.webhook.application.port.DeliveryStore;
import io.payguard.auth.webhook.domain.Attempt;
import io.payguard.auth.webhook.domain.ClaimedDelivery;
import io.payguard.auth.webhook.domain.Delivery;
import io.payguard.auth.webhook.domain.EndpointMode;
import io.payguard.auth.webhook.domain.SealedSecrets;
import io.payguard.platform.messaging.NativeSql;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * {@link DeliveryStore} on {@code webhook_delivery} and {@code webhook_delivery_attempt}. The claim is one statement on
 * the reactive client (no session: it is work outside any request); everything else runs in the caller's session or
 * transaction with native SQL.
 */
@ApplicationScoped
public class SqlDeliveryStore implements DeliveryStore {

    private static final String CLAIM = "WITH due AS (SELECT d.id FROM webhook_delivery d"
            + " JOIN webhook_endpoint e ON e.id = d.endpoint_id AND e.status = 'enabled'"
            + " WHERE d.status = 'pending' AND d.next_attempt_at <= $1 AND (d.lease_until IS NULL OR d.lease_until <= $1)"
            + " ORDER BY d.next_attempt_at LIMIT $3 FOR UPDATE OF d SKIP LOCKED)"
            + " UPDATE webhook_delivery d SET lease_until = $2, lease_token = $4, attempts = d.attempts + 1"
            + " FROM due, webhook_endpoint e, webhook_event ev"
            + " WHERE d.id = due.id AND e.id = d.endpoint_id AND ev.id = d.event_id"
            + " RETURNING d.id, d.attempts, d.created_at, d.event_id, d.endpoint_id, e.merchant_id, e.mode, e.url,"
            + " e.secret_ciphertext, e.previous_secret_ciphertext, e.previous_secret_expires_at, e.secret_key_version,"
            + " ev.body";
    private static final String DELIVERY_COLUMNS = "d.id, d.endpoint_id, d.event_id, ev.type, d.status, d.attempts,"
            + " d.created_at, d.next_attempt_at, d.delivered_at";

    private final Pool pool;

    public SqlDeliveryStore(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Uni<List<ClaimedDelivery>> claimDue(Instant now, Instant leaseUntil, String leaseToken, int limit) {
        return pool.preparedQuery(CLAIM)
                .execute(Tuple.of(utc(now), utc(leaseUntil), limit, leaseToken))
                .map(rows -> {
                    var claimed = new ArrayList<ClaimedDelivery>();
                    rows.forEach(row -> claimed.add(toClaim(row, leaseToken)));
                    return claimed;
                });
    }

    @Override
    public Uni<Boolean> record(ClaimedDelivery claim, Attempt a, Next next) {
        String status;
        Instant nextAt = null;
        Instant deliveredAt = null;
        switch (next) {
            case Next.Delivered d -> {
                status = "delivered";
                deliveredAt = d.at();
            }
            case Next.RetryAt r -> {
                status = "pending";
                nextAt = r.at();
            }
            case Next.GiveUp g -> status = "failed";
        }
        List<Object> update =
                Arrays.asList(claim.deliveryId(), claim.leaseToken(), status, utc(nextAt), utc(deliveredAt));
        return NativeSql.update(
                        "INSERT INTO webhook_delivery_attempt (delivery_id, attempt, attempted_at, outcome, status_code,"
                                + " latency_ms, failure, response_excerpt) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
                                + " ON CONFLICT DO NOTHING",
                        Arrays.asList(
                                claim.deliveryId(),
                                a.number(),
                                utc(a.at()),
                                a.outcome().name().toLowerCase(Locale.ROOT),
                                a.statusCode(),
                                (int) Math.min(Integer.MAX_VALUE, a.latency().toMillis()),
                                a.failure(),
                                a.responseExcerpt()))
                .chain(() -> NativeSql.update(
                        "UPDATE webhook_delivery SET status = ?3, next_attempt_at = ?4, delivered_at = coalesce(?5,"
                                + " delivered_at), lease_until = NULL, lease_token = NULL"
                                + " WHERE id = ?1 AND lease_token = ?2 AND status = 'pending'",
                        update))
                .map(rows -> rows == 1);
    }

    @Override
    public Uni<Optional<Instant>> endpointHealth(String endpointId, boolean delivered, Instant at) {
        if (delivered) {
            return NativeSql.update(
                            "UPDATE webhook_endpoint SET failing_since = NULL WHERE id = ?1 AND failing_since IS NOT NULL",
                            List.of(endpointId))
                    .replaceWith(Optional.empty());
        }
        return NativeSql.update(
                        "UPDATE webhook_endpoint SET failing_since = ?2 WHERE id = ?1 AND failing_since IS NULL",
                        List.of(endpointId, utc(at)))
                .chain(() -> NativeSql.select(
                        "SELECT failing_since, status FROM webhook_endpoint WHERE id = ?1", List.of(endpointId)))
                .map(rows -> rows.isEmpty() || rows.get(0)[0] == null
                        ? Optional.empty()
                        : Optional.of(NativeSql.instant(rows.get(0)[0])));
    }

    @Override
    public Uni<Boolean> disableForFailing(String endpointId, Instant now) {
        return NativeSql.update(
                        "UPDATE webhook_endpoint SET status = 'disabled', disabled_reason = 'failing', updated_at = ?2"
                                + " WHERE id = ?1 AND status = 'enabled'",
                        List.of(endpointId, utc(now)))
                .map(rows -> rows == 1);
    }

    @Override
    public Uni<List<Delivery>> list(String endpointId, String startingAfter, int limit) {
        var params = new ArrayList<Object>(List.of(endpointId, limit));
        String where = "d.endpoint_id = ?1";
        if (startingAfter != null) {
            params.add(startingAfter);
            where += " AND (d.created_at, d.id) < (SELECT created_at, id FROM webhook_delivery WHERE id = ?3"
                    + " AND endpoint_id = ?1)";
        }
        return query(where, params);
    }

    @Override
    public Uni<Optional<Delivery>> find(String endpointId, String deliveryId) {
        return query("d.endpoint_id = ?1 AND d.id = ?3", List.of(endpointId, 1, deliveryId))
                .map(found -> found.stream().findFirst());
    }

    @Override
    public Uni<Optional<Boolean>> redeliver(String endpointId, String deliveryId, Instant now) {
        return NativeSql.select(
                        "SELECT status, lease_until FROM webhook_delivery WHERE id = ?1 AND endpoint_id = ?2 FOR UPDATE",
                        List.of(deliveryId, endpointId))
                .flatMap(rows -> {
                    if (rows.isEmpty() || "canceled".equals(rows.get(0)[0])) {
                        return Uni.createFrom().item(Optional.empty());
                    }
                    boolean inFlight = "pending".equals(rows.get(0)[0])
                            && rows.get(0)[1] != null
                            && NativeSql.instant(rows.get(0)[1]).isAfter(now);
                    if (inFlight) {
                        return Uni.createFrom().item(Optional.of(false));
                    }
                    return NativeSql.update(
                                    "UPDATE webhook_delivery SET status = 'pending', next_attempt_at = ?2,"
                                            + " lease_until = NULL, lease_token = NULL WHERE id = ?1",
                                    List.of(deliveryId, utc(now)))
                            .replaceWith(Optional.of(true));
                });
    }

    @Override
    public Uni<Long> pending() {
        return pool.query("SELECT count(*) FROM webhook_delivery WHERE status = 'pending'")
                .execute()
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** Deliveries matching {@code where} (over {@code d}, with {@code ?2} the limit), newest first, with their attempts. */
    private Uni<List<Delivery>> query(String where, List<Object> params) {
        String page = " FROM webhook_delivery d JOIN webhook_event ev ON ev.id = d.event_id WHERE " + where
                + " ORDER BY d.created_at DESC, d.id DESC LIMIT ?2";
        return NativeSql.select("SELECT " + DELIVERY_COLUMNS + page, params)
                .flatMap(rows -> NativeSql.select(
                                "SELECT delivery_id, attempt, attempted_at, outcome, status_code, latency_ms, failure,"
                                        + " response_excerpt FROM webhook_delivery_attempt WHERE delivery_id IN (SELECT d.id"
                                        + page + ") ORDER BY delivery_id, attempt",
                                params)
                        .map(attempts -> {
                            Map<String, List<Attempt>> log = new HashMap<>();
                            for (Object[] a : attempts) {
                                log.computeIfAbsent((String) a[0], k -> new ArrayList<>())
                                        .add(toAttempt(a));
                            }
                            return rows.stream()
                                    .map(r -> toDelivery(r, log.getOrDefault((String) r[0], List.of())))
                                    .toList();
                        }));
    }

    private static Delivery toDelivery(Object[] r, List<Attempt> log) {
        return new Delivery(
                (String) r[0],
                (String) r[1],
                (String) r[2],
                (String) r[3],
                Delivery.Status.valueOf(((String) r[4]).toUpperCase(Locale.ROOT)),
                ((Number) r[5]).intValue(),
                NativeSql.instant(r[6]),
                r[7] == null ? null : NativeSql.instant(r[7]),
                r[8] == null ? null : NativeSql.instant(r[8]),
                log);
    }

    private static Attempt toAttempt(Object[] a) {
        return new Attempt(
                ((Number) a[1]).intValue(),
                NativeSql.instant(a[2]),
                Attempt.Outcome.valueOf(((String) a[3]).toUpperCase(Locale.ROOT)),
                ((Number) a[4]).intValue(),
                Duration.ofMillis(((Number) a[5]).longValue()),
                (String) a[6],
                (String) a[7]);
    }

    private static ClaimedDelivery toClaim(Row row, String token) {
        var previousExpiry = row.getOffsetDateTime("previous_secret_expires_at");
        return new ClaimedDelivery(
                row.getString("id"),
                token,
                row.getInteger("attempts"),
                row.getOffsetDateTime("created_at").toInstant(),
                row.getString("event_id"),
                row.getString("endpoint_id"),
                row.getString("merchant_id"),
                EndpointMode.valueOf(row.getString("mode").toUpperCase(Locale.ROOT)),
                row.getString("url"),
                new SealedSecrets(
                        row.getString("secret_ciphertext"),
                        row.getString("previous_secret_ciphertext"),
                        previousExpiry == null ? null : previousExpiry.toInstant(),
                        row.getInteger("secret_key_version")),
                row.getString("body"));
    }
}

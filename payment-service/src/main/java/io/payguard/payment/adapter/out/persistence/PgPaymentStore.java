package io.payguard.payment.adapter.out.persistence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.payguard.kernel.Money;
import io.payguard.payment.application.port.PaymentStore;
import io.payguard.payment.domain.CaptureMethod;
import io.payguard.payment.domain.CardAuthentication;
import io.payguard.payment.domain.MethodType;
import io.payguard.payment.domain.PaymentChannel;
import io.payguard.payment.domain.PaymentIntent;
import io.payguard.payment.domain.PaymentState;
import io.payguard.payment.domain.PaymentState.Processing;
import io.payguard.payment.domain.Refund;
import io.smallrye.mutiny.Uni;

/**
 * Payment intents on PostgreSQL through the Hibernate Reactive session (so they share the transaction with the
 * outbox). The sealed state is flattened into {@code status} plus the columns that state carries.
 */
@ApplicationScoped
public class PgPaymentStore implements PaymentStore {

    private static final String COLUMNS =
            "id, merchant_id, customer_id, amount_minor, currency, description, method, capture_method, metadata, "
                    + "status, step, authorization_ref, state_amount, reason, refunded_minor, created_at, updated_at, seq, action_ref, authentication_value, "
                    + "authentication_eci, review, channel, risk_rules";
    private static final TypeReference<Map<String, String>> METADATA = new TypeReference<>() {};

    private final ObjectMapper json;

    public PgPaymentStore(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public Uni<Void> insert(PaymentIntent p) {
        var s = Flat.of(p.state());
        return update(
                        "INSERT INTO payment_intent (id, merchant_id, customer_id, amount_minor, currency, description, method, capture_method, metadata, "
                                + "status, step, authorization_ref, state_amount, reason, refunded_minor, created_at, updated_at, action_ref, authentication_value, "
                                + "authentication_eci, review, channel, risk_rules) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23)",
                        Arrays.asList(
                                p.id(),
                                p.merchantId(),
                                p.customerId(),
                                p.amount().minor(),
                                p.amount().currencyCode(),
                                p.description(),
                                p.method() == null ? null : p.method().id(),
                                p.captureMethod().id(),
                                metadata(p.metadata()),
                                p.status(),
                                s.step,
                                s.authorization,
                                s.amount,
                                s.reason,
                                p.refunded(),
                                utc(p.createdAt()),
                                utc(p.updatedAt()),
                                s.actionRef,
                                s.authValue,
                                s.eci,
                                s.review,
                                p.channel().id(),
                                s.riskRules))
                .replaceWithVoid();
    }

    @Override
    public Uni<Void> update(PaymentIntent p) {
        var s = Flat.of(p.state());
        return update(
                        "UPDATE payment_intent SET method = ?1, status = ?2, step = ?3, authorization_ref = ?4, state_amount = ?5, reason = ?6, "
                                + "refunded_minor = ?7, updated_at = ?8, action_ref = ?10, authentication_value = ?11, authentication_eci = ?12, review = ?13, customer_id = ?14, risk_rules = ?15 WHERE id = ?9",
                        Arrays.asList(
                                p.method() == null ? null : p.method().id(),
                                p.status(),
                                s.step,
                                s.authorization,
                                s.amount,
                                s.reason,
                                p.refunded(),
                                utc(p.updatedAt()),
                                p.id(),
                                s.actionRef,
                                s.authValue,
                                s.eci,
                                s.review,
                                p.customerId(),
                                s.riskRules))
                .invoke(n -> {
                    if (n != 1) {
                        throw new IllegalStateException("payment intent " + p.id() + " vanished");
                    }
                })
                .replaceWithVoid();
    }

    @Override
    public Uni<Optional<PaymentIntent>> find(String id) {
        return intentOf("SELECT " + COLUMNS + " FROM payment_intent WHERE id = ?1", List.of(id));
    }

    @Override
    public Uni<Optional<PaymentIntent>> lock(String id) {
        return intentOf("SELECT " + COLUMNS + " FROM payment_intent WHERE id = ?1 FOR UPDATE", List.of(id));
    }

    @Override
    public Uni<List<Listed>> list(ListQuery q) {
        var sql = new StringBuilder("SELECT " + COLUMNS + " FROM payment_intent WHERE merchant_id = ?1");
        var params = new ArrayList<Object>(List.of(q.merchantId()));
        if (q.status() != null) {
            params.add(q.status());
            sql.append(" AND status = ?").append(params.size());
        }
        if (q.customerId() != null) {
            params.add(q.customerId());
            sql.append(" AND customer_id = ?").append(params.size());
        }
        if (q.createdFrom() != null) {
            params.add(utc(q.createdFrom()));
            sql.append(" AND created_at >= ?").append(params.size());
        }
        if (q.createdTo() != null) {
            params.add(utc(q.createdTo()));
            sql.append(" AND created_at < ?").append(params.size());
        }
        if (q.beforeSeq() != null) {
            params.add(q.beforeSeq());
            sql.append(" AND seq < ?").append(params.size());
        }
        sql.append(" ORDER BY seq DESC LIMIT ").append(q.limit());
        return select(sql.toString(), params)
                .map(rows -> rows.stream()
                        .map(r -> new Listed(intent(r), num(r[17])))
                        .toList());
    }

    @Override
    public Uni<Void> attachCard(String paymentId, String tokenId) {
        return update("UPDATE payment_intent SET card_token = ?1 WHERE id = ?2", List.of(tokenId, paymentId))
                .replaceWithVoid();
    }

    @Override
    public Uni<java.util.Optional<String>> attachedCard(String paymentId) {
        // a second column keeps the row an Object[] (one native column comes back as the bare value)
        return select("SELECT card_token, 0 FROM payment_intent WHERE id = ?1", List.of(paymentId))
                .map(rows -> rows.stream().findFirst().map(r -> (String) r[0]));
    }

    // the predicate of payment_intent_card_processing_idx (V7): parked payments are not even read
    private static final String STALE_CARD = "status = 'processing' AND method = 'card' AND recovery_parked_at IS NULL";

    @Override
    public Uni<List<String>> staleCardPayments(Instant updatedBefore, int limit) {
        return ids(
                "SELECT id, updated_at FROM payment_intent WHERE " + STALE_CARD + " AND updated_at < ?1 "
                        + "ORDER BY updated_at LIMIT " + limit,
                List.of(utc(updatedBefore)));
    }

    @Override
    public Uni<Optional<PaymentIntent>> lockIfStale(String id, Instant updatedBefore) {
        return intentOf(
                "SELECT " + COLUMNS + " FROM payment_intent WHERE id = ?1 AND " + STALE_CARD + " AND updated_at < ?2 "
                        + "FOR UPDATE SKIP LOCKED",
                List.of(id, utc(updatedBefore)));
    }

    @Override
    public Uni<Boolean> recoveryUnresolved(String id, int maxAttempts, Instant now) {
        return recoveryUnresolved("payment_intent", id, maxAttempts, now);
    }

    @Override
    public Uni<Parked> parkedByRecovery() {
        // each count reads a partial index that is normally empty (payment_intent_recovery_parked_idx V7,
        // refund_recovery_parked_idx V9)
        return select(
                        "SELECT (SELECT count(*) FROM payment_intent WHERE status = 'processing' AND recovery_parked_at IS NOT NULL), "
                                + "(SELECT count(*) FROM refund WHERE status = 'pending' AND recovery_parked_at IS NOT NULL)",
                        List.of())
                .map(rows -> rows.isEmpty() ? new Parked(0, 0) : new Parked(num(rows.get(0)[0]), num(rows.get(0)[1])));
    }

    // the predicate of refund_pending_idx (V9): parked refunds are not even read
    private static final String STALE_REFUND = "r.status = 'pending' AND r.recovery_parked_at IS NULL";

    @Override
    public Uni<List<String>> staleCardRefunds(Instant createdBefore, int limit) {
        return ids(
                "SELECT r.id, r.created_at FROM refund r JOIN payment_intent p ON p.id = r.payment_id WHERE "
                        + STALE_REFUND + " "
                        + "AND r.created_at < ?1 AND p.method = 'card' ORDER BY r.created_at LIMIT " + limit,
                List.of(utc(createdBefore)));
    }

    @Override
    public Uni<Optional<PaymentIntent>> lockForStaleRefund(String refundId, Instant createdBefore) {
        return intentOf(
                "SELECT " + COLUMNS
                        + " FROM payment_intent WHERE method = 'card' AND id = (SELECT r.payment_id FROM refund r WHERE r.id = ?1 "
                        + "AND " + STALE_REFUND + " AND r.created_at < ?2) FOR UPDATE SKIP LOCKED",
                List.of(refundId, utc(createdBefore)));
    }

    @Override
    public Uni<Boolean> refundRecoveryUnresolved(String refundId, int maxAttempts, Instant now) {
        return recoveryUnresolved("refund", refundId, maxAttempts, now);
    }

    /** Payments and refunds alike: {@code recovery_attempts} and {@code recovery_parked_at} (V7, V9) on {@code table}. */
    private static Uni<Boolean> recoveryUnresolved(String table, String id, int maxAttempts, Instant now) {
        // the right-hand sides read the old row: recovery_attempts + 1 is the count including this round. A row parked
        // already (a refund is read before its payment is locked, so another replica may have parked it in between)
        // is left as it is, and this round did not park it.
        return select(
                        "UPDATE " + table + " SET recovery_attempts = recovery_attempts + 1, recovery_parked_at = "
                                + "CASE WHEN recovery_attempts + 1 >= CAST(?1 AS INT) THEN CAST(?2 AS TIMESTAMPTZ) ELSE NULL END "
                                + "WHERE id = ?3 AND recovery_parked_at IS NULL RETURNING recovery_attempts, recovery_parked_at",
                        Arrays.asList(maxAttempts, utc(now), id))
                .map(rows -> rows.stream().findFirst().map(r -> r[1] != null).orElse(false));
    }

    @Override
    public Uni<Void> insertRefund(Refund r) {
        return update(
                        "INSERT INTO refund (id, payment_id, amount_minor, currency, status, reason, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                        Arrays.asList(
                                r.id(),
                                r.paymentId(),
                                r.amount().minor(),
                                r.amount().currencyCode(),
                                r.status().id(),
                                r.reasonCode(),
                                utc(r.createdAt())))
                .replaceWithVoid();
    }

    @Override
    public Uni<Void> updateRefund(Refund r) {
        return update(
                        "UPDATE refund SET status = ?1, reason = ?2 WHERE id = ?3",
                        Arrays.asList(r.status().id(), r.reasonCode(), r.id()))
                .replaceWithVoid();
    }

    @Override
    public Uni<Optional<Refund>> findRefund(String id) {
        return select(
                        "SELECT id, payment_id, amount_minor, currency, status, reason, created_at FROM refund WHERE id = ?1",
                        List.of(id))
                .map(rows -> rows.stream().findFirst().map(PgPaymentStore::refund));
    }

    @Override
    public Uni<List<Refund>> refundsOf(String paymentId) {
        return select(
                        "SELECT id, payment_id, amount_minor, currency, status, reason, created_at FROM refund WHERE payment_id = ?1 ORDER BY created_at, id",
                        List.of(paymentId))
                .map(rows -> rows.stream().map(PgPaymentStore::refund).toList());
    }

    @Override
    public Uni<Void> recordCommand(
            String id, String paymentId, String type, String payload, Instant now, Instant resendAfter) {
        return update(
                        "INSERT INTO wallet_command (id, payment_id, type, payload, created_at, resend_after) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                        List.of(UUID.fromString(id), paymentId, type, payload, utc(now), utc(resendAfter)))
                .replaceWithVoid();
    }

    @Override
    public Uni<Optional<String>> answered(String commandId, Instant now) {
        UUID id;
        try {
            id = UUID.fromString(commandId);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().item(Optional.empty());
        }
        return select(
                        "UPDATE wallet_command SET answered_at = COALESCE(answered_at, ?1) WHERE id = ?2 RETURNING type, payment_id",
                        List.of(utc(now), id))
                .map(rows -> rows.stream().findFirst().map(r -> (String) r[0]));
    }

    private PaymentIntent intent(Object[] r) {
        var currency = ((String) r[4]).trim();
        var amount = Money.of(num(r[3]), currency);
        var state = state(
                (String) r[9],
                new Flat(
                        (String) r[10],
                        (String) r[11],
                        num(r[12]),
                        (String) r[13],
                        (String) r[18],
                        (String) r[19],
                        r[20] == null ? null : ((String) r[20]).trim(),
                        Boolean.TRUE.equals(r[21]),
                        (String) r[23]));
        return new PaymentIntent(
                (String) r[0],
                (String) r[1],
                (String) r[2],
                amount,
                (String) r[5],
                r[6] == null ? null : MethodType.parse((String) r[6]).orElseThrow(),
                CaptureMethod.parse((String) r[7]).orElseThrow(),
                metadata((String) r[8]),
                state,
                num(r[14]),
                instant(r[15]),
                instant(r[16]),
                PaymentChannel.parse((String) r[22]).orElseThrow());
    }

    /** The state a row's {@code status} and its stored columns describe (the inverse of {@link Flat#of}). */
    private static PaymentState state(String status, Flat f) {
        return switch (status) {
            case "requires_payment_method" -> new PaymentState.RequiresPaymentMethod();
            case "requires_confirmation" ->
                new PaymentState.RequiresConfirmation(
                        f.authValue() == null ? null : new CardAuthentication(f.authValue(), f.eci()));
            case "requires_action" -> new PaymentState.RequiresAction(f.actionRef(), f.review());
            case "processing" ->
                new Processing(Processing.Step.valueOf(f.step()), f.authorization(), f.amount(), f.review());
            case "requires_capture" -> new PaymentState.RequiresCapture(f.authorization(), f.amount());
            case "requires_review" -> new PaymentState.RequiresReview(f.authorization(), f.amount());
            case "succeeded" -> new PaymentState.Succeeded(f.authorization(), f.amount());
            case "canceled" -> new PaymentState.Canceled(f.reason());
            case "failed" ->
                new PaymentState.Failed(
                        f.reason(),
                        f.riskRules() == null || f.riskRules().isEmpty()
                                ? List.of()
                                : List.of(f.riskRules().split(",")));
            default -> throw new IllegalStateException("unknown payment status " + status);
        };
    }

    private record Flat(
            String step,
            String authorization,
            long amount,
            String reason,
            String actionRef,
            String authValue,
            String eci,
            boolean review,
            String riskRules) {
        Flat(String step, String authorization, long amount, String reason) {
            this(step, authorization, amount, reason, null, null, null, false);
        }

        Flat(
                String step,
                String authorization,
                long amount,
                String reason,
                String actionRef,
                String authValue,
                String eci,
                boolean review) {
            this(step, authorization, amount, reason, actionRef, authValue, eci, review, null);
        }

        static Flat of(PaymentState state) {
            return switch (state) {
                case Processing p ->
                    new Flat(p.step().name(), p.authorization(), p.amount(), null, null, null, null, p.review());
                case PaymentState.RequiresCapture r -> new Flat(null, r.authorization(), r.capturable(), null);
                case PaymentState.RequiresReview r -> new Flat(null, r.authorization(), r.amount(), null);
                case PaymentState.Succeeded s -> new Flat(null, s.authorization(), s.captured(), null);
                case PaymentState.Canceled c -> new Flat(null, null, 0, c.reason());
                case PaymentState.Failed f ->
                    new Flat(
                            null,
                            null,
                            0,
                            f.reasonCode(),
                            null,
                            null,
                            null,
                            false,
                            f.riskRules().isEmpty() ? null : String.join(",", f.riskRules()));
                case PaymentState.RequiresAction a ->
                    new Flat(null, null, 0, null, a.challengeId(), null, null, a.review());
                case PaymentState.RequiresConfirmation c
                when c.authentication() != null ->
                    new Flat(
                            null,
                            null,
                            0,
                            null,
                            null,
                            c.authentication().value(),
                            c.authentication().eci(),
                            false);
                default -> new Flat(null, null, 0, null);
            };
        }
    }

    private static Refund refund(Object[] r) {
        return new Refund(
                (String) r[0],
                (String) r[1],
                Money.of(num(r[2]), ((String) r[3]).trim()),
                Refund.Status.valueOf(((String) r[4]).toUpperCase(java.util.Locale.ROOT)),
                (String) r[5],
                instant(r[6]));
    }

    private String metadata(Map<String, String> metadata) {
        try {
            return json.writeValueAsString(metadata);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, String> metadata(String text) {
        try {
            return json.readValue(text, METADATA);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The intent the query's first row holds, if any. */
    private Uni<Optional<PaymentIntent>> intentOf(String sql, List<?> params) {
        return first(sql, params, this::intent);
    }

    /** The ids in the first column of the query's rows. */
    static Uni<List<String>> ids(String sql, List<?> params) {
        return all(sql, params, r -> (String) r[0]);
    }

    /** The query's first row, read by {@code row}, if any. */
    static <T> Uni<Optional<T>> first(String sql, List<?> params, Function<Object[], T> row) {
        return select(sql, params).map(rows -> rows.stream().findFirst().map(row));
    }

    /** Every row of the query, read by {@code row}. */
    static <T> Uni<List<T>> all(String sql, List<?> params, Function<Object[], T> row) {
        return select(sql, params).map(rows -> rows.stream().map(row).toList());
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static long num(Object o) {
        return ((Number) o).longValue();
    }

    static Instant instant(Object o) {
        return io.payguard.platform.messaging.NativeSql.instant(o);
    }

    static Uni<List<Object[]>> select(String sql, List<?> params) {
        return io.payguard.platform.messaging.NativeSql.select(sql, params);
    }

    static Uni<Integer> update(String sql, List<?> params) {
        return io.payguard.platform.messaging.NativeSql.update(sql, params);
    }
}

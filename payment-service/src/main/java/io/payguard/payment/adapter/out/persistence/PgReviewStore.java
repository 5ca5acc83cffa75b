package io.payguard.payment.adapter.out.persistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.payguard.kernel.Money;
import io.payguard.payment.application.port.ReviewStore;
import io.payguard.payment.domain.risk.RiskDecision;
import io.smallrye.mutiny.Uni;

/** Risk reviews in {@code payment_review} (V30), in the caller's Hibernate Reactive session (so they commit with the payment's change). */
@ApplicationScoped
public class PgReviewStore implements ReviewStore {

    private record StoredFinding(String id, String outcome, String reason) {}

    private static final TypeReference<List<StoredFinding>> FINDINGS = new TypeReference<>() {};
    // the predicate of the partial indexes payment_review_queue_idx and payment_review_expiry_idx (V30)
    private static final String OPEN = "r.opened_at IS NOT NULL AND r.closed_at IS NULL";

    private final ObjectMapper json;

    public PgReviewStore(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public Uni<Void> requested(
            String paymentId,
            String merchantId,
            List<RiskDecision.Finding> findings,
            Instant requestedAt,
            Instant expiresAt) {
        return PgPaymentStore.update(
                        "INSERT INTO payment_review (payment_id, merchant_id, findings, requested_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5) "
                                + "ON CONFLICT (payment_id) DO UPDATE SET findings = EXCLUDED.findings",
                        List.of(
                                paymentId,
                                merchantId,
                                write(findings),
                                PgPaymentStore.utc(requestedAt),
                                PgPaymentStore.utc(expiresAt)))
                .replaceWithVoid();
    }

    @Override
    public Uni<Void> opened(String paymentId, Instant now) {
        return PgPaymentStore.update(
                        "UPDATE payment_review SET opened_at = COALESCE(opened_at, ?1) WHERE payment_id = ?2",
                        List.of(PgPaymentStore.utc(now), paymentId))
                .replaceWithVoid();
    }

    @Override
    public Uni<Void> closed(String paymentId, String outcome, String reviewer, String reason, Instant now) {
        return PgPaymentStore.update(
                        "UPDATE payment_review SET closed_at = ?1, outcome = ?2, reviewer = ?3, reason = ?4 WHERE payment_id = ?5 "
                                + "AND closed_at IS NULL",
                        Arrays.asList(PgPaymentStore.utc(now), outcome, reviewer, reason, paymentId))
                .replaceWithVoid();
    }

    @Override
    public Uni<List<Queued>> queue(Instant afterOpenedAt, String afterPaymentId, int limit) {
        var params = new ArrayList<Object>();
        var sql = new StringBuilder(
                "SELECT r.payment_id, r.merchant_id, p.amount_minor, p.currency, p.method, p.capture_method, r.findings, "
                        + "r.requested_at, r.opened_at, r.expires_at FROM payment_review r JOIN payment_intent p ON p.id = r.payment_id "
                        + "WHERE " + OPEN + " AND p.status = 'requires_review'");
        if (afterOpenedAt != null) {
            params.add(PgPaymentStore.utc(afterOpenedAt));
            params.add(afterPaymentId);
            sql.append(" AND (r.opened_at, r.payment_id) > (?1, ?2)");
        }
        sql.append(" ORDER BY r.opened_at, r.payment_id LIMIT ").append(limit);
        return PgPaymentStore.select(sql.toString(), params)
                .map(rows -> rows.stream()
                        .map(r -> new Queued(
                                (String) r[0],
                                (String) r[1],
                                Money.of(PgPaymentStore.num(r[2]), ((String) r[3]).trim()),
                                (String) r[4],
                                (String) r[5],
                                read((String) r[6]),
                                PgPaymentStore.instant(r[7]),
                                PgPaymentStore.instant(r[8]),
                                PgPaymentStore.instant(r[9])))
                        .toList());
    }

    @Override
    public Uni<List<String>> expired(Instant now, int limit) {
        return PgPaymentStore.select(
                        "SELECT r.payment_id, r.expires_at FROM payment_review r WHERE " + OPEN
                                + " AND r.expires_at <= ?1 " + "ORDER BY r.expires_at LIMIT " + limit,
                        List.of(PgPaymentStore.utc(now)))
                .map(rows -> rows.stream().map(r -> (String) r[0]).toList());
    }

    @Override
    public Uni<Boolean> lockIfExpired(String paymentId, Instant now) {
        // a second column keeps the row an Object[]
        return PgPaymentStore.select(
                        "SELECT p.id, p.status FROM payment_intent p JOIN payment_review r ON r.payment_id = p.id WHERE p.id = ?1 "
                                + "AND p.status = 'requires_review' AND " + OPEN
                                + " AND r.expires_at <= ?2 FOR UPDATE OF p SKIP LOCKED",
                        List.of(paymentId, PgPaymentStore.utc(now)))
                .map(rows -> !rows.isEmpty());
    }

    private String write(List<RiskDecision.Finding> findings) {
        try {
            return json.writeValueAsString(findings.stream()
                    .map(f -> new StoredFinding(f.ruleId(), f.outcome().id(), f.reason()))
                    .toList());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<RiskDecision.Finding> read(String text) {
        try {
            return json.readValue(text, FINDINGS).stream()
                    .map(f -> new RiskDecision.Finding(
                            f.id(),
                            RiskDecision.Outcome.valueOf(f.outcome().toUpperCase(java.util.Locale.ROOT)),
                            f.reason()))
                    .toList();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

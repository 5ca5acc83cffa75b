package io.payguard.payment.adapter.out.persistence;

import static io.payguard.platform.messaging.NativeSql.instant;
import static io.payguard.platform.messaging.NativeSql.select;
import static io.payguard.platform.messaging.NativeSql.update;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.payment.application.port.PrivacyStore;
import io.payguard.platform.protection.privacy.HeldRecords;
import io.smallrye.mutiny.Uni;

/**
 * The payment service's records about a data subject (export, erasure) and, as the platform's {@link HeldRecords}, the
 * deletion of pseudonymised records whose retention hold has ended (run by the platform's {@code PrivacyHoldEnd}).
 */
@ApplicationScoped
public class PgPrivacyStore implements PrivacyStore, HeldRecords {

    private static final String INTENTS = "SELECT id FROM payment_intent WHERE customer_id = ?1";

    /** Each export section: its name, its query (?1 = the subject) and its field names in column order. */
    private record Section(String name, String sql, List<String> fields) {}

    private static final List<Section> SECTIONS = List.of(
            new Section(
                    "payments",
                    "SELECT id, amount_minor, currency, merchant_id, status, channel, method, created_at FROM payment_intent "
                            + "WHERE customer_id = ?1 ORDER BY created_at, id",
                    List.of("id", "amount", "currency", "merchant", "status", "channel", "method", "createdAt")),
            new Section(
                    "refunds",
                    "SELECT r.id, r.payment_id, r.amount_minor, r.currency, r.status, r.created_at FROM refund r "
                            + "JOIN payment_intent p ON p.id = r.payment_id WHERE p.customer_id = ?1 ORDER BY r.created_at, r.id",
                    List.of("id", "payment", "amount", "currency", "status", "createdAt")),
            new Section(
                    "cards",
                    "SELECT id, brand, last4, lpad(exp_month::text, 2, '0') || '/' || exp_year, created_at FROM card_token "
                            + "WHERE owner = ?1 ORDER BY created_at, id",
                    List.of("id", "brand", "last4", "exp", "createdAt")),
            new Section(
                    "bankAccounts",
                    "SELECT id, bank_code, last4, status, created_at FROM bank_account WHERE owner = ?1 ORDER BY created_at, id",
                    List.of("id", "bankCode", "last4", "status", "createdAt")),
            new Section(
                    "payouts",
                    "SELECT id, amount_minor, currency, status, bank_account_id, created_at FROM payout WHERE customer_id = ?1 "
                            + "ORDER BY created_at, id",
                    List.of("id", "amount", "currency", "status", "bankAccount", "createdAt")),
            new Section(
                    "authenticators",
                    "SELECT id, name, status, created_at, last_used_at FROM authenticator WHERE customer_id = ?1 "
                            + "ORDER BY created_at, id",
                    List.of("id", "name", "status", "createdAt", "lastUsedAt")),
            new Section(
                    "paymentCodes",
                    "SELECT id, status, created_at FROM payment_code WHERE customer_id = ?1 ORDER BY created_at, id",
                    List.of("id", "status", "createdAt")));

    @Override
    public Uni<Map<String, List<Map<String, Object>>>> export(String subject) {
        Uni<Map<String, List<Map<String, Object>>>> result = Uni.createFrom().item(new LinkedHashMap<>());
        for (var section : SECTIONS) {
            result = result.flatMap(sections -> select(section.sql(), List.of(subject))
                    .map(rows -> {
                        sections.put(
                                section.name(),
                                rows.stream().map(r -> row(section.fields(), r)).toList());
                        return sections;
                    }));
        }
        return result;
    }

    private static Map<String, Object> row(List<String> fields, Object[] values) {
        var row = new LinkedHashMap<String, Object>();
        for (int i = 0; i < fields.size(); i++) {
            row.put(fields.get(i), value(values[i]));
        }
        return row;
    }

    private static Object value(Object v) {
        return switch (v) {
            case null -> null;
            case String s -> s.trim();
            case Number n -> n.longValue();
            case Boolean b -> b;
            default -> instant(v).toString();
        };
    }

    @Override
    public Uni<Long> inProgress(String subject) {
        return count(
                "SELECT (SELECT count(*) FROM payment_intent WHERE customer_id = ?1 "
                        + "AND status IN ('processing', 'requires_capture', 'requires_review')) "
                        + "+ (SELECT count(*) FROM refund WHERE status = 'pending' AND payment_id IN (" + INTENTS
                        + ")) "
                        + "+ (SELECT count(*) FROM payout WHERE customer_id = ?1 "
                        + "AND status IN ('requested', 'held', 'sent', 'settling')), 0",
                List.of(subject));
    }

    private static Uni<Long> count(String sql, List<?> params) {
        return select(sql, params).map(rows -> ((Number) rows.getFirst()[0]).longValue());
    }

    @Override
    public Uni<ErasureCounts> erase(String subject, String pseudonym) {
        var s = List.of(subject);
        var both = List.of(subject, pseudonym);
        var counts = new long[8];
        return update(
                        "UPDATE payment_intent SET card_token = NULL WHERE card_token IN (SELECT id FROM card_token WHERE owner = ?1)",
                        s)
                .flatMap(x -> update("DELETE FROM card_token WHERE owner = ?1", s))
                .invoke(n -> counts[0] = n)
                .flatMap(x -> update(
                        "UPDATE bank_account SET owner = ?2, key_subject = ?2, number_enc = '', holder_enc = '', "
                                + "status = 'removed' WHERE owner = ?1",
                        both))
                .invoke(n -> counts[1] = n)
                .flatMap(x -> update("DELETE FROM authenticator_registration WHERE customer_id = ?1", s))
                .flatMap(x -> update("DELETE FROM authenticator WHERE customer_id = ?1", s))
                .invoke(n -> counts[2] = n)
                .flatMap(x -> update("DELETE FROM payment_code WHERE customer_id = ?1", s))
                .invoke(n -> counts[3] = n)
                .flatMap(x -> update("DELETE FROM sca_challenge WHERE payment_id IN (" + INTENTS + ")", s))
                .invoke(n -> counts[4] = n)
                .flatMap(x -> update("DELETE FROM sca_device_challenge WHERE payment_id IN (" + INTENTS + ")", s))
                .invoke(n -> counts[4] += n)
                .flatMap(x -> count("SELECT count(*), 0 FROM refund WHERE payment_id IN (" + INTENTS + ")", s))
                .invoke(n -> counts[6] = n)
                .flatMap(x -> pseudonymise(both, counts))
                .map(x -> new ErasureCounts(
                        counts[0], counts[1], counts[2], counts[3], counts[4], counts[5], counts[6], counts[7]));
    }

    private static Uni<Integer> pseudonymise(List<String> both, long[] counts) {
        return update("UPDATE payment_intent SET customer_id = ?2 WHERE customer_id = ?1", both)
                .invoke(n -> counts[5] = n)
                .flatMap(x -> update("UPDATE payout SET customer_id = ?2 WHERE customer_id = ?1", both))
                .invoke(n -> counts[7] = n)
                .flatMap(x -> update("UPDATE top_up SET customer_id = ?2 WHERE customer_id = ?1", both))
                .flatMap(x -> update(
                        "UPDATE risk_assessment SET customer_id = ?2, ip = NULL, fingerprint = NULL WHERE customer_id = ?1",
                        both))
                .flatMap(x -> update("DELETE FROM customer_daily_total WHERE customer_id = ?1", both.subList(0, 1)));
    }

    /** Deletes every record held under the pseudonym (intents with their refunds and dependants, payouts, bank accounts). */
    @Override
    public Uni<Long> deleteHeld(String pseudonym) {
        var p = List.of(pseudonym);
        var deleted = new long[] {0};
        Uni<Integer> chain = update("UPDATE qr_code SET payment_id = NULL WHERE payment_id IN (" + INTENTS + ")", p);
        for (String table : List.of(
                "refund",
                "sca_challenge",
                "sca_device_challenge",
                "payment_review",
                "top_up",
                "payment_client_secret")) {
            chain = chain.flatMap(x -> update("DELETE FROM " + table + " WHERE payment_id IN (" + INTENTS + ")", p))
                    .invoke(n -> deleted[0] += n);
        }
        for (String statement : List.of(
                "DELETE FROM risk_assessment WHERE customer_id = ?1",
                "DELETE FROM payout WHERE customer_id = ?1",
                "DELETE FROM bank_account WHERE owner = ?1",
                "DELETE FROM payment_intent WHERE customer_id = ?1")) {
            chain = chain.flatMap(x -> update(statement, p)).invoke(n -> deleted[0] += n);
        }
        return chain.map(x -> deleted[0]);
    }
}

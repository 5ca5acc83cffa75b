package io.payguard.payment.adapter.out.persistence;

import static io.payguard.payment.adapter.out.persistence.PgPaymentStore.first;
import static io.payguard.payment.adapter.out.persistence.PgPaymentStore.instant;
import static io.payguard.payment.adapter.out.persistence.PgPaymentStore.utc;

import java.time.Instant;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.kernel.Money;
import io.payguard.payment.application.port.QrCodeStore;
import io.payguard.payment.domain.qr.QrCode;
import io.smallrye.mutiny.Uni;

/** QR codes in {@code qr_code} (V51) through the Hibernate Reactive session, like the intents. */
@ApplicationScoped
public class PgQrCodeStore implements QrCodeStore {

    private static final String COLUMNS = "id, merchant_id, type, status, reference, payload, payment_id, amount_minor,"
            + " currency, label, expires_at, created_at, updated_at";

    @Override
    public Uni<Void> insert(QrCode c) {
        return PgPaymentStore.update(
                        "INSERT INTO qr_code (" + COLUMNS
                                + ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                        Arrays.asList(
                                c.id(),
                                c.merchantId(),
                                c.type().id(),
                                c.status().id(),
                                c.reference(),
                                c.payload(),
                                c.paymentId(),
                                c.amount() == null ? null : c.amount().minor(),
                                c.currency().getCurrencyCode(),
                                c.label(),
                                c.expiresAt() == null ? null : utc(c.expiresAt()),
                                utc(c.createdAt()),
                                utc(c.updatedAt())))
                .replaceWithVoid();
    }

    @Override
    public Uni<Optional<QrCode>> find(String id) {
        return first("SELECT " + COLUMNS + " FROM qr_code WHERE id = ?1", List.of(id), PgQrCodeStore::code);
    }

    @Override
    public Uni<Optional<QrCode>> byReference(String reference) {
        return first(
                "SELECT " + COLUMNS + " FROM qr_code WHERE reference = ?1", List.of(reference), PgQrCodeStore::code);
    }

    @Override
    public Uni<Boolean> claim(String id, Instant now) {
        return PgPaymentStore.update(
                        "UPDATE qr_code SET status = 'used', updated_at = ?2 WHERE id = ?1 AND type = 'dynamic'"
                                + " AND status = 'active' AND expires_at > ?2",
                        List.of(id, utc(now)))
                .map(n -> n == 1);
    }

    @Override
    public Uni<Boolean> expire(String id, Instant now) {
        return PgPaymentStore.update(
                        "UPDATE qr_code SET status = 'expired', updated_at = ?2 WHERE id = ?1 AND status = 'active'"
                                + " AND expires_at <= ?2",
                        List.of(id, utc(now)))
                .map(n -> n == 1);
    }

    @Override
    public Uni<List<String>> due(Instant now, int limit) {
        // two columns: a one-column native query hands back bare values, not rows
        return PgPaymentStore.all(
                "SELECT id, expires_at FROM qr_code WHERE status = 'active' AND expires_at <= ?1 ORDER BY expires_at"
                        + " LIMIT " + limit,
                List.of(utc(now)),
                r -> (String) r[0]);
    }

    private static QrCode code(Object[] r) {
        var currency = Currency.getInstance(((String) r[8]).trim());
        return new QrCode(
                (String) r[0],
                (String) r[1],
                QrCode.Type.valueOf(((String) r[2]).toUpperCase(java.util.Locale.ROOT)),
                QrCode.Status.of((String) r[3]),
                (String) r[4],
                (String) r[5],
                (String) r[6],
                r[7] == null ? null : new Money(((Number) r[7]).longValue(), currency),
                currency,
                (String) r[9],
                r[10] == null ? null : instant(r[10]),
                instant(r[11]),
                instant(r[12]));
    }
}

package io.payguard.payment.adapter.out.persistence;

import static io.payguard.payment.adapter.out.persistence.PgPaymentStore.first;
import static io.payguard.payment.adapter.out.persistence.PgPaymentStore.instant;
import static io.payguard.payment.adapter.out.persistence.PgPaymentStore.utc;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.payment.application.port.TopUpStore;
import io.payguard.payment.domain.TopUp;
import io.smallrye.mutiny.Uni;

/** Top-ups on PostgreSQL (table {@code top_up}, V11) through the Hibernate Reactive session, like the intents. */
@ApplicationScoped
public class PgTopUpStore implements TopUpStore {

    @Override
    public Uni<Void> insert(TopUp t) {
        return PgPaymentStore.update(
                        "INSERT INTO top_up (payment_id, wallet_id, customer_id, credit_status, credit_entry_id, refusal_reason, created_at, updated_at) "
                                + "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                        Arrays.asList(
                                t.paymentId(),
                                t.walletId(),
                                t.customerId(),
                                t.creditStatus().id(),
                                t.creditEntryId(),
                                t.refusalReason(),
                                utc(t.createdAt()),
                                utc(t.updatedAt())))
                .replaceWithVoid();
    }

    @Override
    public Uni<Optional<TopUp>> find(String paymentId) {
        return first(
                "SELECT payment_id, wallet_id, customer_id, credit_status, credit_entry_id, refusal_reason, created_at, updated_at "
                        + "FROM top_up WHERE payment_id = ?1",
                List.of(paymentId),
                r -> new TopUp(
                        (String) r[0],
                        (String) r[1],
                        (String) r[2],
                        TopUp.CreditStatus.of((String) r[3]),
                        (String) r[4],
                        (String) r[5],
                        instant(r[6]),
                        instant(r[7])));
    }

    @Override
    public Uni<Void> update(TopUp t) {
        return PgPaymentStore.update(
                        "UPDATE top_up SET credit_status = ?2, credit_entry_id = ?3, refusal_reason = ?4, updated_at = ?5 WHERE payment_id = ?1",
                        Arrays.asList(
                                t.paymentId(),
                                t.creditStatus().id(),
                                t.creditEntryId(),
                                t.refusalReason(),
                                utc(t.updatedAt())))
                .replaceWithVoid();
    }
}

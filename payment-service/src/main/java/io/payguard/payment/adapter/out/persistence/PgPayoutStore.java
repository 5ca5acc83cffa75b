package io.payguard.payment.adapter.out.persistence;

import static io.payguard.payment.adapter.out.persistence.PgPaymentStore.all;
import static io.payguard.payment.adapter.out.persistence.PgPaymentStore.first;
import static io.payguard.payment.adapter.out.persistence.PgPaymentStore.instant;
import static io.payguard.payment.adapter.out.persistence.PgPaymentStore.num;
import static io.payguard.payment.adapter.out.persistence.PgPaymentStore.select;
import static io.payguard.payment.adapter.out.persistence.PgPaymentStore.utc;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.kernel.Money;
import io.payguard.payment.application.port.PayoutStore;
import io.payguard.payment.domain.BankAccount;
import io.payguard.payment.domain.Payout;
import io.smallrye.mutiny.Uni;

/** Bank accounts and payouts on PostgreSQL (V12) through the Hibernate Reactive session, like the intents. */
@ApplicationScoped
public class PgPayoutStore implements PayoutStore {

    private static final String ACCOUNT =
            "id, owner, bank_code, last4, fingerprint, status, created_at, key_subject, number_enc, holder_enc";
    private static final String PAYOUT =
            "id, customer_id, wallet_id, bank_account_id, amount_minor, currency, status, hold_id, rail_reference, "
                    + "failure_reason, debit_entry_id, return_entry_id, recovery_attempts, created_at, updated_at";

    @Override
    public Uni<Void> insertAccount(BankAccount a, String keySubject, String numberEnc, String holderEnc) {
        return PgPaymentStore.update(
                        "INSERT INTO bank_account (id, owner, key_subject, number_enc, holder_enc, fingerprint, bank_code, last4, status, "
                                + "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'active', ?9)",
                        List.of(
                                a.id(),
                                a.owner(),
                                keySubject,
                                numberEnc,
                                holderEnc,
                                a.fingerprint(),
                                a.bankCode(),
                                a.last4(),
                                utc(a.createdAt())))
                .replaceWithVoid();
    }

    @Override
    public Uni<Optional<BankAccount>> account(String id) {
        return storedAccount(id).map(found -> found.map(StoredAccount::account));
    }

    @Override
    public Uni<Optional<StoredAccount>> storedAccount(String id) {
        return first("SELECT " + ACCOUNT + " FROM bank_account WHERE id = ?1", List.of(id), PgPayoutStore::stored);
    }

    @Override
    public Uni<Optional<BankAccount>> activeAccountByFingerprint(String owner, String fingerprint) {
        return first(
                "SELECT " + ACCOUNT + " FROM bank_account WHERE owner = ?1 AND fingerprint = ?2 AND status = 'active'",
                List.of(owner, fingerprint),
                r -> stored(r).account());
    }

    @Override
    public Uni<List<BankAccount>> accountsOf(String owner) {
        return all(
                "SELECT " + ACCOUNT
                        + " FROM bank_account WHERE owner = ?1 AND status = 'active' ORDER BY created_at DESC LIMIT 100",
                List.of(owner),
                r -> stored(r).account());
    }

    @Override
    public Uni<Void> removeAccount(String id) {
        return PgPaymentStore.update("UPDATE bank_account SET status = 'removed' WHERE id = ?1", List.of(id))
                .replaceWithVoid();
    }

    private static StoredAccount stored(Object[] r) {
        var account = new BankAccount(
                (String) r[0],
                (String) r[1],
                (String) r[2],
                ((String) r[3]).trim(),
                (String) r[4],
                "active".equals(r[5]),
                instant(r[6]));
        return new StoredAccount(account, (String) r[7], (String) r[8], (String) r[9]);
    }

    @Override
    public Uni<Void> insert(Payout p) {
        return PgPaymentStore.update(
                        "INSERT INTO payout (" + PAYOUT
                                + ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
                        Arrays.asList(
                                p.id(),
                                p.customerId(),
                                p.walletId(),
                                p.bankAccountId(),
                                p.amount().minor(),
                                p.amount().currencyCode(),
                                p.status().id(),
                                p.holdId(),
                                p.railReference(),
                                p.failureReason(),
                                p.debitEntryId(),
                                p.returnEntryId(),
                                p.recoveryAttempts(),
                                utc(p.createdAt()),
                                utc(p.updatedAt())))
                .replaceWithVoid();
    }

    @Override
    public Uni<Void> update(Payout p) {
        return PgPaymentStore.update(
                        "UPDATE payout SET status = ?2, hold_id = ?3, rail_reference = ?4, failure_reason = ?5, debit_entry_id = ?6, "
                                + "return_entry_id = ?7, recovery_attempts = ?8, updated_at = ?9 WHERE id = ?1",
                        Arrays.asList(
                                p.id(),
                                p.status().id(),
                                p.holdId(),
                                p.railReference(),
                                p.failureReason(),
                                p.debitEntryId(),
                                p.returnEntryId(),
                                p.recoveryAttempts(),
                                utc(p.updatedAt())))
                .replaceWithVoid();
    }

    @Override
    public Uni<Optional<Payout>> find(String id) {
        return first("SELECT " + PAYOUT + " FROM payout WHERE id = ?1", List.of(id), PgPayoutStore::payout);
    }

    @Override
    public Uni<Optional<Payout>> lock(String id) {
        return first("SELECT " + PAYOUT + " FROM payout WHERE id = ?1 FOR UPDATE", List.of(id), PgPayoutStore::payout);
    }

    @Override
    public Uni<List<String>> unresolved(Instant before, int limit) {
        return all(
                "SELECT id, updated_at FROM payout WHERE status IN ('held', 'sent') AND updated_at < ?1 ORDER BY updated_at LIMIT "
                        + limit,
                List.of(utc(before)),
                r -> (String) r[0]);
    }

    @Override
    public Uni<Optional<Payout>> lockIfFree(String id) {
        return first(
                "SELECT " + PAYOUT + " FROM payout WHERE id = ?1 FOR UPDATE SKIP LOCKED",
                List.of(id),
                PgPayoutStore::payout);
    }

    @Override
    public Uni<Long> cursor(String rail) {
        return select("SELECT position, rail FROM payout_rail_cursor WHERE rail = ?1", List.of(rail))
                .map(rows -> rows.isEmpty() ? 0L : num(rows.get(0)[0]));
    }

    @Override
    public Uni<Void> moveCursor(String rail, long position) {
        return PgPaymentStore.update(
                        "INSERT INTO payout_rail_cursor (rail, position) VALUES (?1, ?2) ON CONFLICT (rail) DO UPDATE SET position = "
                                + "GREATEST(payout_rail_cursor.position, EXCLUDED.position)",
                        List.of(rail, position))
                .replaceWithVoid();
    }

    private static Payout payout(Object[] r) {
        return new Payout(
                (String) r[0],
                (String) r[1],
                (String) r[2],
                (String) r[3],
                Money.of(num(r[4]), ((String) r[5]).trim()),
                Payout.Status.of((String) r[6]),
                (String) r[7],
                (String) r[8],
                (String) r[9],
                (String) r[10],
                (String) r[11],
                (int) num(r[12]),
                instant(r[13]),
                instant(r[14]));
    }
}

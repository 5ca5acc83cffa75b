package io.payguard.wallet.adapter.out.persistence;

import static io.payguard.platform.messaging.NativeSql.instant;
import static io.payguard.platform.messaging.NativeSql.select;
import static io.payguard.platform.messaging.NativeSql.update;
import static io.payguard.platform.messaging.NativeSql.utc;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.platform.protection.privacy.HeldRecords;
import io.payguard.wallet.application.port.PrivacyStore;
import io.smallrye.mutiny.Uni;

/**
 * The wallet's records about a data subject (export, freeze, closing) and, as the platform's {@link HeldRecords}, the
 * deletion of closed wallets whose retention hold has ended, with their postings and holds (run by the platform's
 * {@code PrivacyHoldEnd}). The ledger refuses deleting postings unless the transaction sets
 * {@code payguard.ledger_erasure} (V6): this deletion does, for its own transaction only.
 */
@ApplicationScoped
public class PgPrivacyStore implements PrivacyStore, HeldRecords {

    private static final String OPEN_WALLETS =
            "SELECT id FROM account WHERE owner = ?1 AND type = 'CUSTOMER_WALLET' AND closed_at IS NULL";

    @Override
    public Uni<Map<String, List<Map<String, Object>>>> export(String subject) {
        var wallets = select(
                "SELECT id, currency, balance, wallet_class, closing_request IS NOT NULL, opened_at FROM account "
                        + "WHERE owner = ?1 AND type = 'CUSTOMER_WALLET' ORDER BY id",
                List.of(subject));
        var postings = select(
                "SELECT p.seq, p.account_id, p.amount, p.currency, "
                        + "sum(p.amount) OVER (PARTITION BY p.account_id ORDER BY p.seq), p.posted_at, p.kind "
                        + "FROM posting p JOIN account a ON a.id = p.account_id "
                        + "WHERE a.owner = ?1 AND a.type = 'CUSTOMER_WALLET' ORDER BY p.account_id, p.seq",
                List.of(subject));
        return wallets.flatMap(w -> postings.map(p -> {
            var sections = new LinkedHashMap<String, List<Map<String, Object>>>();
            sections.put("wallets", w.stream().map(PgPrivacyStore::wallet).toList());
            sections.put("postings", p.stream().map(PgPrivacyStore::posting).toList());
            return sections;
        }));
    }

    private static Map<String, Object> wallet(Object[] r) {
        var row = new LinkedHashMap<String, Object>();
        row.put("id", r[0]);
        row.put("currency", ((String) r[1]).trim());
        row.put("balance", PgLedgerStore.num(r[2]));
        row.put("kycTier", r[3] == null ? null : ((String) r[3]).toLowerCase(Locale.ROOT));
        row.put("status", (Boolean) r[4] ? "closing" : "open");
        row.put("openedAt", instant(r[5]).toString());
        return row;
    }

    private static Map<String, Object> posting(Object[] r) {
        long amount = PgLedgerStore.num(r[2]);
        var row = new LinkedHashMap<String, Object>();
        row.put("id", String.valueOf(PgLedgerStore.num(r[0])));
        row.put("wallet", r[1]);
        row.put("amount", Math.abs(amount));
        row.put("currency", ((String) r[3]).trim());
        row.put("direction", amount > 0 ? "credit" : "debit");
        row.put("balanceAfter", PgLedgerStore.num(r[4]));
        row.put("at", instant(r[5]).toString());
        row.put("kind", ((String) r[6]).toLowerCase(Locale.ROOT));
        return row;
    }

    @Override
    public Uni<List<WalletFigures>> lockWallets(String subject) {
        return select(
                        "SELECT id, balance, held, (SELECT count(*) FROM hold h WHERE h.wallet_id = a.id AND h.status = 'ACTIVE') "
                                + "FROM account a WHERE owner = ?1 AND type = 'CUSTOMER_WALLET' AND closed_at IS NULL "
                                + "ORDER BY id FOR UPDATE",
                        List.of(subject))
                .map(rows -> rows.stream()
                        .map(r -> new WalletFigures(
                                (String) r[0],
                                PgLedgerStore.num(r[1]),
                                PgLedgerStore.num(r[2]),
                                PgLedgerStore.num(r[3])))
                        .toList());
    }

    @Override
    public Uni<Integer> markClosing(String subject, String requestId) {
        return update(
                "UPDATE account SET closing_request = ?2 WHERE id IN (" + OPEN_WALLETS + ")",
                List.of(subject, requestId));
    }

    @Override
    public Uni<Integer> clearClosing(String subject, String requestId) {
        return update(
                "UPDATE account SET closing_request = NULL WHERE closing_request = ?2 AND id IN (" + OPEN_WALLETS + ")",
                List.of(subject, requestId));
    }

    @Override
    public Uni<Long> countPostings(String subject) {
        return select("SELECT count(*), 0 FROM posting WHERE account_id IN (" + OPEN_WALLETS + ")", List.of(subject))
                .map(rows -> PgLedgerStore.num(rows.getFirst()[0]));
    }

    @Override
    public Uni<Integer> close(String subject, String pseudonym, String requestId, Instant now) {
        // the closing mark stays: a closed wallet moves no money either (refused wallet_closing)
        return update(
                "UPDATE account SET owner = ?2, closing_request = ?3, closed_at = ?4 WHERE id IN (" + OPEN_WALLETS
                        + ")",
                List.of(subject, pseudonym, requestId, utc(now)));
    }

    /** Deletes the closed wallets of the pseudonym with their postings and holds; how many rows went. */
    @Override
    public Uni<Long> deleteHeld(String pseudonym) {
        String closed =
                "SELECT id FROM account WHERE owner = ?1 AND type = 'CUSTOMER_WALLET' AND closed_at IS NOT NULL";
        var params = List.of(pseudonym);
        return select("SELECT set_config('payguard.ledger_erasure', 'on', true), 0", List.of())
                .flatMap(ignored -> update("DELETE FROM posting WHERE account_id IN (" + closed + ")", params))
                .flatMap(postings -> update("DELETE FROM hold WHERE wallet_id IN (" + closed + ")", params)
                        .flatMap(holds -> update(
                                        "DELETE FROM account WHERE owner = ?1 AND type = 'CUSTOMER_WALLET' "
                                                + "AND closed_at IS NOT NULL",
                                        params)
                                .map(accounts -> (long) postings + holds + accounts)));
    }
}

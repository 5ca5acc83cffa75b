package io.payguard.wallet.adapter.out.persistence;

import static io.payguard.wallet.adapter.out.persistence.PgLedgerStore.ACCOUNT_COLUMNS;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.wallet.application.port.WalletStore;
import io.payguard.wallet.domain.Account;
import io.payguard.wallet.domain.AccountId;
import io.payguard.wallet.domain.EntryKind;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class PgWalletStore implements WalletStore {

    @Override
    public Uni<Optional<Account>> owned(String owner, AccountId wallet) {
        return PgLedgerStore.select(
                        "SELECT " + ACCOUNT_COLUMNS
                                + " FROM account WHERE id = ?1 AND owner = ?2 AND type = 'CUSTOMER_WALLET'",
                        List.of(wallet.value(), owner))
                .map(rows -> rows.stream().findFirst().map(PgLedgerStore::account));
    }

    @Override
    public Uni<Optional<Account>> walletOf(String owner, Currency currency) {
        return PgLedgerStore.select(
                        "SELECT " + ACCOUNT_COLUMNS
                                + " FROM account WHERE owner = ?1 AND currency = ?2 AND type = 'CUSTOMER_WALLET'",
                        List.of(owner, currency.getCurrencyCode()))
                .map(rows -> rows.stream().findFirst().map(PgLedgerStore::account));
    }

    @Override
    public Uni<List<Account>> walletsOf(String owner) {
        return PgLedgerStore.select(
                        "SELECT " + ACCOUNT_COLUMNS
                                + " FROM account WHERE owner = ?1 AND type = 'CUSTOMER_WALLET' ORDER BY currency",
                        List.of(owner))
                .map(rows -> rows.stream().map(PgLedgerStore::account).toList());
    }

    /** Keyset pagination over {@code posting_statement_idx}: one index range scan per page, whatever the history. */
    @Override
    public Uni<List<StatementLine>> statement(StatementQuery q) {
        var sql = new StringBuilder(
                "SELECT p.seq, p.entry_id, p.kind, p.amount, p.currency, p.posted_at, e.reference FROM posting p "
                        + "JOIN journal_entry e ON e.id = p.entry_id WHERE p.account_id = ?1 AND (p.posted_at, p.seq) < (?2, ?3) AND p.posted_at >= ?4");
        var params =
                new ArrayList<Object>(List.of(q.wallet().value(), utc(q.beforeTime()), q.beforeSeq(), utc(q.from())));
        if (q.kind() != null) {
            params.add(q.kind().name());
            sql.append(" AND p.kind = ?").append(params.size());
        }
        params.add(q.limit());
        sql.append(" ORDER BY p.posted_at DESC, p.seq DESC LIMIT ?").append(params.size());
        return PgLedgerStore.select(sql.toString(), params)
                .map(rows -> rows.stream()
                        .map(r -> new StatementLine(
                                PgLedgerStore.num(r[0]),
                                (UUID) r[1],
                                EntryKind.valueOf((String) r[2]),
                                PgLedgerStore.num(r[3]),
                                ((String) r[4]).trim(),
                                PgLedgerStore.instant(r[5]),
                                (String) r[6]))
                        .toList());
    }

    private static OffsetDateTime utc(java.time.Instant i) {
        return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }
}

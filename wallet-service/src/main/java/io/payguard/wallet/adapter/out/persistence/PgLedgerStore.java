package io.payguard.wallet.adapter.out.persistence;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.kernel.Money;
import io.payguard.wallet.application.port.LedgerStore;
import io.payguard.wallet.domain.Account;
import io.payguard.wallet.domain.AccountId;
import io.payguard.wallet.domain.AccountType;
import io.payguard.wallet.domain.EntryKind;
import io.payguard.wallet.domain.Hold;
import io.payguard.wallet.domain.JournalEntry;
import io.payguard.wallet.domain.LedgerInvariants;
import io.payguard.wallet.domain.Outcome;
import io.payguard.wallet.domain.OutflowUsage;
import io.payguard.wallet.domain.Posting;
import io.payguard.wallet.domain.WalletClass;
import io.smallrye.mutiny.Uni;

/**
 * The ledger on PostgreSQL through the Panache session's native SQL, so that it joins the same transaction
 * as the outbox and the processed-event record. Balances are moved by the {@code posting_apply} trigger
 * when postings are inserted; this class writes reserves, usage and holds, and always updates an account's
 * reserve before inserting postings (the available-balance check constraint sees the final state).
 */
@ApplicationScoped
public class PgLedgerStore implements LedgerStore {

    static final String ACCOUNT_COLUMNS =
            "id, type, owner, currency, balance, held, overdraft_allowed, wallet_class, frozen, "
                    + "usage_day, usage_day_total, usage_year, usage_year_total, usage_cumulative, closing_request IS NOT NULL";
    private static final String HOLD_COLUMNS =
            "id, wallet_id, amount, currency, reference, expires_at, reserved_on, status, captured";

    @Override
    public Uni<Void> ensure(List<Account> accounts, Instant now) {
        if (accounts.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        var sql = new StringBuilder(
                "INSERT INTO account (id, type, owner, currency, overdraft_allowed, wallet_class, usage_day, usage_year, opened_at) VALUES ");
        var params = new ArrayList<Object>();
        for (var a : accounts) {
            sql.append(params.isEmpty() ? "" : ", ").append(placeholders(params.size(), 9));
            var day = a.usage() == null
                    ? LocalDate.ofInstant(now, ZoneOffset.UTC)
                    : a.usage().day();
            params.addAll(List.of(
                    a.id().value(), a.type().name(), a.owner(), a.currency().getCurrencyCode(), a.overdraftAllowed()));
            params.add(a.walletClass() == null ? null : a.walletClass().name());
            params.addAll(List.of(day, day.getYear(), OffsetDateTime.ofInstant(now, ZoneOffset.UTC)));
        }
        sql.append(" ON CONFLICT DO NOTHING");
        return update(sql.toString(), params).replaceWithVoid();
    }

    @Override
    public Uni<Map<AccountId, Account>> lock(Collection<AccountId> ids) {
        var sorted = new ArrayList<>(new TreeSet<>(ids));
        var params = sorted.stream().<Object>map(AccountId::value).toList();
        String sql = "SELECT " + ACCOUNT_COLUMNS + " FROM account WHERE id IN " + placeholders(0, params.size())
                + " ORDER BY id FOR UPDATE";
        return select(sql, params).map(rows -> {
            var map = new LinkedHashMap<AccountId, Account>();
            rows.forEach(r -> {
                var a = account(r);
                map.put(a.id(), a);
            });
            return map;
        });
    }

    @Override
    public Uni<Optional<Account>> find(AccountId id) {
        return select("SELECT " + ACCOUNT_COLUMNS + " FROM account WHERE id = ?1", List.of(id.value()))
                .map(rows -> rows.stream().findFirst().map(PgLedgerStore::account));
    }

    @Override
    public Uni<Optional<Hold>> hold(UUID id, boolean forUpdate) {
        return select(
                        "SELECT " + HOLD_COLUMNS + " FROM hold WHERE id = ?1" + (forUpdate ? " FOR UPDATE" : ""),
                        List.of(id))
                .map(rows -> rows.stream().findFirst().map(PgLedgerStore::hold));
    }

    @Override
    public Uni<Optional<String>> holdMerchant(UUID holdId) {
        return select("SELECT merchant_id, 0 FROM hold WHERE id = ?1", List.of(holdId))
                .map(rows -> rows.stream().findFirst().map(r -> (String) r[0]));
    }

    @Override
    public Uni<Optional<JournalEntry>> entry(UUID id) {
        return select(
                        "SELECT e.kind, e.reference, e.posted_at, e.reverses, p.account_id, p.amount, p.currency FROM journal_entry e "
                                + "JOIN posting p ON p.entry_id = e.id WHERE e.id = ?1 ORDER BY p.seq",
                        List.of(id))
                .map(rows -> {
                    if (rows.isEmpty()) {
                        return Optional.empty();
                    }
                    var first = rows.get(0);
                    var postings = rows.stream()
                            .map(r -> new Posting(
                                    new AccountId((String) r[4]),
                                    new Money(num(r[5]), Currency.getInstance(((String) r[6]).trim()))))
                            .toList();
                    return Optional.of(new JournalEntry(
                            id,
                            EntryKind.valueOf((String) first[0]),
                            (String) first[1],
                            postings,
                            instant(first[2]),
                            (UUID) first[3]));
                });
    }

    @Override
    public Uni<Boolean> reversed(UUID entryId) {
        return select("SELECT id, 0 FROM journal_entry WHERE reverses = ?1", List.of(entryId))
                .map(rows -> !rows.isEmpty());
    }

    @Override
    public Uni<List<UUID>> dueHolds(Instant now, int limit) {
        return select(
                        "SELECT id, expires_at FROM hold WHERE status = 'ACTIVE' AND expires_at <= ?1 ORDER BY expires_at LIMIT ?2",
                        List.of(OffsetDateTime.ofInstant(now, ZoneOffset.UTC), limit))
                .map(rows -> rows.stream().map(r -> (UUID) r[0]).toList());
    }

    @Override
    public Uni<Void> save(Outcome outcome, Map<AccountId, Account> before, String merchantOfNewHold, Instant now) {
        return switch (outcome) {
            // a posted capture either closes an existing hold or records the hold a place-and-capture placed and
            // captured in the same command (never seen before): one upsert covers both
            case Outcome.Posted p ->
                updateAccounts(p.accounts(), before)
                        .flatMap(x -> p.hold() == null
                                ? Uni.createFrom().voidItem()
                                : upsertHold(p.hold(), merchantOfNewHold, now))
                        .flatMap(x -> insertEntry(p.entry()));
            case Outcome.HoldChanged h ->
                updateAccounts(List.of(h.wallet()), before)
                        .flatMap(x -> h.hold().isActive()
                                ? insertHold(h.hold(), merchantOfNewHold, now)
                                : updateHold(h.hold(), now));
            case Outcome.Refused r -> Uni.createFrom().voidItem();
            case Outcome.Rejected r -> Uni.createFrom().voidItem();
        };
    }

    @Override
    public Uni<List<LedgerInvariants.AccountFigures>> figures() {
        String sql = """
                SELECT a.id, a.currency, a.balance, a.held, a.overdraft_allowed,
                       COALESCE((SELECT sum(p.amount) FROM posting p WHERE p.account_id = a.id), 0),
                       COALESCE((SELECT sum(h.amount) FROM hold h WHERE h.wallet_id = a.id AND h.status = 'ACTIVE'), 0)
                  FROM account a ORDER BY a.id""";
        return select(sql, List.of())
                .map(rows -> rows.stream()
                        .map(r -> new LedgerInvariants.AccountFigures(
                                new AccountId((String) r[0]),
                                ((String) r[1]).trim(),
                                num(r[2]),
                                num(r[3]),
                                num(r[5]),
                                num(r[6]),
                                (Boolean) r[4]))
                        .toList());
    }

    /** Writes reserve and usage of the accounts the engine changed them on; balances move with the postings. */
    private Uni<Void> updateAccounts(List<Account> after, Map<AccountId, Account> before) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (var a : after) {
            var old = before.get(a.id());
            if (old != null && old.held() == a.held() && Objects.equals(old.usage(), a.usage())) {
                continue;
            }
            var u = a.usage();
            chain = chain.flatMap(x -> update(
                            "UPDATE account SET held = ?1, usage_day = ?2, usage_day_total = ?3, usage_year = ?4, "
                                    + "usage_year_total = ?5, usage_cumulative = ?6 WHERE id = ?7",
                            List.of(
                                    a.held(),
                                    u.day(),
                                    u.dayTotal(),
                                    u.year(),
                                    u.yearTotal(),
                                    u.cumulative(),
                                    a.id().value()))
                    .replaceWithVoid());
        }
        return chain;
    }

    /** The entry and its postings in one statement (one round trip while the rows are locked). */
    private Uni<Void> insertEntry(JournalEntry e) {
        var at = OffsetDateTime.ofInstant(e.postedAt(), ZoneOffset.UTC);
        var params = new ArrayList<Object>(List.of(e.id(), e.kind().name(), e.reference(), at));
        var sql = new StringBuilder(
                e.reverses() == null
                        ? "WITH entry AS (INSERT INTO journal_entry (id, kind, reference, posted_at) VALUES (?1, ?2, ?3, ?4)) "
                        : "WITH entry AS (INSERT INTO journal_entry (id, kind, reference, posted_at, reverses) VALUES (?1, ?2, ?3, ?4, ?5)) ");
        if (e.reverses() != null) {
            params.add(e.reverses());
        }
        sql.append("INSERT INTO posting (entry_id, account_id, amount, currency, kind, posted_at) VALUES ");
        boolean first = true;
        for (var p : e.postings()) {
            sql.append(first ? "" : ", ").append(placeholders(params.size(), 6));
            first = false;
            params.addAll(List.of(
                    e.id(),
                    p.account().value(),
                    p.amount().minor(),
                    p.amount().currencyCode(),
                    e.kind().name(),
                    at));
        }
        return update(sql.toString(), params).replaceWithVoid();
    }

    private Uni<Void> insertHold(Hold h, String merchantId, Instant now) {
        return update(INSERT_HOLD, holdRow(h, merchantId, now)).replaceWithVoid();
    }

    /** Inserts the hold, or (it exists) updates its status and captured amount as {@link #updateHold} does. */
    private Uni<Void> upsertHold(Hold h, String merchantId, Instant now) {
        return update(
                        INSERT_HOLD
                                + " ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, captured = EXCLUDED.captured, "
                                + "updated_at = EXCLUDED.updated_at",
                        holdRow(h, merchantId, now))
                .replaceWithVoid();
    }

    private static final String INSERT_HOLD =
            "INSERT INTO hold (id, wallet_id, amount, currency, reference, expires_at, reserved_on, status, captured, created_at, updated_at, merchant_id) "
                    + "VALUES " + placeholders(0, 12);

    /** The parameters of {@link #INSERT_HOLD}: a new hold row, created and updated now. */
    private static List<Object> holdRow(Hold h, String merchantId, Instant now) {
        var at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        var params = new ArrayList<Object>(List.of(
                h.id(),
                h.wallet().value(),
                h.amount().minor(),
                h.amount().currencyCode(),
                h.reference(),
                OffsetDateTime.ofInstant(h.expiresAt(), ZoneOffset.UTC),
                h.reservedOn(),
                h.status().name(),
                h.captured(),
                at,
                at));
        params.add(merchantId); // may be null: List.of takes none
        return params;
    }

    private Uni<Void> updateHold(Hold h, Instant now) {
        return update(
                        "UPDATE hold SET status = ?1, captured = ?2, updated_at = ?3 WHERE id = ?4",
                        List.of(h.status().name(), h.captured(), OffsetDateTime.ofInstant(now, ZoneOffset.UTC), h.id()))
                .replaceWithVoid();
    }

    static Account account(Object[] r) {
        var type = AccountType.valueOf((String) r[1]);
        var walletClass = r[7] == null ? null : WalletClass.valueOf((String) r[7]);
        var usage = new OutflowUsage(date(r[9]), num(r[10]), (int) num(r[11]), num(r[12]), num(r[13]));
        return new Account(
                new AccountId((String) r[0]),
                type,
                (String) r[2],
                Currency.getInstance(((String) r[3]).trim()),
                num(r[4]),
                num(r[5]),
                (Boolean) r[6],
                walletClass,
                (Boolean) r[8],
                (Boolean) r[14],
                usage);
    }

    private static Hold hold(Object[] r) {
        return new Hold(
                (UUID) r[0],
                new AccountId((String) r[1]),
                new Money(num(r[2]), Currency.getInstance(((String) r[3]).trim())),
                (String) r[4],
                instant(r[5]),
                date(r[6]),
                Hold.Status.valueOf((String) r[7]),
                num(r[8]));
    }

    static long num(Object o) {
        return ((Number) o).longValue();
    }

    static Instant instant(Object o) {
        return io.payguard.platform.messaging.NativeSql.instant(o);
    }

    static LocalDate date(Object o) {
        return switch (o) {
            case LocalDate d -> d;
            case java.sql.Date d -> d.toLocalDate();
            default -> throw new IllegalStateException("unexpected date type " + o.getClass());
        };
    }

    /** {@code (?n+1, ?n+2, ...)} for a row of {@code count} parameters after {@code offset} earlier ones. */
    static String placeholders(int offset, int count) {
        return java.util.stream.IntStream.rangeClosed(offset + 1, offset + count)
                .mapToObj(i -> "?" + i)
                .collect(Collectors.joining(", ", "(", ")"));
    }

    @SuppressWarnings("unchecked")
    static Uni<List<Object[]>> select(String sql, List<?> params) {
        return io.payguard.platform.messaging.NativeSql.select(sql, params);
    }

    static Uni<Integer> update(String sql, List<?> params) {
        return io.payguard.platform.messaging.NativeSql.update(sql, params);
    }
}

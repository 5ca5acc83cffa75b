package io.payguard.wallet.application.port;

import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.payguard.wallet.domain.Account;
import io.payguard.wallet.domain.AccountId;
import io.payguard.wallet.domain.EntryKind;
import io.smallrye.mutiny.Uni;

/** Reads of customer wallets (one account row each; balances are never summed on the request path). */
public interface WalletStore {

    record StatementLine(
            long seq, UUID entryId, EntryKind kind, long amount, String currency, Instant postedAt, String reference) {}

    record StatementQuery(
            AccountId wallet,
            Instant from,
            Instant to,
            EntryKind kind,
            Instant beforeTime,
            long beforeSeq,
            int limit) {}

    Uni<Optional<Account>> owned(String owner, AccountId wallet);

    Uni<Optional<Account>> walletOf(String owner, Currency currency);

    Uni<List<Account>> walletsOf(String owner);

    Uni<List<StatementLine>> statement(StatementQuery query);
}

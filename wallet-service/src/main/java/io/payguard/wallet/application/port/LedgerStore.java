package io.payguard.wallet.application.port;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.payguard.wallet.domain.Account;
import io.payguard.wallet.domain.AccountId;
import io.payguard.wallet.domain.Hold;
import io.payguard.wallet.domain.JournalEntry;
import io.payguard.wallet.domain.LedgerInvariants;
import io.payguard.wallet.domain.Outcome;
import io.smallrye.mutiny.Uni;

/** The ledger's persistence port. Every method runs inside the caller's transaction. */
public interface LedgerStore {

    /** Creates the accounts that do not exist yet. */
    Uni<Void> ensure(List<Account> accounts, Instant now);

    /** Locks the existing accounts among {@code ids}, always in ascending id order (no lock-order deadlocks). */
    Uni<Map<AccountId, Account>> lock(Collection<AccountId> ids);

    Uni<Optional<Account>> find(AccountId id);

    Uni<Optional<Hold>> hold(UUID id, boolean forUpdate);

    /** The merchant a hold placed by a wallet command pays on capture. */
    Uni<Optional<String>> holdMerchant(UUID holdId);

    Uni<Optional<JournalEntry>> entry(UUID id);

    /** Whether a reversal of {@code entryId} was posted. */
    Uni<Boolean> reversed(UUID entryId);

    /** Active holds whose expiry has passed, oldest first. */
    Uni<List<UUID>> dueHolds(Instant now, int limit);

    /** Writes what the engine decided; {@code before} are the locked accounts it decided on. */
    Uni<Void> save(Outcome outcome, Map<AccountId, Account> before, String merchantOfNewHold, Instant now);

    /** Per-account figures for the invariant check, computed with aggregates in the database. */
    Uni<List<LedgerInvariants.AccountFigures>> figures();
}

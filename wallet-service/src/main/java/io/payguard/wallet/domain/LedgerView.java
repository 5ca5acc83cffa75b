package io.payguard.wallet.domain;

import java.util.Optional;
import java.util.UUID;

/** The ledger state a command may read: the accounts and hold it touches, already locked by the caller. */
public interface LedgerView {
    Optional<Account> account(AccountId id);

    Optional<Hold> hold(UUID id);
}

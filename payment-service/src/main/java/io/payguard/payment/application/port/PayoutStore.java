package io.payguard.payment.application.port;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.payguard.payment.domain.BankAccount;
import io.payguard.payment.domain.Payout;
import io.smallrye.mutiny.Uni;

/** Bank accounts and payouts; every call runs in the caller's transaction or session. */
public interface PayoutStore {

    Uni<Void> insertAccount(BankAccount account, String keySubject, String numberEnc, String holderEnc);

    Uni<Optional<BankAccount>> account(String id);

    /** The account with its key subject and ciphertexts. */
    Uni<Optional<StoredAccount>> storedAccount(String id);

    Uni<Optional<BankAccount>> activeAccountByFingerprint(String owner, String fingerprint);

    Uni<List<BankAccount>> accountsOf(String owner);

    Uni<Void> removeAccount(String id);

    Uni<Void> insert(Payout payout);

    Uni<Void> update(Payout payout);

    Uni<Optional<Payout>> find(String id);

    /** Reads the payout and locks it until the end of the transaction. */
    Uni<Optional<Payout>> lock(String id);

    /** Payouts whose bank outcome is not known (held, sent), unchanged since {@code before}, oldest first (no lock). */
    Uni<List<String>> unresolved(Instant before, int limit);

    /** Locks the payout unless another transaction holds it ({@code FOR UPDATE SKIP LOCKED}). */
    Uni<Optional<Payout>> lockIfFree(String id);

    Uni<Long> cursor(String rail);

    Uni<Void> moveCursor(String rail, long position);

    record StoredAccount(BankAccount account, String keySubject, String numberEnc, String holderEnc) {}
}

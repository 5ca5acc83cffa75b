package io.payguard.wallet.application.port;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.smallrye.mutiny.Uni;

/**
 * What the wallet holds about a data subject, and its erasure (issue 18). Call inside a session/transaction. What an
 * erasure did is recorded by the platform's {@code PrivacyOutcomes}; the held records' deletion is the persistence
 * adapter's {@code HeldRecords}.
 */
public interface PrivacyStore {

    /** A customer wallet's figures, as prepare decides on them. */
    record WalletFigures(String id, long balance, long held, long activeHolds) {}

    /** Export sections: {@code wallets} and {@code postings}, each a list of rows (column name to value). */
    Uni<Map<String, List<Map<String, Object>>>> export(String subject);

    /** The subject's open wallets, locked (FOR UPDATE, in id order). */
    Uni<List<WalletFigures>> lockWallets(String subject);

    /** Marks the subject's open wallets as closing for the request; how many. */
    Uni<Integer> markClosing(String subject, String requestId);

    /** Clears the request's closing mark on the subject's still open wallets; how many. */
    Uni<Integer> clearClosing(String subject, String requestId);

    /** How many postings the subject's open wallets have. */
    Uni<Long> countPostings(String subject);

    /** Closes the subject's open wallets: owner replaced by the pseudonym, closed at {@code now}; how many. */
    Uni<Integer> close(String subject, String pseudonym, String requestId, Instant now);
}

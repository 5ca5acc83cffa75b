package io.payguard.wallet.application.port;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.payguard.platform.protection.privacy.ErasureOutcome;
import io.smallrye.mutiny.Uni;

/** What the wallet holds about a data subject, and its erasure (issue 18). Call inside a session/transaction. */
public interface PrivacyStore {

    /** A customer wallet's figures, as prepare decides on them. */
    record WalletFigures(String id, long balance, long held, long activeHolds) {}

    /** A pseudonymised set of records under a retention hold that has ended. */
    record EndedHold(String requestId, String pseudonym) {
        @Override
        public String toString() {
            return "EndedHold[" + requestId + "]"; // logs name the request, not the pseudonym
        }
    }

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

    /** The outcomes recorded for a request (empty when it was not committed here). */
    Uni<List<ErasureOutcome>> outcomes(String requestId);

    Uni<Void> recordOutcomes(String requestId, String pseudonym, List<ErasureOutcome> outcomes, Instant now);

    /** Holds whose end has passed and that were not ended yet, oldest first. */
    Uni<List<EndedHold>> endedHolds(Instant now, int limit);

    /** Deletes the closed wallets of the pseudonym with their postings and holds; how many rows went. */
    Uni<Long> deleteHeld(String pseudonym);

    /** Marks the request's holds as ended, with what was deleted. */
    Uni<Void> markHoldEnded(String requestId, long deleted, Instant now);
}

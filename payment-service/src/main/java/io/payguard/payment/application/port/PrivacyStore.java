package io.payguard.payment.application.port;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.payguard.platform.protection.privacy.ErasureOutcome;
import io.smallrye.mutiny.Uni;

/** What the payment service holds about a data subject, and its erasure (issue 18). Call inside a session. */
public interface PrivacyStore {

    /** How many records of each kind an erasure touched. */
    record ErasureCounts(
            long cardTokens,
            long bankAccounts,
            long authenticators,
            long paymentCodes,
            long scaChallenges,
            long payments,
            long refunds,
            long payouts) {}

    /** A pseudonymised set of records under a retention hold that has ended. */
    record EndedHold(String requestId, String pseudonym) {
        @Override
        public String toString() {
            return "EndedHold[" + requestId + "]"; // logs name the request, not the pseudonym
        }
    }

    /**
     * Export sections {@code payments}, {@code refunds}, {@code cards}, {@code bankAccounts}, {@code payouts},
     * {@code authenticators}, {@code paymentCodes}: lists of rows (field name to value), masked as shown elsewhere.
     */
    Uni<Map<String, List<Map<String, Object>>>> export(String subject);

    /** How many of the subject's payments, refunds and payouts are still moving money. */
    Uni<Long> inProgress(String subject);

    /**
     * Deletes the subject's card tokens, authenticators (and registrations), payment codes and SCA challenges; wipes and
     * pseudonymises bank accounts (their key is shredded by the caller); replaces the subject by the pseudonym on
     * payment intents, top-ups, payouts and risk assessments (and drops the IP and card fingerprint there).
     */
    Uni<ErasureCounts> erase(String subject, String pseudonym);

    Uni<List<ErasureOutcome>> outcomes(String requestId);

    Uni<Void> recordOutcomes(String requestId, String pseudonym, List<ErasureOutcome> outcomes, Instant now);

    Uni<List<EndedHold>> endedHolds(Instant now, int limit);

    /** Deletes every record held under the pseudonym (intents with their refunds and dependants, payouts, bank accounts). */
    Uni<Long> deleteHeld(String pseudonym);

    Uni<Void> markHoldEnded(String requestId, long deleted, Instant now);
}

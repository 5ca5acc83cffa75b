package io.payguard.payment.application.port;

import java.util.List;
import java.util.Map;

import io.smallrye.mutiny.Uni;

/**
 * What the payment service holds about a data subject, and its erasure (issue 18). Call inside a session. What an
 * erasure did is recorded by the platform's {@code PrivacyOutcomes}; the held records' deletion is the persistence
 * adapter's {@code HeldRecords}.
 */
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
}

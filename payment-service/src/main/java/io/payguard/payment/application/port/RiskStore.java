package io.payguard.payment.application.port;

import java.time.Instant;

import io.payguard.payment.domain.ScaChallenge;
import io.smallrye.mutiny.Uni;

/** The risk records: assessments of confirms (the velocity history), daily totals, and SCA challenges. */
public interface RiskStore {
    /**
     * Whose history to read: this customer / card / address, today's total from {@code dayStart}, velocity counts from
     * {@code windowStart}.
     */
    record HistoryQuery(
            String customerId,
            String fingerprint,
            String ip,
            Instant dayStart,
            Instant windowStart,
            int countCap,
            int recentPayments) {}

    /**
     * History of this customer / card / address: see {@link io.payguard.payment.domain.risk.RiskContext}. The work is
     * bounded whatever the history: velocity counts stop at {@code countCap} (a rule only asks whether a limit is
     * reached), the usual amount is the average of the latest {@code recentPayments} succeeded payments, and today's
     * total is one row.
     */
    Uni<long[]> history(HistoryQuery query);

    /** The merchant's total of the UTC day starting at {@code dayStart} in {@code currency} (kept by a trigger, V20). */
    Uni<Long> merchantToday(String merchantId, String currency, Instant dayStart);

    /** A customer's barcode payments of a UTC day: static QR codes, and dynamic ones (dynamic QR codes, payment codes). */
    record BarcodeToday(long staticMinor, long dynamicMinor) {
        public static final BarcodeToday NONE = new BarcodeToday(0, 0);
    }

    /**
     * The customer's barcode payments (channel other than {@code api}) created on the UTC day from {@code dayStart}, in
     * {@code currency}, that are not failed or canceled, {@code paymentId} left out. Serialises the barcode confirms of
     * one customer until the caller's transaction ends (a transaction-scoped lock), so two concurrent payments cannot
     * both pass a limit that only one of them fits under.
     */
    Uni<BarcodeToday> barcodeToday(String customerId, String currency, Instant dayStart, String paymentId);

    /** Deletes at most {@code limit} daily totals (customers', then merchants') of days before {@code before}; returns how many. Commits on its own. */
    Uni<Integer> purgeDailyTotals(java.time.LocalDate before, int limit);

    /** One assessment of a confirm: who, what and the decision (outcome and rule ids, comma-separated). */
    record Assessment(
            String paymentId,
            String merchantId,
            String customerId,
            String fingerprint,
            String ip,
            long amount,
            String outcome,
            String ruleIds,
            Instant now) {}

    /** Records an assessment, in the confirm's transaction; velocity counts come from these records. */
    Uni<Void> record(Assessment assessment);

    Uni<java.util.Optional<ScaChallenge>> challenge(String paymentId);

    Uni<Void> saveChallenge(ScaChallenge challenge);
}

package io.payguard.auth.privacy.domain;

import java.time.Duration;
import java.time.Instant;

import io.payguard.kernel.failure.ApplicationException;

/**
 * A data-subject request and where it stands. {@code phase} is the coordinator's step while in progress ({@code export}:
 * waiting for export parts; {@code prepare}, {@code commit}: the erasure's two phases; {@code notify}: the outcome
 * e-mail and the identity's deletion are due), {@code phaseAt} when that step last asked the participants.
 */
public record DataSubjectRequest(
        String id,
        String subject,
        String type,
        String status,
        String jurisdiction,
        Instant receivedAt,
        Instant verifiedAt,
        Instant deadline,
        Instant completedAt,
        String refusalCode,
        String refusalDetail,
        String phase,
        Instant phaseAt,
        String pseudonym,
        String recipientKey,
        String recipientSecret,
        String exportSealed,
        Instant exportExpiresAt,
        java.util.List<Outcome> outcome) {

    /** What a participant did with one type of data (erasure-done). */
    public record Outcome(
            String service, String dataType, String action, long count, Instant holdUntil, String legalBasis) {}

    public static final String ACCESS = "access";
    public static final String ERASURE = "erasure";
    public static final String CORRECTION = "correction";

    public static final String RECEIVED = "received";
    public static final String VERIFIED = "verified";
    public static final String IN_PROGRESS = "in_progress";
    public static final String ON_HOLD = "on_hold";
    public static final String COMPLETED = "completed";
    public static final String REFUSED = "refused";

    public static final String PHASE_EXPORT = "export";
    public static final String PHASE_PREPARE = "prepare";
    public static final String PHASE_COMMIT = "commit";
    public static final String PHASE_NOTIFY = "notify";

    /** A new request: verified at once when the login is recent enough. */
    public static DataSubjectRequest receive(
            String id,
            String subject,
            String type,
            String jurisdiction,
            Instant now,
            Duration deadlineAfter,
            boolean freshLogin) {
        return new DataSubjectRequest(
                id,
                subject,
                type,
                freshLogin ? VERIFIED : RECEIVED,
                jurisdiction,
                now,
                freshLogin ? now : null,
                now.plus(deadlineAfter),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    public boolean finished() {
        return COMPLETED.equals(status) || REFUSED.equals(status);
    }

    public DataSubjectRequest verified(Instant now) {
        if (!RECEIVED.equals(status)) {
            throw ApplicationException.stateConflict(
                    "request_not_awaiting_verification",
                    "Request not awaiting verification",
                    "The request is " + status + ".");
        }
        return with(VERIFIED, phase, phaseAt, now);
    }

    public DataSubjectRequest inPhase(String newPhase, Instant now) {
        return with(IN_PROGRESS, newPhase, now, verifiedAt);
    }

    public DataSubjectRequest onHold() {
        return with(ON_HOLD, null, null, verifiedAt);
    }

    public DataSubjectRequest refused(String code, String detail, Instant now) {
        return new DataSubjectRequest(
                id,
                subject,
                type,
                REFUSED,
                jurisdiction,
                receivedAt,
                verifiedAt,
                deadline,
                now,
                code,
                detail,
                null,
                null,
                pseudonym,
                recipientKey,
                null,
                null,
                null,
                outcome);
    }

    public DataSubjectRequest completed(Instant now, java.util.List<Outcome> newOutcome, String newPhase) {
        return new DataSubjectRequest(
                id,
                subject,
                type,
                COMPLETED,
                jurisdiction,
                receivedAt,
                verifiedAt,
                deadline,
                now,
                null,
                null,
                newPhase,
                newPhase == null ? null : now,
                pseudonym,
                recipientKey,
                recipientSecret,
                exportSealed,
                exportExpiresAt,
                newOutcome);
    }

    public DataSubjectRequest withRecipient(String publicKey, String sealedSecret) {
        return new DataSubjectRequest(
                id,
                subject,
                type,
                status,
                jurisdiction,
                receivedAt,
                verifiedAt,
                deadline,
                completedAt,
                refusalCode,
                refusalDetail,
                phase,
                phaseAt,
                pseudonym,
                publicKey,
                sealedSecret,
                exportSealed,
                exportExpiresAt,
                outcome);
    }

    public DataSubjectRequest withPseudonym(String newPseudonym) {
        return new DataSubjectRequest(
                id,
                subject,
                type,
                status,
                jurisdiction,
                receivedAt,
                verifiedAt,
                deadline,
                completedAt,
                refusalCode,
                refusalDetail,
                phase,
                phaseAt,
                newPseudonym,
                recipientKey,
                recipientSecret,
                exportSealed,
                exportExpiresAt,
                outcome);
    }

    public DataSubjectRequest withExport(String sealed, Instant expiresAt) {
        return new DataSubjectRequest(
                id,
                subject,
                type,
                status,
                jurisdiction,
                receivedAt,
                verifiedAt,
                deadline,
                completedAt,
                refusalCode,
                refusalDetail,
                phase,
                phaseAt,
                pseudonym,
                recipientKey,
                null,
                sealed,
                expiresAt,
                outcome);
    }

    public DataSubjectRequest asked(Instant now) {
        return with(status, phase, now, verifiedAt);
    }

    private DataSubjectRequest with(String newStatus, String newPhase, Instant newPhaseAt, Instant newVerifiedAt) {
        return new DataSubjectRequest(
                id,
                subject,
                type,
                newStatus,
                jurisdiction,
                receivedAt,
                newVerifiedAt,
                deadline,
                completedAt,
                refusalCode,
                refusalDetail,
                newPhase,
                newPhaseAt,
                pseudonym,
                recipientKey,
                recipientSecret,
                exportSealed,
                exportExpiresAt,
                outcome);
    }
}

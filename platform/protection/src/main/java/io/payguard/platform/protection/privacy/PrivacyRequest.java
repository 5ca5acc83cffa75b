package io.payguard.platform.protection.privacy;

/** What auth-service (the coordinator) asks every participant on {@code privacy.requests}. */
public sealed interface PrivacyRequest {

    String requestId();

    String subject();

    /** Export everything about the subject, sealed to {@code recipientKey} (an {@link ExportSeal} public key). */
    record ExportRequested(String requestId, String subject, String recipientKey) implements PrivacyRequest {}

    /** May the subject be erased? Freeze what must not change. */
    record ErasurePrepare(String requestId, String subject) implements PrivacyRequest {}

    /** Erase, and pseudonymise what must be kept under {@code pseudonym}. */
    record ErasureCommit(String requestId, String subject, String pseudonym) implements PrivacyRequest {}

    /** The erasure will not happen: undo the freeze. */
    record ErasureAbort(String requestId, String subject) implements PrivacyRequest {}
}

package io.payguard.payment.application.port;

import java.util.List;

import io.payguard.payment.domain.Authenticator;

/**
 * Verifies WebAuthn ceremonies (W3C WebAuthn Level 2) against the configured relying party (id and origins): rpIdHash,
 * origin, challenge, user presence and user verification, signature. Inputs are the client's raw bytes.
 */
public interface WebAuthnVerifier {

    /** A new credential as the authenticator attested it (fmt {@code none}). */
    record NewCredential(String credentialId, String publicKeyCose, long signCount, String aaguid) {}

    /** What the client sent for a registration (decoded from base64url). */
    record Attestation(String credentialId, byte[] clientDataJson, byte[] attestationObject) {}

    /** What the client sent for an assertion (decoded from base64url); {@code userHandle} may be null. */
    record Assertion(
            String credentialId,
            byte[] clientDataJson,
            byte[] authenticatorData,
            byte[] signature,
            byte[] userHandle) {}

    /** The outcome of an assertion: valid with the authenticator's new counter, or not (reason for the log). */
    record Verdict(boolean valid, long signCount, String reason) {
        public static Verdict invalid(String reason) {
            return new Verdict(false, 0, reason);
        }
    }

    /** Verifies a registration against {@code challenge}; refuses (400 {@code webauthn_registration_invalid}) otherwise. */
    NewCredential register(Attestation attestation, byte[] challenge);

    /** Verifies an assertion of {@code authenticator} over {@code challenge}. */
    Verdict verify(Assertion assertion, Authenticator authenticator, byte[] challenge, List<String> allowed);
}

package io.payguard.auth.privacy.application.port;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.payguard.auth.privacy.domain.DataSubjectRequest;
import io.smallrye.mutiny.Uni;

/**
 * The export's cryptography: a fresh HPKE recipient keypair per request (the private keyset sealed for storage),
 * opening the participants' sealed parts, assembling the signed bundle (Ed25519 by the KMS) and sealing it for the
 * time it is available.
 */
public interface ExportCrypto {

    /** The recipient's public keyset (JSON, base64url) and the private keyset, sealed. */
    record Recipient(String publicKey, String sealedSecret) {}

    /** The bundle signing key: algorithm, key id and public key (X.509 SubjectPublicKeyInfo DER, base64url). */
    record SigningKey(String alg, String keyId, String publicKey) {}

    Uni<Recipient> newRecipient(String requestId);

    /** Opens every service's parts and assembles the signed bundle; answers it sealed for storage. */
    Uni<String> assemble(
            DataSubjectRequest request, Map<String, List<String>> sealedParts, Instant generatedAt, Instant expiresAt);

    /** The stored bundle, opened: its JSON. */
    Uni<String> open(DataSubjectRequest request);

    /** Destroys the keys of an expired or finished export. */
    Uni<Void> shred(String requestId);

    SigningKey signingKey();
}

package io.payguard.platform.web.dpop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * DPoP proofs and the JOSE headers in them, as a client sends them in the {@code DPoP} header: whatever the bytes,
 * {@link DpopProofVerifier#shapeProblem} (run by the request guard before authentication) and
 * {@link DpopProofVerifier#verify} answer with a reason (a 401 problem), never an exception (which was a 500).
 * Half the inputs are raw header values; the other half are assembled as {@code base64url(header).base64url(payload).sig}
 * from fuzzed JSON, so the fuzzer reaches the header, JWK and claim checks behind the Base64 decoding.
 */
class DpopProofVerifierFuzzTest {

    // No fields of the types under test: JUnit loads field types before Jazzer's agent is in, and a class loaded
    // before the agent gets no coverage instrumentation.

    @FuzzTest(maxDuration = "5s")
    @DictionaryEntries({
        "\"typ\"",
        "\"dpop+jwt\"",
        "\"alg\"",
        "\"ES256\"",
        "\"RS256\"",
        "\"EdDSA\"",
        "\"none\"",
        "\"jwk\"",
        "\"kty\"",
        "\"EC\"",
        "\"RSA\"",
        "\"OKP\"",
        "\"crv\"",
        "\"P-256\"",
        "\"Ed25519\"",
        "\"x\"",
        "\"y\"",
        "\"n\"",
        "\"e\"",
        "\"d\"",
        "\"htm\"",
        "\"htu\"",
        "\"iat\"",
        "\"jti\"",
        "\"ath\"",
        "\"POST\"",
        "\"https://127.0.0.1:8442/v1/payment-intents\""
    })
    void aProofIsAcceptedOrRefusedWithAReason(FuzzedDataProvider data) {
        var verifier = new DpopProofVerifier(Duration.ofSeconds(60), Duration.ofSeconds(5));
        boolean signatureVerified = data.consumeBoolean();
        String proof = data.consumeBoolean() ? data.consumeRemainingAsString() : assembled(data);

        String shape = DpopProofVerifier.shapeProblem(proof);
        var outcome = verifier.verify(
                proof,
                "POST",
                "https://127.0.0.1:8442/v1/payment-intents",
                "access-token",
                Instant.ofEpochSecond(1_750_000_000L),
                signatureVerified);

        assertThat(outcome).isNotNull();
        if (shape != null) {
            assertThat(outcome).isEqualTo(new DpopProofVerifier.Invalid(shape));
        }
        if (outcome instanceof DpopProofVerifier.Invalid invalid) {
            assertThat(invalid.reason()).isNotBlank();
        }
    }

    /** The rest of the input as {@code header JSON \n payload JSON \n signature}, each part Base64url-encoded. */
    private static String assembled(FuzzedDataProvider data) {
        String[] parts = data.consumeRemainingAsString().split("\n", 3);
        String header = parts[0];
        String payload = parts.length > 1 ? parts[1] : "";
        byte[] signature = (parts.length > 2 ? parts[2] : "").getBytes(StandardCharsets.UTF_8);
        var b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + b64.encodeToString(signature);
    }
}

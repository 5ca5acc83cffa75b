package io.payguard.platform.web.dpop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.payguard.platform.testing.DpopProofs;

/** The DPoP proof checks of platform/web, in milliseconds (no server). */
class DpopProofVerifierTest {

    static final String URL = "https://api.example/v1/payment_intents/pi_1/confirm";
    final DpopProofVerifier verifier = new DpopProofVerifier(Duration.ofSeconds(60), Duration.ofSeconds(5));
    final DpopProofs key = DpopProofs.newKey();

    @Test
    void aValidProofPassesWithItsKeyThumbprint() {
        var outcome = verifier.verify(key.proof("POST", URL, "token"), "POST", URL, "token", Instant.now());
        assertThat(outcome).isInstanceOf(DpopProofVerifier.Valid.class);
        assertThat(((DpopProofVerifier.Valid) outcome).jkt()).isEqualTo(key.thumbprint());
    }

    @Test
    void forgedAndTamperedSignaturesAreRefused() {
        assertThat(verifier.verify(key.forgedProof("POST", URL, "token"), "POST", URL, "token", Instant.now()))
                .isEqualTo(new DpopProofVerifier.Invalid("bad proof signature"));
        assertThat(verifier.verify(key.tamperedProof("POST", URL, "token"), "POST", URL, "token", Instant.now()))
                .isEqualTo(new DpopProofVerifier.Invalid("bad proof signature"));
    }

    /**
     * When the caller vouches that this exact proof's signature was verified already (the OIDC extension did, in
     * this request), the costly verification is not run a second time, not even hidden in reading the payload; every
     * other check still runs.
     */
    @Test
    void aSignatureVerifiedByTheCallerIsNotVerifiedAgainButTheClaimsStillAre() {
        var tampered = key.tamperedProof("POST", URL, "token");
        assertThat(verifier.verify(tampered, "POST", URL, "token", Instant.now(), true))
                .isInstanceOf(DpopProofVerifier.Valid.class);
        assertThat(verifier.verify(key.proof("POST", URL, "token"), "GET", URL, "token", Instant.now(), true))
                .isEqualTo(new DpopProofVerifier.Invalid("htm does not match the request method"));
        assertThat(verifier.verify(key.proof("POST", URL, "token"), "POST", URL, "another token", Instant.now(), true))
                .isInstanceOf(DpopProofVerifier.Invalid.class);
    }
}

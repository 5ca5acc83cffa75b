package io.payguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.AuthenticationRequest;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.RegistrationRequest;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import com.webauthn4j.verifier.exception.BadChallengeException;
import com.webauthn4j.verifier.exception.BadOriginException;
import com.webauthn4j.verifier.exception.BadRpIdException;
import com.webauthn4j.verifier.exception.BadSignatureException;
import com.webauthn4j.verifier.exception.MaliciousCounterValueException;

/**
 * The e2e tests' {@link SoftAuthenticator} against webauthn4j, the verifier payment-service uses: its registration
 * (attestation {@code none}) and its assertions verify for the RP id {@code localhost} and the origin
 * {@code http://localhost:3000} with user verification required, the sign counter grows, and the controls fail: another
 * challenge, another RP id, another origin, a changed signature, an assertion replayed with an old counter.
 */
class SoftAuthenticatorTest {

    private static final String RP_ID = "localhost";
    private static final Base64.Decoder B64URL = Base64.getUrlDecoder();
    private final WebAuthnManager webauthn = WebAuthnManager.createNonStrictWebAuthnManager();

    private static JsonNode creationOptions(String challenge) {
        return Http.JSON.valueToTree(Map.of(
                "challenge", challenge,
                "rp", Map.of("id", RP_ID, "name", "PayGuard"),
                "user",
                        Map.of(
                                "id",
                                SoftAuthenticator.b64("user-handle-1".getBytes()),
                                "name",
                                "e2e",
                                "displayName",
                                "E2E"),
                "pubKeyCredParams", List.of(Map.of("type", "public-key", "alg", -7)),
                "attestation", "none"));
    }

    private static ServerProperty server(String challenge) {
        return ServerProperty.builder()
                .origin(new Origin(SoftAuthenticator.ORIGIN))
                .rpId(RP_ID)
                .challenge(new DefaultChallenge(challenge))
                .build();
    }

    private static byte[] field(Map<String, Object> credential, String name) {
        @SuppressWarnings("unchecked")
        var response = (Map<String, Object>) credential.get("response");
        return B64URL.decode((String) response.get(name));
    }

    private RegistrationData register(SoftAuthenticator authenticator, String challenge) {
        var credential = authenticator.register(creationOptions(challenge));
        var parameters = new RegistrationParameters(
                server(challenge),
                List.of(new PublicKeyCredentialParameters(
                        PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.ES256)),
                true,
                true);
        return webauthn.verify(
                new RegistrationRequest(field(credential, "attestationObject"), field(credential, "clientDataJSON")),
                parameters);
    }

    private static CredentialRecordImpl record(RegistrationData registration) {
        return new CredentialRecordImpl(
                registration.getAttestationObject(),
                registration.getCollectedClientData(),
                registration.getClientExtensions(),
                registration.getTransports());
    }

    private void verifyAssertion(Map<String, Object> assertion, String challenge, CredentialRecordImpl record) {
        var request = new AuthenticationRequest(
                B64URL.decode((String) assertion.get("id")),
                field(assertion, "userHandle"),
                field(assertion, "authenticatorData"),
                field(assertion, "clientDataJSON"),
                field(assertion, "signature"));
        var verified =
                webauthn.verify(request, new AuthenticationParameters(server(challenge), record, null, true, true));
        record.setCounter(verified.getAuthenticatorData().getSignCount());
    }

    @Test
    void registrationWithAttestationNoneVerifiesAndCarriesTheKeyAndCredentialId() {
        var authenticator = new SoftAuthenticator();
        String challenge = Keycloak.randomUrlSafe(32);
        var registration = register(authenticator, challenge);

        var authData = registration.getAttestationObject().getAuthenticatorData();
        assertThat(registration.getAttestationObject().getFormat()).isEqualTo("none");
        assertThat(authData.isFlagUP()).isTrue();
        assertThat(authData.isFlagUV()).isTrue();
        assertThat(authData.isFlagAT()).isTrue();
        assertThat(authData.getRpIdHash()).isEqualTo(SoftAuthenticator.sha256(RP_ID.getBytes()));
        var attested = authData.getAttestedCredentialData();
        assertThat(attested.getAaguid().getBytes()).containsOnly(0);
        assertThat(SoftAuthenticator.b64(attested.getCredentialId())).isEqualTo(authenticator.credentialId());
        assertThat(attested.getCOSEKey().getPublicKey()).isEqualTo(authenticator.publicKey());
        assertThat(registration.getCollectedClientData().getType().getValue()).isEqualTo("webauthn.create");
    }

    @Test
    void theRegistrationJsonIsWhatABrowsersToJsonGives() throws Exception {
        String challenge = Keycloak.randomUrlSafe(32);
        var credential = new SoftAuthenticator().register(creationOptions(challenge));
        var parameters = new RegistrationParameters(server(challenge), null, true, true);
        var verified = webauthn.verifyRegistrationResponseJSON(Http.JSON.writeValueAsString(credential), parameters);
        assertThat(verified.getAttestationObject().getFormat()).isEqualTo("none");
        assertThat(credential).containsKeys("id", "type", "response").containsEntry("type", "public-key");
    }

    @Test
    void assertionsVerifyOverTheServersChallengeAndTheCounterGrows() throws Exception {
        var authenticator = new SoftAuthenticator();
        var record = record(register(authenticator, Keycloak.randomUrlSafe(32)));
        for (int i = 1; i <= 2; i++) {
            String challenge = Keycloak.randomUrlSafe(32);
            var assertion = authenticator.assertion(challenge);
            verifyAssertion(assertion, challenge, record);
            assertThat(record.getCounter()).isEqualTo(i);
            assertThat(field(assertion, "userHandle")).isEqualTo("user-handle-1".getBytes());
        }
        // the JSON form as well
        String challenge = Keycloak.randomUrlSafe(32);
        var json = Http.JSON.writeValueAsString(authenticator.assertion(challenge));
        var verified = webauthn.verifyAuthenticationResponseJSON(
                json, new AuthenticationParameters(server(challenge), record, null, true, true));
        assertThat(verified.getAuthenticatorData().getSignCount()).isEqualTo(3);
    }

    @Test
    void theControlsFail() {
        var authenticator = new SoftAuthenticator();
        var record = record(register(authenticator, Keycloak.randomUrlSafe(32)));
        String challenge = Keycloak.randomUrlSafe(32);

        // signed over another challenge
        assertThatThrownBy(
                        () -> verifyAssertion(authenticator.assertion(Keycloak.randomUrlSafe(32)), challenge, record))
                .isInstanceOf(BadChallengeException.class);
        // for another relying party
        assertThatThrownBy(() -> verifyAssertion(authenticator.assertion(challenge, "evil.example"), challenge, record))
                .isInstanceOf(BadRpIdException.class);
        // a changed signature
        var tampered = authenticator.assertion(challenge);
        @SuppressWarnings("unchecked")
        var response = (Map<String, Object>) tampered.get("response");
        byte[] signature = B64URL.decode((String) response.get("signature"));
        signature[signature.length - 1] ^= 1;
        response.put("signature", SoftAuthenticator.b64(signature));
        assertThatThrownBy(() -> verifyAssertion(tampered, challenge, record))
                .isInstanceOf(BadSignatureException.class);
        // a good one, then the same again: the counter did not grow
        var good = authenticator.assertion(challenge);
        verifyAssertion(good, challenge, record);
        assertThatThrownBy(() -> verifyAssertion(good, challenge, record))
                .isInstanceOf(MaliciousCounterValueException.class);
        // another origin (a phishing page)
        var phished = new SoftAuthenticator("https://evil.example");
        String regChallenge = Keycloak.randomUrlSafe(32);
        assertThatThrownBy(() -> register(phished, regChallenge)).isInstanceOf(BadOriginException.class);
    }
}

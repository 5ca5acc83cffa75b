package io.payguard.payment.adapter.out.webauthn;

import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.AuthenticationRequest;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.RegistrationRequest;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.COSEKey;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import com.webauthn4j.verifier.attestation.statement.none.NoneAttestationStatementVerifier;
import com.webauthn4j.verifier.attestation.trustworthiness.certpath.NullCertPathTrustworthinessVerifier;
import com.webauthn4j.verifier.attestation.trustworthiness.self.NullSelfAttestationTrustworthinessVerifier;

import io.payguard.kernel.failure.ApplicationException;
import io.payguard.payment.application.port.WebAuthnVerifier;
import io.payguard.payment.config.ScaConfig;
import io.payguard.payment.domain.Authenticator;

/**
 * WebAuthn Level 2 verification with webauthn4j: attestation format {@code none} only (passkeys give no attestation
 * to a relying party that asks for none; no trust in a model is claimed), ES256/RS256/EdDSA keys, user presence and
 * user verification required, rpIdHash and origin against {@code payguard.sca.webauthn.*}. webauthn4j's own signature
 * counter check also applies; the domain ({@link Authenticator#used}) decides on clones.
 */
@ApplicationScoped
public class WebAuthn4jVerifier implements WebAuthnVerifier {

    private static final List<PublicKeyCredentialParameters> ALGORITHMS = List.of(
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.ES256),
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.EdDSA),
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.RS256));

    private final ObjectConverter converter = new ObjectConverter();
    private final WebAuthnManager manager = new WebAuthnManager(
            List.of(new NoneAttestationStatementVerifier()),
            new NullCertPathTrustworthinessVerifier(),
            new NullSelfAttestationTrustworthinessVerifier(),
            converter);
    private final Set<Origin> origins;
    private final String rpId;

    public WebAuthn4jVerifier(ScaConfig config) {
        this.origins = config.webauthn().origins().stream().map(Origin::new).collect(Collectors.toUnmodifiableSet());
        this.rpId = config.webauthn().rpId();
    }

    @Override
    public NewCredential register(Attestation a, byte[] challenge) {
        try {
            var data = manager.verify(
                    new RegistrationRequest(a.attestationObject(), a.clientDataJson()),
                    new RegistrationParameters(
                            new ServerProperty(origins, rpId, new DefaultChallenge(challenge)),
                            ALGORITHMS,
                            true,
                            true));
            var authData = data.getAttestationObject().getAuthenticatorData();
            var credential = authData.getAttestedCredentialData();
            String credentialId = b64(credential.getCredentialId());
            if (!credentialId.equals(a.credentialId())) {
                throw refused("the credential id is not the attested one");
            }
            var aaguid = credential.getAaguid();
            return new NewCredential(
                    credentialId,
                    b64(converter.getCborConverter().writeValueAsBytes(credential.getCOSEKey())),
                    authData.getSignCount(),
                    aaguid == null || aaguid.getValue() == null ? new UUID(0, 0).toString() : aaguid.toString());
        } catch (ApplicationException e) {
            throw e;
        } catch (RuntimeException e) {
            // webauthn4j's VerificationException / DataConversionException, and any malformed CBOR or JSON
            throw refused(e.getClass().getSimpleName());
        }
    }

    private static ApplicationException refused(String why) {
        return ApplicationException.invalid(
                "webauthn_registration_invalid",
                "Registration not verified",
                "the authenticator's registration did not verify (" + why + ")");
    }

    @Override
    public Verdict verify(Assertion a, Authenticator authenticator, byte[] challenge, List<String> allowed) {
        try {
            byte[] credentialId = Base64.getUrlDecoder().decode(authenticator.credentialId());
            var coseKey = converter
                    .getCborConverter()
                    .readValue(Base64.getUrlDecoder().decode(authenticator.publicKeyCose()), COSEKey.class);
            var attested = new AttestedCredentialData(
                    new AAGUID(UUID.fromString(authenticator.aaguid())), credentialId, coseKey);
            var record = new CredentialRecordImpl(
                    new NoneAttestationStatement(),
                    null,
                    null,
                    null,
                    authenticator.signCount(),
                    attested,
                    null,
                    null,
                    null,
                    null);
            var data = manager.verify(
                    new AuthenticationRequest(
                            Base64.getUrlDecoder().decode(a.credentialId()),
                            a.userHandle(),
                            a.authenticatorData(),
                            a.clientDataJson(),
                            null,
                            a.signature()),
                    new AuthenticationParameters(
                            new ServerProperty(origins, rpId, new DefaultChallenge(challenge)),
                            record,
                            allowed.stream()
                                    .map(id -> Base64.getUrlDecoder().decode(id))
                                    .toList(),
                            true,
                            true));
            return new Verdict(true, data.getAuthenticatorData().getSignCount(), null);
        } catch (RuntimeException e) {
            return Verdict.invalid(e.getClass().getSimpleName());
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

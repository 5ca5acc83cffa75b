package io.payguard.payment.adapter.in.rest;

import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.payguard.payment.application.AuthenticatorService;
import io.payguard.payment.application.DeviceConfirmation;
import io.payguard.payment.application.port.WebAuthnVerifier;
import io.payguard.payment.domain.Authenticator;
import io.payguard.platform.web.ProblemException;
import io.payguard.platform.web.openapi.ApiSchemas;

/**
 * Request and answer models of WebAuthn authenticators and device-bound confirmation (the browser's JSON shapes of
 * WebAuthn Level 2: {@code PublicKeyCredentialCreationOptionsJSON}, {@code RegistrationResponseJSON},
 * {@code AuthenticationResponseJSON}); binary values base64url without padding.
 */
public final class AuthenticatorApi {

    static final String B64URL = "^[A-Za-z0-9_-]*$";
    static final String ID_PATTERN = "^authn_[0-9a-f]{32}$";
    static final String REG_PATTERN = "^reg_[0-9a-f]{32}$";
    static final String HOST = "^[A-Za-z0-9.-]{1,253}$";
    static final String SUBJECT = "^[A-Za-z0-9._:@-]{1,128}$";

    /** How a payment's challenge can be answered. */
    public enum Method {
        webauthn,
        code
    }

    private AuthenticatorApi() {}

    public record Rp(
            @Schema(maxLength = 253, pattern = HOST) String id,

            @Schema(maxLength = 64, pattern = "^[A-Za-z0-9 ._-]{1,64}$")
            String name) {}

    public record User(
            @Schema(maxLength = 64, pattern = B64URL) String id,
            @Schema(maxLength = 128, pattern = SUBJECT) String name,

            @Schema(maxLength = 128, pattern = SUBJECT) @JsonProperty("displayName")
            String displayName) {}

    public record CredentialParameter(
            @Schema(enumeration = "public-key") String type,
            @Schema(minimum = "-65535", maximum = "65535") int alg) {}

    public record CredentialDescriptor(
            @Schema(enumeration = "public-key") String type,
            @Schema(maxLength = 1400, pattern = B64URL) String id) {}

    public record AuthenticatorSelection(
            @Schema(enumeration = "required") @JsonProperty("userVerification")
            String userVerification,

            @Schema(enumeration = "preferred") @JsonProperty("residentKey")
            String residentKey) {}

    public record CreationOptions(
            @Schema(maxLength = 40, pattern = REG_PATTERN) String registration,
            @Schema(maxLength = 64, pattern = B64URL) String challenge,
            Rp rp,
            User user,

            @Schema(maxItems = 3) @JsonProperty("pubKeyCredParams")
            List<CredentialParameter> pubKeyCredParams,

            @Schema(minimum = "1000", maximum = "600000") long timeout,
            @Schema(enumeration = "none") String attestation,
            @JsonProperty("authenticatorSelection") AuthenticatorSelection authenticatorSelection,

            @Schema(maxItems = 50) @JsonProperty("excludeCredentials")
            List<CredentialDescriptor> excludeCredentials) {

        static CreationOptions of(AuthenticatorService.RegistrationOptions o) {
            return new CreationOptions(
                    o.registration(),
                    o.challenge(),
                    new Rp(o.rpId(), o.rpName()),
                    new User(o.userId(), o.userName(), o.userName()),
                    List.of(
                            new CredentialParameter("public-key", -7),
                            new CredentialParameter("public-key", -8),
                            new CredentialParameter("public-key", -257)),
                    o.timeoutMillis(),
                    "none",
                    new AuthenticatorSelection("required", "preferred"),
                    o.excludeCredentials().stream()
                            .map(id -> new CredentialDescriptor("public-key", id))
                            .toList());
        }
    }

    public record AttestationResponse(
            @Schema(required = true, maxLength = 4096, pattern = B64URL) @JsonProperty("clientDataJSON")
            String clientDataJson,

            @Schema(required = true, maxLength = 16384, pattern = B64URL) @JsonProperty("attestationObject")
            String attestationObject) {}

    public record RegistrationCredential(
            @Schema(required = true, maxLength = 1400, pattern = B64URL)
            String id,

            @Schema(maxLength = 1400, pattern = B64URL) @JsonProperty("rawId")
            String rawId,

            @Schema(required = true) AttestationResponse response,

            @Schema(required = true, enumeration = "public-key")
            String type) {}

    public record Register(
            @Schema(required = true, maxLength = 40, pattern = REG_PATTERN)
            String registration,

            @Schema(maxLength = 64, description = "A name the customer recognises, such as the device's")
            String name,

            @Schema(required = true) RegistrationCredential credential) {

        AuthenticatorService.Register command() {
            var c = credential;
            if (c == null || c.response() == null || !"public-key".equals(c.type())) {
                throw RequestChecks.invalid("credential must be a public-key credential with its response");
            }
            if (registration == null || !registration.matches("reg_[0-9a-f]{32}")) {
                throw RequestChecks.invalid("registration must be the id answered with the options (reg_…)");
            }
            String label = RequestChecks.freeText(name == null || name.isBlank() ? "Authenticator" : name, 64, "name");
            return new AuthenticatorService.Register(
                    registration,
                    label,
                    new WebAuthnVerifier.Attestation(
                            credentialId(c.id()),
                            bytes(c.response().clientDataJson(), 4096, "clientDataJSON"),
                            bytes(c.response().attestationObject(), 16384, "attestationObject")));
        }
    }

    public record AssertionResponse(
            @Schema(required = true, maxLength = 4096, pattern = B64URL) @JsonProperty("clientDataJSON")
            String clientDataJson,

            @Schema(required = true, maxLength = 2048, pattern = B64URL) @JsonProperty("authenticatorData")
            String authenticatorData,

            @Schema(required = true, maxLength = 1024, pattern = B64URL)
            String signature,

            @Schema(maxLength = 128, pattern = B64URL) @JsonProperty("userHandle")
            String userHandle) {}

    public record AssertionCredential(
            @Schema(required = true, maxLength = 1400, pattern = B64URL)
            String id,

            @Schema(maxLength = 1400, pattern = B64URL) @JsonProperty("rawId")
            String rawId,

            @Schema(required = true) AssertionResponse response,

            @Schema(required = true, enumeration = "public-key")
            String type) {

        WebAuthnVerifier.Assertion assertion() {
            if (response == null || !"public-key".equals(type)) {
                throw RequestChecks.invalid("webauthn must be a public-key credential with its response");
            }
            return new WebAuthnVerifier.Assertion(
                    credentialId(id),
                    bytes(response.clientDataJson(), 4096, "clientDataJSON"),
                    bytes(response.authenticatorData(), 2048, "authenticatorData"),
                    bytes(response.signature(), 1024, "signature"),
                    response.userHandle() == null ? null : bytes(response.userHandle(), 128, "userHandle"));
        }
    }

    static String credentialId(String id) {
        if (id == null || id.isEmpty() || id.length() > 1400 || !id.matches("[A-Za-z0-9_-]+")) {
            throw RequestChecks.invalid("credential id must be base64url (at most 1400 characters)");
        }
        return id.replace("=", "");
    }

    static byte[] bytes(String value, int max, String field) {
        if (value == null || value.isEmpty() || value.length() > max) {
            throw RequestChecks.invalid(field + " is required, base64url, at most " + max + " characters");
        }
        try {
            return Base64.getUrlDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(400, "invalid_request", "Invalid request", field + " is not base64url");
        }
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record View(
            @Schema(maxLength = 38, pattern = ID_PATTERN) String id,
            @Schema(enumeration = "authenticator") String object,
            @Schema(maxLength = 64) String name,
            @Schema(enumeration = {"active", "revoked"}) String status,
            @JsonProperty("created_at") Instant createdAt,

            @Schema(type = SchemaType.STRING, format = "date-time", maxLength = 40, nullable = true)
            @JsonProperty("last_used_at")
            Instant lastUsedAt,

            @Schema(type = SchemaType.STRING, format = "date-time", maxLength = 40, nullable = true)
            @JsonProperty("revoked_at")
            Instant revokedAt) {

        static View of(Authenticator a) {
            return new View(
                    a.id(), "authenticator", a.name(), a.status().id(), a.createdAt(), a.lastUsedAt(), a.revokedAt());
        }
    }

    public record ViewList(
            @Schema(enumeration = "list") String object,
            @Schema(maxItems = 50) List<View> data) {}

    public record Revoke(
            @Schema(required = true, minLength = 1, maxLength = 500, description = "Why (no card number)")
            String reason) {}

    /** The answer of {@code GET authenticate_url}: how the customer can authenticate this payment. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AuthenticationOptions(
            @Schema(maxLength = 35, pattern = PaymentSchemas.INTENT_ID_PATTERN) @JsonProperty("payment_intent")
            String paymentIntent,

            @Schema(minimum = "1", maximum = ApiSchemas.MAX_AMOUNT)
            long amount,

            @Schema(maxLength = 3, pattern = ApiSchemas.CURRENCY_PATTERN)
            String currency,

            @Schema(maxLength = 128, pattern = SUBJECT, description = "The payee (merchant id)")
            String payee,

            @Schema(maxItems = 2, description = "webauthn and/or code")
            List<Method> methods,

            WebAuthnRequest webauthn,
            CodeChannel code) {

        static AuthenticationOptions of(DeviceConfirmation.Options o) {
            var p = o.payment();
            var web = o.challenge() == null
                    ? null
                    : new WebAuthnRequest(
                            o.challenge(),
                            o.rpId(),
                            o.allowCredentials().stream()
                                    .map(id -> new CredentialDescriptor("public-key", id))
                                    .toList(),
                            "required",
                            o.timeoutMillis());
            var code = o.code() == null || !o.methods().contains("code")
                    ? null
                    : new CodeChannel(o.code().channel(), o.code().maskedTo());
            return new AuthenticationOptions(
                    p.id(),
                    p.amount().minor(),
                    p.amount().currencyCode(),
                    p.merchantId(),
                    o.methods().stream().map(Method::valueOf).toList(),
                    web,
                    code);
        }
    }

    /** {@code PublicKeyCredentialRequestOptionsJSON}: the challenge commits to payment id, amount, currency, payee. */
    public record WebAuthnRequest(
            @Schema(maxLength = 64, pattern = B64URL) String challenge,

            @Schema(maxLength = 253, pattern = HOST) @JsonProperty("rpId")
            String rpId,

            @Schema(maxItems = 50) @JsonProperty("allowCredentials")
            List<CredentialDescriptor> allowCredentials,

            @Schema(enumeration = "required") @JsonProperty("userVerification")
            String userVerification,

            @Schema(minimum = "1000", maximum = "600000") long timeout) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CodeChannel(
            @Schema(enumeration = {"email", "sms", "log"}) String channel,

            @Schema(maxLength = 64, pattern = "^[^\\s]{1,64}$") @JsonProperty("sent_to")
            String sentTo) {}
}

package io.payguard.platform.web.merchant;

import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.payguard.platform.web.signature.HttpSignatureVerifier;
import io.payguard.platform.web.signature.SigningKeyFormat;

/**
 * What other services may know about a merchant: whether it may be paid, its settlement currency and the limits set at
 * onboarding (integer minor units of that currency), the public keys it signs requests with and whether it must.
 * Deliberately minimal: no name, no contact, nothing personal. Records written before signed requests existed have
 * neither {@code signingKeys} nor {@code requestSigning}: they read as no keys and {@code optional}.
 */
public record MerchantState(
        String merchantId,
        Status status,
        Currency currency,
        long perTransactionLimitMinor,
        long dailyLimitMinor,
        List<SigningKey> signingKeys,
        boolean signingRequired) {

    /** A registered request-signing key: {@code publicKey} is the base64 DER SubjectPublicKeyInfo. */
    public record SigningKey(String keyId, String alg, String publicKey, boolean active) {
        public SigningKey {
            Objects.requireNonNull(keyId, "keyId");
            Objects.requireNonNull(alg, "alg");
            Objects.requireNonNull(publicKey, "publicKey");
        }
    }

    public enum Status {
        ACTIVE,
        SUSPENDED
    }

    public MerchantState {
        Objects.requireNonNull(merchantId, "merchantId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(currency, "currency");
        if (perTransactionLimitMinor <= 0 || dailyLimitMinor < perTransactionLimitMinor) {
            throw new IllegalArgumentException("limits: per transaction > 0 and daily >= per transaction");
        }
        signingKeys = List.copyOf(signingKeys == null ? List.of() : signingKeys);
    }

    /** A merchant without signing keys that need not sign. */
    public MerchantState(
            String merchantId, Status status, Currency currency, long perTransactionLimitMinor, long dailyLimitMinor) {
        this(merchantId, status, currency, perTransactionLimitMinor, dailyLimitMinor, List.of(), false);
    }

    /** The key of that id for verifying a signature (inactive keys included, so the verifier can say why). */
    public Optional<HttpSignatureVerifier.VerificationKey> verificationKey(String keyId) {
        return signingKeys.stream()
                .filter(k -> k.keyId().equals(keyId))
                .findFirst()
                .flatMap(k -> SigningKeyFormat.parse(k.alg(), k.publicKey())
                        .map(p -> new HttpSignatureVerifier.VerificationKey(k.keyId(), p.alg(), p.key(), k.active())));
    }

    public boolean active() {
        return status == Status.ACTIVE;
    }

    /** The {@code data} of a {@link MerchantStates#STATE_TYPE} event. */
    public ObjectNode toData(ObjectMapper mapper) {
        var d = mapper.createObjectNode();
        d.put("merchantId", merchantId);
        d.put("status", status.name());
        d.put("currency", currency.getCurrencyCode());
        d.put("perTransactionLimitMinor", perTransactionLimitMinor);
        d.put("dailyLimitMinor", dailyLimitMinor);
        var keys = d.putArray("signingKeys");
        for (var k : signingKeys) {
            keys.addObject()
                    .put("keyId", k.keyId())
                    .put("alg", k.alg())
                    .put("publicKey", k.publicKey())
                    .put("status", k.active() ? "active" : "revoked");
        }
        d.put("requestSigning", signingRequired ? "required" : "optional");
        return d;
    }

    /** Reads the {@code data} of a state event; anything missing or malformed is an {@link IllegalArgumentException}. */
    public static MerchantState fromData(JsonNode d) {
        if (d == null || !d.isObject()) {
            throw new IllegalArgumentException("merchant state without data");
        }
        return new MerchantState(
                text(d, "merchantId"),
                Status.valueOf(text(d, "status").toUpperCase(Locale.ROOT)),
                Currency.getInstance(text(d, "currency")),
                integer(d, "perTransactionLimitMinor"),
                integer(d, "dailyLimitMinor"),
                signingKeys(d.get("signingKeys")),
                requestSigning(d.get("requestSigning")));
    }

    private static List<SigningKey> signingKeys(JsonNode keys) {
        if (keys == null || keys.isNull()) {
            return List.of();
        }
        if (!keys.isArray() || keys.size() > 100) {
            throw new IllegalArgumentException("merchant state: signingKeys must be an array");
        }
        var out = new ArrayList<SigningKey>();
        for (JsonNode k : keys) {
            String status = text(k, "status");
            if (!status.equals("active") && !status.equals("revoked")) {
                throw new IllegalArgumentException("merchant state: a signing key is active or revoked");
            }
            out.add(new SigningKey(text(k, "keyId"), text(k, "alg"), text(k, "publicKey"), status.equals("active")));
        }
        return out;
    }

    private static boolean requestSigning(JsonNode value) {
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isTextual()
                || !(value.asText().equals("required") || value.asText().equals("optional"))) {
            throw new IllegalArgumentException("merchant state: requestSigning is required or optional");
        }
        return value.asText().equals("required");
    }

    private static String text(JsonNode d, String field) {
        var v = d.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException("merchant state needs '" + field + "'");
        }
        return v.asText();
    }

    private static long integer(JsonNode d, String field) {
        var v = d.get(field);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new IllegalArgumentException("merchant state needs an integer '" + field + "'");
        }
        return v.asLong();
    }
}

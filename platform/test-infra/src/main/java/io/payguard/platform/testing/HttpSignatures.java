package io.payguard.platform.testing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A merchant's request-signing key and the RFC 9421 signatures it makes, the way PayGuard verifies them (platform/web
 * README, "Signed requests"): covered {@code "@method" "@target-uri"}, {@code "content-digest"} when there is a body
 * (RFC 9530, sha-256) and {@code "idempotency-key"} when given; parameters {@code created}, {@code keyid},
 * {@code nonce}, {@code alg}; label {@code sig1}. Plain JDK crypto, so tests and merchants' samples need nothing else.
 */
public final class HttpSignatures {

    public static final String ED25519 = "ed25519";
    public static final String ECDSA_P256_SHA256 = "ecdsa-p256-sha256";

    private final String keyId;
    private final String alg;
    private final KeyPair keys;

    private HttpSignatures(String keyId, String alg, KeyPair keys) {
        this.keyId = keyId;
        this.alg = alg;
        this.keys = keys;
    }

    /** A fresh key pair of {@code alg} ({@link #ED25519} or {@link #ECDSA_P256_SHA256}). */
    public static HttpSignatures newKey(String keyId, String alg) {
        try {
            KeyPairGenerator generator;
            if (ED25519.equals(alg)) {
                generator = KeyPairGenerator.getInstance("Ed25519");
            } else {
                generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec("secp256r1"));
            }
            return new HttpSignatures(keyId, alg, generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An existing key pair (e.g. RFC 9421's test-key-ed25519). */
    public static HttpSignatures of(String keyId, String alg, KeyPair keys) {
        return new HttpSignatures(keyId, alg, keys);
    }

    public String keyId() {
        return keyId;
    }

    public String alg() {
        return alg;
    }

    /** What the merchant registers: the X.509 SubjectPublicKeyInfo, DER, base64. */
    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
    }

    /** The headers to add to a request. */
    public record Signed(String signatureInput, String signature, String contentDigest, String signatureBase) {
        /** Name-value pairs, {@code Content-Digest} only when there is a body. */
        public Map<String, String> headers() {
            var out = new LinkedHashMap<String, String>();
            out.put("Signature-Input", signatureInput);
            out.put("Signature", signature);
            if (contentDigest != null) {
                out.put("Content-Digest", contentDigest);
            }
            return out;
        }
    }

    /** Signs now with a random nonce. */
    public Signed sign(String method, String targetUri, String body, String idempotencyKey) {
        return sign(
                method,
                targetUri,
                body == null ? null : body.getBytes(StandardCharsets.UTF_8),
                idempotencyKey,
                Instant.now(),
                UUID.randomUUID().toString());
    }

    /** Signs a request; {@code body} and {@code idempotencyKey} may be null (not sent). */
    public Signed sign(
            String method, String targetUri, byte[] body, String idempotencyKey, Instant created, String nonce) {
        var components = new ArrayList<>(List.of("@method", "@target-uri"));
        var values = new ArrayList<>(List.of(method.toUpperCase(java.util.Locale.ROOT), targetUri));
        String digest = null;
        if (body != null && body.length > 0) {
            digest = contentDigest(body);
            components.add("content-digest");
            values.add(digest);
        }
        if (idempotencyKey != null) {
            components.add("idempotency-key");
            values.add(idempotencyKey.strip());
        }
        var inner = new StringBuilder("(");
        for (int i = 0; i < components.size(); i++) {
            inner.append(i == 0 ? "" : " ")
                    .append('"')
                    .append(components.get(i))
                    .append('"');
        }
        inner.append(");created=")
                .append(created.getEpochSecond())
                .append(";keyid=")
                .append(quoted(keyId))
                .append(";nonce=")
                .append(quoted(nonce))
                .append(";alg=")
                .append(quoted(alg));
        var base = new StringBuilder();
        for (int i = 0; i < components.size(); i++) {
            base.append('"')
                    .append(components.get(i))
                    .append("\": ")
                    .append(values.get(i))
                    .append('\n');
        }
        base.append("\"@signature-params\": ").append(inner);
        byte[] signature = signBase(base.toString());
        return new Signed(
                "sig1=" + inner,
                "sig1=:" + Base64.getEncoder().encodeToString(signature) + ":",
                digest,
                base.toString());
    }

    /** Signs a signature base as given (for tests of the base itself). */
    public byte[] signBase(String base) {
        try {
            var signer = Signature.getInstance(ED25519.equals(alg) ? "Ed25519" : "SHA256withECDSAinP1363Format");
            signer.initSign(keys.getPrivate());
            signer.update(base.getBytes(StandardCharsets.UTF_8));
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RFC 9530 {@code Content-Digest} with sha-256. */
    public static String contentDigest(byte[] body) {
        try {
            return "sha-256=:"
                    + Base64.getEncoder()
                            .encodeToString(MessageDigest.getInstance("SHA-256").digest(body)) + ":";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String quoted(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}

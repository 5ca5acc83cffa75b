package io.payguard.platform.web.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.payguard.platform.testing.HttpSignatures;

class HttpSignatureVerifierTest {

    // RFC 9421 appendix B.1.4, test-key-ed25519
    static final String RFC_PUBLIC = "MCowBQYDK2VwAyEAJrQLj5P/89iXES9+vFgrIy29clF9CC/oPPsw3c5D0bs=";
    static final String RFC_PRIVATE = "MC4CAQAwBQYDK2VwBCIEIJ+DYvh6SEqVTm50DFtMDoQikTmiCqirVv9mWG9qfSnF";
    static final String RFC_B26_SIGNATURE =
            "wqcAqbmYJ2ji2glfAMaRy4gruYYnx2nEFN2HN6jrnDnQCK1u02Gb04v9EDgwUPiu4A0w6vuQv5lIp5WPpBKRCw==";

    static final String NOISE = "\"();=:,?*\\ -1a\u00e9";
    static final Instant NOW = Instant.parse("2026-12-07T06:00:00Z");
    static final String URI = "https://api.payguard.example/v1/payment_intents";
    static final String BODY = "{\"amount\":1000,\"currency\":\"CNY\"}";

    final Set<String> seen = new HashSet<>();
    final HttpSignatureVerifier verifier =
            new HttpSignatureVerifier(Duration.ofSeconds(300), (k, n) -> seen.add(k + "|" + n));
    final HttpSignatures merchant = HttpSignatures.newKey("key-1", HttpSignatures.ED25519);

    @Test
    void rfc9421_b26_signature_base_and_signature() throws Exception {
        var headers = Map.of(
                "date", List.of("Tue, 20 Apr 2021 02:07:55 GMT"),
                "content-type", List.of("application/json"),
                "content-length", List.of("18"));
        var request = new HttpSignatureVerifier.Request(
                "POST",
                "https://example.com/foo?param=Value&Pet=dog",
                n -> headers.getOrDefault(n, List.of()),
                "{\"hello\": \"world\"}".getBytes(StandardCharsets.UTF_8),
                false);
        var input = StructuredFields.dictionary("sig-b26=(\"date\" \"@method\" \"@path\" \"@authority\" "
                + "\"content-type\" \"content-length\");created=1618884473;keyid=\"test-key-ed25519\"");
        String base = SignatureBase.of((StructuredFields.InnerList) input.get("sig-b26"), request);

        assertThat(base)
                .isEqualTo("\"date\": Tue, 20 Apr 2021 02:07:55 GMT\n"
                        + "\"@method\": POST\n"
                        + "\"@path\": /foo\n"
                        + "\"@authority\": example.com\n"
                        + "\"content-type\": application/json\n"
                        + "\"content-length\": 18\n"
                        + "\"@signature-params\": (\"date\" \"@method\" \"@path\" \"@authority\" \"content-type\" "
                        + "\"content-length\");created=1618884473;keyid=\"test-key-ed25519\"");
        var rfcKeys = rfcKeyPair();
        var check = Signature.getInstance("Ed25519");
        check.initVerify(rfcKeys.getPublic());
        check.update(base.getBytes(StandardCharsets.UTF_8));
        assertThat(check.verify(Base64.getDecoder().decode(RFC_B26_SIGNATURE))).isTrue();
        // Ed25519 is deterministic: the test-infra signer reproduces the RFC's signature byte for byte
        var signer = HttpSignatures.of("test-key-ed25519", HttpSignatures.ED25519, rfcKeys);
        assertThat(Base64.getEncoder().encodeToString(signer.signBase(base))).isEqualTo(RFC_B26_SIGNATURE);
    }

    /** The worked example of the README ("Signed requests"), byte for byte. */
    @Test
    void the_readme_example_signs_and_verifies() throws Exception {
        String body =
                "{\"amount\":2500,\"currency\":\"CNY\",\"customer\":\"cust-1\",\"payment_method_type\":\"wallet\"}";
        var signer = HttpSignatures.of("test-key-ed25519", HttpSignatures.ED25519, rfcKeyPair());
        var signed = signer.sign(
                "POST",
                "https://api.payguard.example/v1/payment_intents",
                body.getBytes(StandardCharsets.UTF_8),
                "8e0f7c52-1d3a-4b6e-9f21-7a5c0d9e3b14",
                Instant.ofEpochSecond(1796623200),
                "b3k2pPq9x4WmZrT1sN8vYq");
        assertThat(signed.contentDigest()).isEqualTo("sha-256=:/qGJgknk7gRXWzQHFzbPSvqgaiNv7+uIv+wC5qs148o=:");
        assertThat(signed.signature())
                .isEqualTo(
                        "sig1=:A3hv/H2AS4pQFQEv9FeDpPdI7yqhxuVWgTdS7FawpEvLIiL5pp/xUeWdIWtLMgoA8pXnc7Y1I2ffw9yaiA2xBA==:");
        var key = SigningKeyFormat.parse("ed25519", RFC_PUBLIC).orElseThrow();
        var outcome = verifier.verify(
                request(
                        signed.headers(),
                        "POST",
                        "https://api.payguard.example/v1/payment_intents",
                        body,
                        "8e0f7c52-1d3a-4b6e-9f21-7a5c0d9e3b14"),
                k -> Optional.of(new HttpSignatureVerifier.VerificationKey(k, "ed25519", key.key(), true)),
                Instant.ofEpochSecond(1796623200 + 30));
        assertThat(outcome).isEqualTo(new HttpSignatureVerifier.Verified("test-key-ed25519"));
    }

    @Test
    void a_correctly_signed_request_verifies_for_both_algorithms() {
        for (var keys : List.of(merchant, HttpSignatures.newKey("key-es", HttpSignatures.ECDSA_P256_SHA256))) {
            var signed = keys.sign("POST", URI, BODY.getBytes(StandardCharsets.UTF_8), "idem-1", NOW, nonce());
            assertThat(verify(keys, signed, "POST", URI, BODY, "idem-1"))
                    .isEqualTo(new HttpSignatureVerifier.Verified(keys.keyId()));
        }
    }

    @Test
    void no_signature_is_absent_and_the_caller_decides() {
        assertThat(verifier.verify(request(Map.of(), "POST", URI, BODY), k -> Optional.empty(), NOW))
                .isInstanceOf(HttpSignatureVerifier.Absent.class);
    }

    @Test
    void each_refusal_has_its_reason() {
        var signed = merchant.sign("POST", URI, BODY.getBytes(StandardCharsets.UTF_8), "idem-1", NOW, nonce());
        assertThat(reason(verify(merchant, signed, "POST", URI, BODY, "idem-1")))
                .isNull();
        assertThat(reason(verify(merchant, signed, "POST", URI, BODY, "idem-1")))
                .isEqualTo("signature_replayed");
        var fresh = merchant.sign("POST", URI, BODY.getBytes(StandardCharsets.UTF_8), "idem-1", NOW, nonce());
        assertThat(reason(verify(merchant, fresh, "POST", URI, BODY.replace("1000", "9000"), "idem-1")))
                .isEqualTo("content_digest_mismatch");
        assertThat(reason(verify(merchant, fresh, "POST", URI + "?x=1", BODY, "idem-1")))
                .isEqualTo("signature_invalid");
        assertThat(reason(verify(merchant, fresh, "POST", URI, BODY, "idem-2"))).isEqualTo("signature_invalid");
        var old = merchant.sign(
                "POST", URI, BODY.getBytes(StandardCharsets.UTF_8), "idem-1", NOW.minusSeconds(301), nonce());
        assertThat(reason(verify(merchant, old, "POST", URI, BODY, "idem-1"))).isEqualTo("signature_expired");
        var other = HttpSignatures.newKey("key-2", HttpSignatures.ED25519);
        var unknown = other.sign("POST", URI, BODY.getBytes(StandardCharsets.UTF_8), "idem-1", NOW, nonce());
        assertThat(reason(verify(merchant, unknown, "POST", URI, BODY, "idem-1")))
                .isEqualTo("unknown_signing_key");
        var noIdempotency = merchant.sign("POST", URI, BODY.getBytes(StandardCharsets.UTF_8), null, NOW, nonce());
        assertThat(reason(verify(merchant, noIdempotency, "POST", URI, BODY, "idem-1")))
                .isEqualTo("signature_invalid");
        var shortNonce = merchant.sign("POST", URI, BODY.getBytes(StandardCharsets.UTF_8), "idem-1", NOW, "short");
        assertThat(reason(verify(merchant, shortNonce, "POST", URI, BODY, "idem-1")))
                .isEqualTo("signature_invalid");
    }

    @Test
    void a_revoked_key_is_unknown_and_alg_must_be_the_keys() {
        var signed = merchant.sign("POST", URI, BODY.getBytes(StandardCharsets.UTF_8), "idem-1", NOW, nonce());
        var key = SigningKeyFormat.parse(HttpSignatures.ED25519, merchant.publicKeyBase64())
                .orElseThrow();
        var revoked = new HttpSignatureVerifier.VerificationKey("key-1", "ed25519", key.key(), false);
        assertThat(reason(verifier.verify(
                        request(signed.headers(), "POST", URI, BODY, "idem-1"), k -> Optional.of(revoked), NOW)))
                .isEqualTo("unknown_signing_key");
        var wrongAlg = new HttpSignatureVerifier.VerificationKey("key-1", "ecdsa-p256-sha256", key.key(), true);
        assertThat(reason(verifier.verify(
                        request(signed.headers(), "POST", URI, BODY, "idem-1"), k -> Optional.of(wrongAlg), NOW)))
                .isEqualTo("signature_invalid");
    }

    @Test
    void key_format_refuses_rsa_other_curves_and_garbage() throws Exception {
        var rsa = java.security.KeyPairGenerator.getInstance("RSA")
                .generateKeyPair()
                .getPublic();
        var ec = java.security.KeyPairGenerator.getInstance("EC");
        ec.initialize(new java.security.spec.ECGenParameterSpec("secp384r1"));
        var p384 = ec.generateKeyPair().getPublic();
        String b64 = Base64.getEncoder().encodeToString(rsa.getEncoded());
        assertThat(SigningKeyFormat.parse("ecdsa-p256-sha256", b64)).isEmpty();
        assertThat(SigningKeyFormat.parse("ed25519", b64)).isEmpty();
        assertThat(SigningKeyFormat.parse(
                        "ecdsa-p256-sha256", Base64.getEncoder().encodeToString(p384.getEncoded())))
                .isEmpty();
        assertThat(SigningKeyFormat.parse("ed25519", "not base64 at all!")).isEmpty();
        assertThat(SigningKeyFormat.parse("rsa-pss-sha512", merchant.publicKeyBase64()))
                .isEmpty();
        var es = HttpSignatures.newKey("k", HttpSignatures.ECDSA_P256_SHA256);
        assertThat(SigningKeyFormat.parse("ecdsa-p256-sha256", es.publicKeyBase64()))
                .isPresent();
        assertThat(SigningKeyFormat.parse("ed25519", es.publicKeyBase64())).isEmpty();
        String pem = "-----BEGIN PUBLIC KEY-----\n" + merchant.publicKeyBase64() + "\n-----END PUBLIC KEY-----\n";
        assertThat(SigningKeyFormat.parse("ed25519", pem).orElseThrow().publicKeyBase64())
                .isEqualTo(merchant.publicKeyBase64());
    }

    @Test
    void malformed_headers_never_throw() {
        var random = new Random(9421);
        var signed = merchant.sign("POST", URI, BODY.getBytes(StandardCharsets.UTF_8), "idem-1", NOW, nonce());
        List<String> seeds = new ArrayList<>(List.of(
                signed.signatureInput(),
                signed.signature(),
                signed.contentDigest(),
                "",
                "=",
                "sig1=(",
                "sig1=(\"a",
                "sig1=:",
                "sig1=:!!:",
                "sig1=();created=99999999999999999999",
                "a=1,",
                "A=1",
                "sig1=(\"@method\";x)",
                "sig1=(\"@method\");created=1.5",
                "sig1=?2",
                "sig1=\"\\x\"",
                "\u0000",
                "sig1=(\"@query-param\")"));
        for (int round = 0; round < 3000; round++) {
            var headers = new HashMap<String, String>();
            for (String name : List.of("Signature-Input", "Signature", "Content-Digest")) {
                headers.put(name, mutate(seeds.get(random.nextInt(seeds.size())), random));
            }
            var outcome = verifier.verify(
                    request(headers, "POST", URI, BODY, "idem-1"),
                    k -> SigningKeyFormat.parse("ed25519", merchant.publicKeyBase64())
                            .map(p -> new HttpSignatureVerifier.VerificationKey(k, "ed25519", p.key(), true)),
                    NOW);
            assertThat(outcome).isNotNull().isNotInstanceOf(HttpSignatureVerifier.Verified.class);
        }
    }

    private static String mutate(String seed, Random random) {
        var chars = new StringBuilder(seed);
        int edits = random.nextInt(4);
        for (int i = 0; i < edits && !chars.isEmpty(); i++) {
            int at = random.nextInt(chars.length());
            switch (random.nextInt(3)) {
                case 0 -> chars.deleteCharAt(at);
                case 1 -> chars.insert(at, NOISE.charAt(random.nextInt(NOISE.length())));
                default -> chars.setCharAt(at, (char) random.nextInt(128));
            }
        }
        return chars.toString();
    }

    private HttpSignatureVerifier.Outcome verify(
            HttpSignatures registered,
            HttpSignatures.Signed signed,
            String method,
            String uri,
            String body,
            String idempotencyKey) {
        var key = SigningKeyFormat.parse(registered.alg(), registered.publicKeyBase64())
                .orElseThrow();
        return verifier.verify(
                request(signed.headers(), method, uri, body, idempotencyKey),
                k -> k.equals(registered.keyId())
                        ? Optional.of(new HttpSignatureVerifier.VerificationKey(k, key.alg(), key.key(), true))
                        : Optional.empty(),
                NOW);
    }

    private static HttpSignatureVerifier.Request request(
            Map<String, String> headers, String method, String uri, String body, String idempotencyKey) {
        var lower = new HashMap<String, List<String>>();
        headers.forEach((k, v) -> lower.put(k.toLowerCase(java.util.Locale.ROOT), List.of(v)));
        if (idempotencyKey != null) {
            lower.put("idempotency-key", List.of(idempotencyKey));
        }
        return new HttpSignatureVerifier.Request(
                method, uri, n -> lower.getOrDefault(n, List.of()), body.getBytes(StandardCharsets.UTF_8), true);
    }

    private static HttpSignatureVerifier.Request request(
            Map<String, String> headers, String method, String uri, String body) {
        return request(headers, method, uri, body, null);
    }

    private static String reason(HttpSignatureVerifier.Outcome outcome) {
        return outcome instanceof HttpSignatureVerifier.Refused r ? r.reason().code() : null;
    }

    private static String nonce() {
        return java.util.UUID.randomUUID().toString();
    }

    private static KeyPair rfcKeyPair() throws Exception {
        var factory = KeyFactory.getInstance("Ed25519");
        return new KeyPair(
                factory.generatePublic(
                        new X509EncodedKeySpec(Base64.getDecoder().decode(RFC_PUBLIC))),
                factory.generatePrivate(
                        new PKCS8EncodedKeySpec(Base64.getDecoder().decode(RFC_PRIVATE))));
    }
}

package io.payguard.e2e;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A software WebAuthn authenticator (a "passkey" without a device), for the end-to-end tests: one ES256 (P-256) key
 * pair, registered with attestation {@code none}, then signing assertions as a platform authenticator with user
 * verification would (flags UP and UV). What the browser adds is done here too: the {@code clientDataJSON} with the
 * type, the server's challenge and the app's origin.
 *
 * <p>Registration ({@link #register}) answers creation options (a {@code PublicKeyCredentialCreationOptionsJSON}) with
 * an attestation object ({@code fmt "none"}, CBOR) whose authenticator data carry the attested credential data: AAGUID
 * zeros, the credential id and the public key as a COSE EC2 key. An assertion ({@link #assertion}) is the authenticator
 * data (rpIdHash = SHA-256 of the RP id, flags, sign counter, incremented per assertion), the client data and an ES256
 * DER signature over {@code authenticatorData || SHA-256(clientDataJSON)}. The JSON shapes are those of the WebAuthn
 * Level 3 {@code toJSON()} (base64url without padding), as issue 17's API takes them.
 *
 * <p>The CBOR is written by a minimal encoder here, on purpose not by the verifier's library: {@code
 * SoftAuthenticatorTest} checks this output with webauthn4j, two independent implementations against each other.
 */
final class SoftAuthenticator {

    static final String ORIGIN = "http://localhost:3000";
    private static final byte UP = 0x01;
    private static final byte UV = 0x04;
    private static final byte AT = 0x40;
    private static final int COSE_ES256 = -7;
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64URL_DECODER = Base64.getUrlDecoder();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyPair keys;
    private final byte[] credentialId = new byte[32];
    private final String origin;
    private String rpId;
    private byte[] userHandle;
    private int signCount;

    SoftAuthenticator() {
        this(ORIGIN);
    }

    SoftAuthenticator(String origin) {
        this.origin = origin;
        try {
            var generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            this.keys = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        RANDOM.nextBytes(credentialId);
    }

    /** The credential id, base64url. */
    String credentialId() {
        return B64URL.encodeToString(credentialId);
    }

    int signCount() {
        return signCount;
    }

    ECPublicKey publicKey() {
        return (ECPublicKey) keys.getPublic();
    }

    /**
     * The answer to creation options ({@code challenge}, {@code rp.id}, {@code user.id}): the credential JSON
     * {@code {"id","rawId","type":"public-key","response":{"clientDataJSON","attestationObject"}}}.
     */
    Map<String, Object> register(JsonNode options) {
        this.rpId = options.path("rp").path("id").asText();
        this.userHandle = B64URL_DECODER.decode(options.path("user").path("id").asText());
        String clientData =
                clientData("webauthn.create", options.path("challenge").asText());
        var attestation = new LinkedHashMap<Object, Object>();
        attestation.put("fmt", "none");
        attestation.put("attStmt", Map.of());
        attestation.put("authData", authenticatorData((byte) (UP | UV | AT), attestedCredentialData()));
        var response = new LinkedHashMap<String, Object>();
        response.put("clientDataJSON", b64(clientData.getBytes(StandardCharsets.UTF_8)));
        response.put("attestationObject", b64(Cbor.encode(attestation)));
        return credential(response);
    }

    /**
     * An assertion over {@code challenge} (base64url, as the server sent it) for the RP id registered with: the JSON
     * {@code {"id","rawId","type":"public-key","response":{"clientDataJSON","authenticatorData","signature","userHandle"}}}.
     */
    Map<String, Object> assertion(String challenge) {
        if (rpId == null) {
            throw new IllegalStateException("not registered");
        }
        return assertion(challenge, rpId);
    }

    /** An assertion for another RP id (a phishing site's, in tests). */
    Map<String, Object> assertion(String challenge, String forRpId) {
        signCount++;
        byte[] authData = authenticatorData((byte) (UP | UV), new byte[0], forRpId);
        byte[] clientData = clientData("webauthn.get", challenge).getBytes(StandardCharsets.UTF_8);
        byte[] signature;
        try {
            var signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(keys.getPrivate(), RANDOM);
            signer.update(authData);
            signer.update(sha256(clientData));
            signature = signer.sign(); // ASN.1 DER, as WebAuthn wants for ES256
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        var response = new LinkedHashMap<String, Object>();
        response.put("clientDataJSON", b64(clientData));
        response.put("authenticatorData", b64(authData));
        response.put("signature", b64(signature));
        response.put("userHandle", b64(userHandle));
        return credential(response);
    }

    private Map<String, Object> credential(Map<String, Object> response) {
        var credential = new LinkedHashMap<String, Object>();
        credential.put("id", credentialId());
        credential.put("rawId", credentialId());
        credential.put("type", "public-key");
        credential.put("response", response);
        return credential;
    }

    private String clientData(String type, String challenge) {
        var data = new LinkedHashMap<String, Object>();
        data.put("type", type);
        data.put("challenge", challenge);
        data.put("origin", origin);
        data.put("crossOrigin", false);
        try {
            return Http.JSON.writeValueAsString(data);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] authenticatorData(byte flags, byte[] attested) {
        return authenticatorData(flags, attested, rpId);
    }

    private byte[] authenticatorData(byte flags, byte[] attested, String forRpId) {
        return ByteBuffer.allocate(37 + attested.length)
                .put(sha256(forRpId.getBytes(StandardCharsets.UTF_8)))
                .put(flags)
                .putInt(signCount)
                .put(attested)
                .array();
    }

    /** AAGUID (16 zero bytes: no attestation), credential id length and id, COSE_Key of the public key. */
    private byte[] attestedCredentialData() {
        var coseKey = new LinkedHashMap<Object, Object>();
        coseKey.put(1, 2); // kty: EC2
        coseKey.put(3, COSE_ES256); // alg: ES256
        coseKey.put(-1, 1); // crv: P-256
        coseKey.put(-2, unsigned32(publicKey().getW().getAffineX()));
        coseKey.put(-3, unsigned32(publicKey().getW().getAffineY()));
        byte[] key = Cbor.encode(coseKey);
        return ByteBuffer.allocate(16 + 2 + credentialId.length + key.length)
                .put(new byte[16])
                .putShort((short) credentialId.length)
                .put(credentialId)
                .put(key)
                .array();
    }

    private static byte[] unsigned32(BigInteger coordinate) {
        byte[] raw = coordinate.toByteArray();
        byte[] out = new byte[32];
        int copy = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
        return out;
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String b64(byte[] data) {
        return B64URL.encodeToString(data);
    }

    /**
     * The CBOR subset WebAuthn needs (RFC 8949): integers, text and byte strings, maps, in the order given (callers give
     * CTAP2's canonical order: shorter keys first).
     */
    static final class Cbor {
        private Cbor() {}

        static byte[] encode(Object value) {
            var out = new ByteArrayOutputStream();
            write(out, value);
            return out.toByteArray();
        }

        private static void write(ByteArrayOutputStream out, Object value) {
            switch (value) {
                case Integer i when i >= 0 -> head(out, 0, i);
                case Integer i -> head(out, 1, -1L - i);
                case byte[] bytes -> {
                    head(out, 2, bytes.length);
                    out.writeBytes(bytes);
                }
                case String s -> {
                    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
                    head(out, 3, utf8.length);
                    out.writeBytes(utf8);
                }
                case Map<?, ?> map -> {
                    head(out, 5, map.size());
                    map.forEach((k, v) -> {
                        write(out, k);
                        write(out, v);
                    });
                }
                default -> throw new IllegalArgumentException("not encodable: " + value.getClass());
            }
        }

        private static void head(ByteArrayOutputStream out, int major, long n) {
            int type = major << 5;
            if (n < 24) {
                out.write(type | (int) n);
            } else if (n < 0x100) {
                out.write(type | 24);
                out.write((int) n);
            } else if (n < 0x10000) {
                out.write(type | 25);
                out.write((int) (n >> 8));
                out.write((int) n);
            } else {
                out.write(type | 26);
                out.writeBytes(ByteBuffer.allocate(4).putInt((int) n).array());
            }
        }
    }
}

package io.payguard.payment.sca;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
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

/**
 * A platform authenticator in software, as a phone's passkey behaves (WebAuthn Level 2): a P-256 key pair, a
 * registration with attestation format {@code none} (CBOR attestation object with attested credential data and a COSE
 * EC2 key), and ES256 assertions over {@code authenticatorData || SHA-256(clientDataJSON)}. The CBOR is written here by
 * hand (a few definite-length items), so the server's parser (webauthn4j) is tested against an independent encoder.
 */
public final class SoftwareAuthenticator {

    public static final String ORIGIN = "http://localhost:3000";
    public static final String RP_ID = "localhost";
    private static final byte UP = 0x01;
    private static final byte UV = 0x04;
    private static final byte AT = 0x40;

    private final KeyPair keys;
    private final byte[] credentialId = new byte[32];
    private int counter;
    /** Set false to act as an authenticator that did not verify the user (no PIN/biometrics). */
    public boolean userVerified = true;
    /** Set to send a counter that does not increase (a cloned key). */
    public Integer forcedCounter;

    public SoftwareAuthenticator() {
        try {
            var generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            keys = generator.generateKeyPair();
            new SecureRandom().nextBytes(credentialId);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public String credentialId() {
        return b64(credentialId);
    }

    /** The {@code credential} of {@code POST /v1/authenticators} for the options' {@code challenge}. */
    public Map<String, Object> register(String challenge, String origin) {
        byte[] clientData = clientData("webauthn.create", challenge, origin);
        counter = 0;
        var authData = new ByteArrayOutputStream();
        authData.writeBytes(sha256(RP_ID.getBytes(StandardCharsets.UTF_8)));
        authData.write(UP | (userVerified ? UV : 0) | AT);
        authData.writeBytes(ByteBuffer.allocate(4).putInt(counter).array());
        authData.writeBytes(new byte[16]); // AAGUID: zeros, as attestation "none" reports
        authData.writeBytes(
                ByteBuffer.allocate(2).putShort((short) credentialId.length).array());
        authData.writeBytes(credentialId);
        authData.writeBytes(coseKey());
        var attestation = new Cbor()
                .map(3)
                .text("fmt")
                .text("none")
                .text("attStmt")
                .map(0)
                .text("authData")
                .bytes(authData.toByteArray())
                .done();
        var response = new LinkedHashMap<String, Object>();
        response.put("clientDataJSON", b64(clientData));
        response.put("attestationObject", b64(attestation));
        return Map.of("id", credentialId(), "rawId", credentialId(), "type", "public-key", "response", response);
    }

    /** The {@code webauthn} of {@code POST authenticate_url}: an assertion over {@code challenge}. */
    public Map<String, Object> assertion(String challenge, String origin) {
        byte[] clientData = clientData("webauthn.get", challenge, origin);
        counter++;
        int count = forcedCounter != null ? forcedCounter : counter;
        var authData = ByteBuffer.allocate(37)
                .put(sha256(RP_ID.getBytes(StandardCharsets.UTF_8)))
                .put((byte) (UP | (userVerified ? UV : 0)))
                .putInt(count)
                .array();
        try {
            var signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(keys.getPrivate());
            signer.update(authData);
            signer.update(sha256(clientData));
            var response = new LinkedHashMap<String, Object>();
            response.put("clientDataJSON", b64(clientData));
            response.put("authenticatorData", b64(authData));
            response.put("signature", b64(signer.sign()));
            return Map.of("id", credentialId(), "rawId", credentialId(), "type", "public-key", "response", response);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] clientData(String type, String challenge, String origin) {
        return ("{\"type\":\"" + type + "\",\"challenge\":\"" + challenge + "\",\"origin\":\"" + origin
                        + "\",\"crossOrigin\":false}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** COSE_Key (RFC 9053) of the EC2 P-256 public key: kty 2, alg -7 (ES256), crv 1, x, y. */
    private byte[] coseKey() {
        var w = ((ECPublicKey) keys.getPublic()).getW();
        return new Cbor()
                .map(5)
                .integer(1)
                .integer(2)
                .integer(3)
                .integer(-7)
                .integer(-1)
                .integer(1)
                .integer(-2)
                .bytes(coordinate(w.getAffineX()))
                .integer(-3)
                .bytes(coordinate(w.getAffineY()))
                .done();
    }

    private static byte[] coordinate(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[32];
        int n = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - n, out, 32 - n, n);
        return out;
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Definite-length CBOR (RFC 8949): unsigned and negative integers, byte and text strings, maps. */
    static final class Cbor {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        private Cbor head(int major, long n) {
            int mt = major << 5;
            if (n < 24) {
                out.write(mt | (int) n);
            } else if (n < 256) {
                out.write(mt | 24);
                out.write((int) n);
            } else if (n < 65536) {
                out.write(mt | 25);
                out.write((int) (n >> 8));
                out.write((int) n & 0xff);
            } else {
                out.write(mt | 26);
                out.writeBytes(ByteBuffer.allocate(4).putInt((int) n).array());
            }
            return this;
        }

        Cbor integer(long v) {
            return v >= 0 ? head(0, v) : head(1, -1 - v);
        }

        Cbor bytes(byte[] b) {
            head(2, b.length);
            out.writeBytes(b);
            return this;
        }

        Cbor text(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            head(3, b.length);
            out.writeBytes(b);
            return this;
        }

        Cbor map(int entries) {
            return head(5, entries);
        }

        byte[] done() {
            return out.toByteArray();
        }
    }
}

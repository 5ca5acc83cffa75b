package io.payguard.platform.testing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.keys.EllipticCurves;

/** A client's DPoP key pair and the proofs it signs (RFC 9449), for tests. */
public final class DpopProofs {

    private final EllipticCurveJsonWebKey key;

    private DpopProofs(EllipticCurveJsonWebKey key) {
        this.key = key;
    }

    public static DpopProofs newKey() {
        try {
            return new DpopProofs(EcJwkGenerator.generateJwk(EllipticCurves.P256));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The RFC 7638 thumbprint the authorisation server puts in {@code cnf.jkt}. */
    public String thumbprint() {
        try {
            return key.calculateBase64urlEncodedThumbprint("SHA-256");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public String proof(String method, String url, String accessToken) {
        return proof(method, url, accessToken, Instant.now(), UUID.randomUUID().toString());
    }

    public String proof(String method, String url, String accessToken, Instant iat, String jti) {
        try {
            var claims = new JwtClaims();
            claims.setJwtId(jti);
            claims.setStringClaim("htm", method);
            // RFC 9449 §4.2: htu is the target URI without query and fragment.
            claims.setStringClaim("htu", url.replaceFirst("[?#].*$", ""));
            claims.setIssuedAt(org.jose4j.jwt.NumericDate.fromSeconds(iat.getEpochSecond()));
            if (accessToken != null) {
                claims.setStringClaim(
                        "ath",
                        Base64.getUrlEncoder()
                                .withoutPadding()
                                .encodeToString(MessageDigest.getInstance("SHA-256")
                                        .digest(accessToken.getBytes(StandardCharsets.US_ASCII))));
            }
            var jws = new JsonWebSignature();
            jws.setPayload(claims.toJson());
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
            jws.setHeader("typ", "dpop+jwt");
            jws.getHeaders().setJwkHeaderValue("jwk", JsonWebKey.Factory.newJwk(key.getPublicKey()));
            jws.setKey(key.getPrivateKey());
            return jws.getCompactSerialization();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A proof that names this key in its header but is signed by another one: a forgery. */
    public String forgedProof(String method, String url, String accessToken) {
        String real = proof(method, url, accessToken);
        String other = newKey().proof(method, url, accessToken);
        String[] r = real.split("\\.");
        String[] o = other.split("\\.");
        return r[0] + "." + r[1] + "." + o[2];
    }

    /** A proof of this key whose claims were changed after signing (here: another jti). */
    public String tamperedProof(String method, String url, String accessToken) {
        String[] parts = proof(method, url, accessToken).split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String changed = claims.replaceFirst("\"jti\":\"[^\"]*\"", "\"jti\":\"" + UUID.randomUUID() + "\"");
        return parts[0] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(changed.getBytes(StandardCharsets.UTF_8)) + "."
                + parts[2];
    }
}

package io.payguard.platform.web.dpop;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwx.JsonWebStructure;

/**
 * Checks a DPoP proof (RFC 9449 §4.3) against the request it came with: {@code typ=dpop+jwt}, an asymmetric
 * algorithm from the allow-list, a public JWK in the header that verifies the signature, {@code htm} and
 * {@code htu} equal to the request's method and URL, {@code iat} inside the acceptance window, a {@code jti},
 * and {@code ath} equal to the hash of the access token. Replay of {@code jti} is the caller's concern
 * ({@link DpopReplayCache}). Plain Java over jose4j; no framework types.
 */
public final class DpopProofVerifier {

    public static final Set<String> ALGORITHMS =
            Set.of("ES256", "ES384", "ES512", "PS256", "PS384", "PS512", "RS256", "EdDSA");

    public sealed interface Outcome permits Valid, Invalid {}

    /** {@code jkt}: the RFC 7638 thumbprint of the proof key, to compare with the token's {@code cnf.jkt}. */
    public record Valid(String jkt, String jti, Instant issuedAt) implements Outcome {}

    public record Invalid(String reason) implements Outcome {}

    /** Far above any real proof (an RSA-4096 key in the header and a few claims stay under 2 KiB). */
    static final int MAX_PROOF_LENGTH = 8192;

    private final Duration maxAge;
    private final Duration maxClockSkew;

    public DpopProofVerifier(Duration maxAge, Duration maxClockSkew) {
        this.maxAge = maxAge;
        this.maxClockSkew = maxClockSkew;
    }

    public Outcome verify(String proof, String method, String url, String accessToken, Instant now) {
        return verify(proof, method, url, accessToken, now, false);
    }

    /**
     * As {@link #verify(String, String, String, String, Instant)}; with {@code signatureVerified} the signature check
     * (the one costly step, an ECDSA/RSA verification) is left out because the caller knows this exact proof was
     * verified against its header key in this request already. Every other check still runs.
     */
    /**
     * The checks that need neither the request nor a key: one compact JWS whose header says {@code typ=dpop+jwt},
     * an allowed algorithm and a public JWK. Run before authentication, so that no malformed proof ever reaches the
     * OIDC extension (which answered some, such as {@code alg: none}, with a NullPointerException). Null when the
     * proof has that shape, else the reason it has not.
     */
    public static String shapeProblem(String proof) {
        return parse(proof) instanceof Invalid invalid ? invalid.reason() : null;
    }

    /** A proof whose shape {@link #parse} accepted: the JWS and the public key from its header. */
    private record Parsed(JsonWebSignature jws, PublicJsonWebKey jwk) {}

    private static Object parse(String proof) {
        if (proof == null || proof.isBlank()) {
            return new Invalid("missing DPoP proof");
        }
        if (proof.length() > MAX_PROOF_LENGTH) {
            return new Invalid("the DPoP proof is too long");
        }
        try {
            if (!(JsonWebStructure.fromCompactSerialization(proof) instanceof JsonWebSignature jws)) {
                return new Invalid("the DPoP proof is not a JWS");
            }
            if (!"dpop+jwt".equals(jws.getHeader("typ"))) {
                return new Invalid("typ must be dpop+jwt");
            }
            if (!ALGORITHMS.contains(jws.getAlgorithmHeaderValue())) {
                return new Invalid("algorithm not allowed");
            }
            Object jwkHeader = jws.getHeaders().getObjectHeaderValue("jwk");
            if (!(jwkHeader instanceof Map<?, ?> jwkMap)) {
                return new Invalid("no jwk in the proof header");
            }
            if (jwkMap.containsKey("d") || jwkMap.containsKey("p") || jwkMap.containsKey("k")) {
                return new Invalid("the proof header carries a private or symmetric key");
            }
            @SuppressWarnings("unchecked")
            PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk((Map<String, Object>) jwkMap);
            if (jwk.getPublicKey() == null || blank(jws.getEncodedPayload()) || blank(jws.getEncodedSignature())) {
                return new Invalid("malformed DPoP proof");
            }
            return new Parsed(jws, jwk);
        } catch (Exception e) {
            return new Invalid("malformed DPoP proof");
        }
    }

    private static boolean blank(String part) {
        return part == null || part.isEmpty();
    }

    public Outcome verify(
            String proof, String method, String url, String accessToken, Instant now, boolean signatureVerified) {
        var shape = parse(proof);
        if (shape instanceof Invalid invalid) {
            return invalid;
        }
        var jws = ((Parsed) shape).jws();
        var jwk = ((Parsed) shape).jwk();
        try {
            jws.setAlgorithmConstraints(new AlgorithmConstraints(
                    AlgorithmConstraints.ConstraintType.PERMIT, ALGORITHMS.toArray(String[]::new)));
            jws.setKey(jwk.getPublicKey());
            if (!signatureVerified && !jws.verifySignature()) {
                return new Invalid("bad proof signature");
            }
            // verified above, or by the OIDC extension for this very proof: getPayload() would verify it (again)
            JwtClaims claims = JwtClaims.parse(jws.getUnverifiedPayload());
            if (!method.equalsIgnoreCase(claims.getStringClaimValue("htm"))) {
                return new Invalid("htm does not match the request method");
            }
            if (!normalise(url).equals(normalise(claims.getStringClaimValue("htu")))) {
                return new Invalid("htu does not match the request URL");
            }
            if (claims.getIssuedAt() == null) {
                return new Invalid("no iat");
            }
            Instant iat = Instant.ofEpochSecond(claims.getIssuedAt().getValue());
            if (iat.isBefore(now.minus(maxAge)) || iat.isAfter(now.plus(maxClockSkew))) {
                return new Invalid("iat outside the acceptance window");
            }
            String jti = claims.getJwtId();
            if (jti == null || jti.isBlank() || jti.length() > 256) {
                return new Invalid("no usable jti");
            }
            if (!ath(accessToken).equals(claims.getStringClaimValue("ath"))) {
                return new Invalid("ath does not match the access token");
            }
            return new Valid(jwk.calculateBase64urlEncodedThumbprint("SHA-256"), jti, iat);
        } catch (Exception e) {
            return new Invalid("malformed DPoP proof");
        }
    }

    public static String ath(String accessToken) {
        try {
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(MessageDigest.getInstance("SHA-256")
                            .digest(accessToken.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Scheme and host compared case-insensitively, default ports dropped, no query or fragment. */
    static String normalise(String url) {
        if (url == null) {
            return "";
        }
        var u = java.net.URI.create(url);
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase();
        int port = u.getPort();
        boolean defaultPort =
                port == -1 || ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
        return scheme + "://" + (u.getHost() == null ? "" : u.getHost().toLowerCase()) + (defaultPort ? "" : ":" + port)
                + (u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath());
    }
}

package io.payguard.platform.web.signature;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * The public keys a merchant may register for signed requests, in RFC 9421's algorithm names: {@code ed25519} and
 * {@code ecdsa-p256-sha256} (ES256), as an X.509 SubjectPublicKeyInfo (DER, base64) or its PEM. Parsing is the JDK's
 * ({@code KeyFactory}); this class only checks that the key is of the declared algorithm (and, for ECDSA, on P-256):
 * RSA keys, other curves and garbage are refused.
 */
public final class SigningKeyFormat {

    public static final String ED25519 = "ed25519";
    public static final String ECDSA_P256_SHA256 = "ecdsa-p256-sha256";

    private static final BigInteger P256_ORDER = p256Order();

    private SigningKeyFormat() {}

    /** The key as registered: its algorithm and the canonical base64 of its DER SubjectPublicKeyInfo. */
    public record Parsed(String alg, String publicKeyBase64, PublicKey key) {}

    /** The key, or empty when it does not parse or is not a key of {@code alg}. Never throws on bad input. */
    public static Optional<Parsed> parse(String alg, String base64OrPem) {
        if (alg == null || base64OrPem == null || base64OrPem.length() > 4096) {
            return Optional.empty();
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(stripPem(base64OrPem));
            PublicKey key = switch (alg.toLowerCase(Locale.ROOT)) {
                case ED25519 -> ed25519(der);
                case ECDSA_P256_SHA256 -> p256(der);
                default -> null;
            };
            return key == null
                    ? Optional.empty()
                    : Optional.of(new Parsed(
                            alg.toLowerCase(Locale.ROOT), Base64.getEncoder().encodeToString(key.getEncoded()), key));
        } catch (IllegalArgumentException | GeneralSecurityException | ClassCastException e) {
            return Optional.empty();
        }
    }

    private static PublicKey ed25519(byte[] der) throws GeneralSecurityException {
        var key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        return key instanceof EdECPublicKey ? key : null;
    }

    private static PublicKey p256(byte[] der) throws GeneralSecurityException {
        var key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
        if (!(key instanceof ECPublicKey ec)
                || ec.getParams().getCurve().getField().getFieldSize() != 256
                || !ec.getParams().getOrder().equals(P256_ORDER)) {
            return null;
        }
        return key;
    }

    private static String stripPem(String text) {
        return text.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
    }

    /** The JCA signature algorithm that verifies an RFC 9421 signature of {@code alg} (raw r||s for ECDSA). */
    static String jcaAlgorithm(String alg) {
        return ED25519.equals(alg) ? "Ed25519" : "SHA256withECDSAinP1363Format";
    }

    private static BigInteger p256Order() {
        try {
            var params = AlgorithmParameters.getInstance("EC");
            params.init(new ECGenParameterSpec("secp256r1"));
            return params.getParameterSpec(ECParameterSpec.class).getOrder();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no P-256", e);
        }
    }
}

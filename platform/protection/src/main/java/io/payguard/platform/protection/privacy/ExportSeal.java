package io.payguard.platform.protection.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.google.crypto.tink.HybridDecrypt;
import com.google.crypto.tink.HybridEncrypt;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.hybrid.HpkeParameters;
import com.google.crypto.tink.hybrid.HybridConfig;

/**
 * Seals one service's part of a data export to the requester (auth-service), so the customer's data crosses Kafka only
 * as ciphertext: HPKE (RFC 9180, DHKEM X25519 / HKDF-SHA256 / AES-256-GCM) through Google Tink's hybrid encryption.
 * auth-service makes a fresh key pair per request, publishes the public key in the request and keeps the private key
 * sealed by the KMS until the export is assembled. The context info binds each ciphertext to its request and service,
 * so a part cannot be replayed into another request or passed off as another service's.
 */
public final class ExportSeal {

    /** Characters of base64url per {@code export-part} event (well under Kafka's default 1 MiB record). */
    public static final int CHUNK_CHARS = 256 * 1024;
    /** At most this many chunks per service and request (16 MiB of ciphertext). */
    public static final int MAX_CHUNKS = 64;

    /** A recipient key pair: the private keyset (JSON, secret: seal it before storing) and the public key (base64url). */
    public record Recipient(String privateKeyset, String publicKey) {
        @Override
        public String toString() {
            return "Recipient[publicKey=" + publicKey + "]";
        }
    }

    static {
        try {
            HybridConfig.register();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Tink hybrid encryption unavailable", e);
        }
    }

    private ExportSeal() {}

    public static Recipient newRecipient() {
        try {
            KeysetHandle priv = KeysetHandle.generateNew(HpkeParameters.builder()
                    .setVariant(HpkeParameters.Variant.NO_PREFIX)
                    .setKemId(HpkeParameters.KemId.DHKEM_X25519_HKDF_SHA256)
                    .setKdfId(HpkeParameters.KdfId.HKDF_SHA256)
                    .setAeadId(HpkeParameters.AeadId.AES_256_GCM)
                    .build());
            String privJson = TinkJsonProtoKeysetFormat.serializeKeyset(priv, InsecureSecretKeyAccess.get());
            String pubJson = TinkJsonProtoKeysetFormat.serializeKeysetWithoutSecret(priv.getPublicKeysetHandle());
            return new Recipient(
                    privJson,
                    Base64.getUrlEncoder().withoutPadding().encodeToString(pubJson.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not create an export key pair", e);
        }
    }

    /** Seals {@code plaintext} to the public key, bound to the request and service; answers base64url. */
    public static String seal(String publicKey, String requestId, String service, byte[] plaintext) {
        try {
            String json = new String(Base64.getUrlDecoder().decode(publicKey), StandardCharsets.UTF_8);
            KeysetHandle pub = TinkJsonProtoKeysetFormat.parseKeysetWithoutSecret(json);
            byte[] sealed = pub.getPrimitive(RegistryConfiguration.get(), HybridEncrypt.class)
                    .encrypt(plaintext, context(requestId, service));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sealed);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the export recipient key is not a usable HPKE public key", e);
        }
    }

    /** Opens what {@link #seal} made with the matching public key, for the same request and service. */
    public static byte[] open(String privateKeyset, String requestId, String service, String sealed)
            throws GeneralSecurityException {
        KeysetHandle priv = TinkJsonProtoKeysetFormat.parseKeyset(privateKeyset, InsecureSecretKeyAccess.get());
        byte[] ciphertext;
        try {
            ciphertext = Base64.getUrlDecoder().decode(sealed);
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("sealed export part is not base64url", e);
        }
        return priv.getPrimitive(RegistryConfiguration.get(), HybridDecrypt.class)
                .decrypt(ciphertext, context(requestId, service));
    }

    /** Splits a sealed export into {@link #CHUNK_CHARS}-sized chunks, at least one. */
    public static List<String> chunks(String sealed) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < sealed.length(); i += CHUNK_CHARS) {
            out.add(sealed.substring(i, Math.min(sealed.length(), i + CHUNK_CHARS)));
        }
        if (out.isEmpty()) {
            out.add(sealed);
        }
        if (out.size() > MAX_CHUNKS) {
            throw new IllegalStateException("export too large: " + out.size() + " chunks of " + CHUNK_CHARS);
        }
        return out;
    }

    private static byte[] context(String requestId, String service) {
        return ("payguard.privacy.export/1|" + requestId + "|" + service).getBytes(StandardCharsets.UTF_8);
    }
}

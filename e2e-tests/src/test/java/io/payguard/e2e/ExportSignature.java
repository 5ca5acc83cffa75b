package io.payguard.e2e;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Checks a data export's signature the way a customer or regulator would, with nothing but the published key (issue
 * 18, access requests): {@code signature: {alg: "Ed25519", keyId, value}} over the export without its
 * {@code signature} member, in the JSON canonical form of RFC 8785 (members sorted by name, no whitespace). The
 * published key ({@code GET /v1/data_subject_requests/export_signing_key}) is read as {@code publicKey} (or
 * {@code key}): X.509 SubjectPublicKeyInfo DER, or the raw 32-byte Ed25519 key, in base64 or base64url. The document's
 * own member order is tried too, so a signer that signs the bytes it serves is accepted as well.
 */
final class ExportSignature {

    static final List<String> SERVICES = List.of("auth-service", "payment-service", "wallet-service", "audit-service");

    /** The DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410) before the 32 key bytes. */
    private static final byte[] ED25519_SPKI_PREFIX = {
        0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00
    };

    private ExportSignature() {}

    /** Whether a service's part of the export holds something: a non-empty section (array or object with values). */
    static boolean hasEntries(JsonNode part) {
        if (part == null || !part.isObject() || part.isEmpty()) {
            return false;
        }
        for (JsonNode section : part) {
            if ((section.isArray() || section.isObject()) && !section.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    static boolean verifies(JsonNode export, JsonNode publishedKey) {
        JsonNode signature = export.path("signature");
        if (!"Ed25519".equals(signature.path("alg").asText())) {
            return false;
        }
        if (publishedKey.has("keyId")
                && signature.has("keyId")
                && !publishedKey
                        .path("keyId")
                        .asText()
                        .equals(signature.path("keyId").asText())) {
            return false;
        }
        byte[] sig = decode(signature.path("value").asText());
        PublicKey key = publicKey(decode(publishedKey
                .path(publishedKey.has("publicKey") ? "publicKey" : "key")
                .asText()));
        var unsigned = ((ObjectNode) export.deepCopy());
        unsigned.remove("signature");
        for (byte[] candidate : List.of(canonical(unsigned), compact(unsigned))) {
            if (verify(key, candidate, sig)) {
                return true;
            }
        }
        return false;
    }

    /** The export with one character of its summary changed (a control: it must not verify). */
    static JsonNode tampered(JsonNode export) {
        var copy = (ObjectNode) export.deepCopy();
        copy.put("summary", copy.path("summary").asText() + ".");
        return copy;
    }

    /** RFC 8785 canonical JSON (members sorted by their names; this suite's numbers are integers, written as such). */
    static byte[] canonical(JsonNode node) {
        return compact(sorted(node));
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            Map<String, JsonNode> members = new TreeMap<>();
            node.fields().forEachRemaining(e -> members.put(e.getKey(), sorted(e.getValue())));
            var out = JsonNodeFactory.instance.objectNode();
            members.forEach(out::set);
            return out;
        }
        if (node.isArray()) {
            var out = JsonNodeFactory.instance.arrayNode();
            node.forEach(n -> out.add(sorted(n)));
            return out;
        }
        return node;
    }

    private static byte[] compact(JsonNode node) {
        try {
            return Http.JSON.writeValueAsString(node).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    private static boolean verify(PublicKey key, byte[] data, byte[] sig) {
        try {
            var v = Signature.getInstance("Ed25519");
            v.initVerify(key);
            v.update(data);
            return v.verify(sig);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static PublicKey publicKey(byte[] encoded) {
        byte[] der = encoded;
        if (encoded.length == 32) {
            der = new byte[ED25519_SPKI_PREFIX.length + 32];
            System.arraycopy(ED25519_SPKI_PREFIX, 0, der, 0, ED25519_SPKI_PREFIX.length);
            System.arraycopy(encoded, 0, der, ED25519_SPKI_PREFIX.length, 32);
        }
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new AssertionError("the published export signing key is not an Ed25519 key", e);
        }
    }

    static byte[] decode(String b64) {
        var errors = new ArrayList<IllegalArgumentException>();
        for (var decoder : List.of(Base64.getUrlDecoder(), Base64.getDecoder())) {
            try {
                return decoder.decode(b64);
            } catch (IllegalArgumentException e) {
                errors.add(e);
            }
        }
        throw new AssertionError("not base64: " + errors);
    }
}

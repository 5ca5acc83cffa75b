package io.payguard.auth.privacy.adapter.out.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.payguard.auth.privacy.application.port.ExportCrypto;
import io.payguard.auth.privacy.config.PrivacyConfig;
import io.payguard.auth.privacy.domain.DataSubjectRequest;
import io.payguard.platform.protection.envelope.FieldContext;
import io.payguard.platform.protection.envelope.FieldEncryptor;
import io.payguard.platform.protection.kms.KeyManagementService;
import io.payguard.platform.protection.kms.KeyPurpose;
import io.payguard.platform.protection.privacy.ExportSeal;
import io.payguard.platform.protection.quarkus.KmsCalls;
import io.payguard.platform.protection.quarkus.SubjectKeys;
import io.smallrye.mutiny.Uni;

/**
 * Export cryptography with platform/protection. Each request gets an HPKE keypair ({@link ExportSeal}: Tink, X25519,
 * HKDF-SHA256, AES-256-GCM); the participants seal their parts to its public keyset, bound to request and service,
 * and chunk the ciphertext. The private keyset and the assembled bundle are stored sealed under a data key of their own (data subject
 * {@code dsr/<id>}, envelope encryption by the KMS), shredded when the export ends. The bundle is signed with Ed25519
 * by the KMS ({@link KeyManagementService#signWithVersion}, the version pinned at start) over its canonical JSON
 * without {@code signature}: keys sorted, no whitespace.
 */
@ApplicationScoped
public class TinkExportCrypto implements ExportCrypto {

    static final String TABLE = "data_subject_request";
    private static final Logger LOG = Logger.getLogger(TinkExportCrypto.class);

    private final SubjectKeys keys;
    private final FieldEncryptor fields;
    private final KmsCalls kmsCalls;
    private final KeyManagementService kms;
    private final ObjectMapper mapper;
    private final String keyName;
    private final int version;
    private final SigningKey signingKey;

    public TinkExportCrypto(
            SubjectKeys keys,
            FieldEncryptor fields,
            KmsCalls kmsCalls,
            KeyManagementService kms,
            ObjectMapper mapper,
            PrivacyConfig config) {
        this.keys = keys;
        this.fields = fields;
        this.kmsCalls = kmsCalls;
        this.kms = kms;
        this.mapper = mapper;
        this.keyName = config.signingKeyName();
        this.version = kms.ensureKey(keyName, KeyPurpose.SIGN).currentVersion();
        byte[] publicKey = kms.publicKey(keyName, version);
        this.signingKey = new SigningKey("Ed25519", keyIdOf(publicKey), b64(publicKey));
    }

    /** A key id: {@code ed25519:} and the first 16 hex digits of the SHA-256 of the public key (SubjectPublicKeyInfo DER). */
    public static String keyIdOf(byte[] publicKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(publicKey);
            return "ed25519:" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Uni<Recipient> newRecipient(String requestId) {
        ExportSeal.Recipient recipient = ExportSeal.newRecipient();
        return keys.current(subject(requestId))
                .map(key -> new Recipient(
                        recipient.publicKey(),
                        fields.encrypt(key, context(requestId, "recipient_secret"), recipient.privateKeyset())));
    }

    @Override
    public Uni<String> assemble(
            DataSubjectRequest request, Map<String, List<String>> sealedParts, Instant generatedAt, Instant expiresAt) {
        String id = request.id();
        return keys.version(subject(id), FieldEncryptor.keyVersion(request.recipientSecret()))
                .flatMap(key -> {
                    String secret = fields.decrypt(key, context(id, "recipient_secret"), request.recipientSecret())
                            .orElse(null);
                    ObjectNode bundle = bundle(request, open(secret, id, sealedParts), generatedAt, expiresAt);
                    return kmsCalls.call(() -> kms.signWithVersion(keyName, version, canonical(bundle)))
                            .flatMap(signature -> {
                                bundle.putObject("signature")
                                        .put("alg", signingKey.alg())
                                        .put("keyId", signingKey.keyId())
                                        .put("value", b64(signature));
                                return keys.current(subject(id))
                                        .map(current -> fields.encrypt(
                                                current, context(id, "export_sealed"), bundle.toString()));
                            });
                });
    }

    @Override
    public Uni<String> open(DataSubjectRequest request) {
        String id = request.id();
        return keys.version(subject(id), FieldEncryptor.keyVersion(request.exportSealed()))
                .map(key -> fields.decrypt(key, context(id, "export_sealed"), request.exportSealed())
                        .orElse(null));
    }

    @Override
    public Uni<Void> shred(String requestId) {
        return keys.shred(subject(requestId)).replaceWithVoid();
    }

    @Override
    public SigningKey signingKey() {
        return signingKey;
    }

    /** Each service's part: its chunks joined in order, opened with the request's private keyset, read as JSON. */
    private Map<String, JsonNode> open(String secret, String requestId, Map<String, List<String>> sealedParts) {
        Map<String, JsonNode> sections = new TreeMap<>();
        for (var entry : sealedParts.entrySet()) {
            try {
                byte[] part = ExportSeal.open(secret, requestId, entry.getKey(), String.join("", entry.getValue()));
                sections.put(entry.getKey(), mapper.readTree(part));
            } catch (GeneralSecurityException | java.io.IOException e) {
                LOG.warnf(
                        "the export part of %s for %s cannot be opened: %s",
                        entry.getKey(), requestId, e.getClass().getSimpleName());
                sections.put(entry.getKey(), mapper.createObjectNode().put("error", "part_unreadable"));
            }
        }
        return sections;
    }

    private ObjectNode bundle(
            DataSubjectRequest request, Map<String, JsonNode> sections, Instant generatedAt, Instant expiresAt) {
        ObjectNode bundle = mapper.createObjectNode()
                .put("object", "data_export")
                .put("requestId", request.id())
                .put("subject", request.subject())
                .put("generatedAt", generatedAt.toString())
                .put("expiresAt", expiresAt.toString())
                .put("summary", ExportSummary.of(request.subject(), sections, generatedAt, expiresAt));
        ObjectNode services = bundle.putObject("services");
        sections.forEach(services::set);
        return bundle;
    }

    /** The signed bytes: the bundle without {@code signature}, keys sorted, no whitespace, UTF-8. */
    public static byte[] canonical(ObjectNode bundle) {
        ObjectNode copy = bundle.deepCopy();
        copy.remove("signature");
        return sorted(copy).toString().getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            var out = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
            var names = new java.util.TreeSet<String>();
            node.fieldNames().forEachRemaining(names::add);
            names.forEach(name -> out.set(name, sorted(node.get(name))));
            return out;
        }
        if (node.isArray()) {
            var out = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> out.add(sorted(item)));
            return out;
        }
        return node;
    }

    private static String subject(String requestId) {
        return "dsr/" + requestId;
    }

    private static FieldContext context(String requestId, String column) {
        return new FieldContext(TABLE, column, requestId, subject(requestId));
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

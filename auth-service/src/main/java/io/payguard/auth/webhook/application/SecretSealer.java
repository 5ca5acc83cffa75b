package io.payguard.auth.webhook.application;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.auth.webhook.domain.SealedSecrets;
import io.payguard.auth.webhook.domain.SigningSecrets;
import io.payguard.platform.protection.envelope.FieldContext;
import io.payguard.platform.protection.envelope.FieldEncryptor;
import io.payguard.platform.protection.envelope.FieldValue;
import io.payguard.platform.protection.envelope.SubjectKey;
import io.payguard.platform.protection.quarkus.SubjectKeys;
import io.smallrye.mutiny.Uni;

/**
 * Seals and opens endpoints' signing secrets with the data protection kit, as profiles are protected: envelope
 * encryption under a data key per endpoint (its data subject {@code webhook-endpoint/<id>}), wrapped by the service's
 * KMS key; the ciphertext is bound to its table, column and row. Deleting an endpoint shreds its key.
 * <p>
 * The dispatcher opens the same ciphertexts for every delivery: opened secrets are kept in memory by ciphertext (a
 * rotation makes a new ciphertext), at most {@value #MAX_CACHED} of them.
 */
@ApplicationScoped
public class SecretSealer {

    static final String TABLE = "webhook_endpoint";
    private static final int MAX_CACHED = 4096;

    private final SubjectKeys keys;
    private final FieldEncryptor fields;
    private final Map<String, String> opened = new ConcurrentHashMap<>();

    public SecretSealer(SubjectKeys keys, FieldEncryptor fields) {
        this.keys = keys;
        this.fields = fields;
    }

    /** In a transaction: seals the secrets under the endpoint's current data key (created on first use). */
    public Uni<SealedSecrets> seal(String endpointId, SigningSecrets secrets) {
        String subject = subject(endpointId);
        return keys.current(subject)
                .map(key -> new SealedSecrets(
                        fields.encrypt(key, context(endpointId, "secret"), secrets.current()),
                        fields.encrypt(key, context(endpointId, "previous_secret"), secrets.previous()),
                        secrets.previousExpiresAt(),
                        key.version()));
    }

    /** The secrets in clear when this instance opened them before (no session needed), else empty. */
    public java.util.Optional<SigningSecrets> alreadyOpen(SealedSecrets locked) {
        String current = opened.get(locked.current());
        String previous = locked.previous() == null ? null : opened.get(locked.previous());
        return current != null && (locked.previous() == null || previous != null)
                ? java.util.Optional.of(new SigningSecrets(current, previous, locked.previousExpiresAt()))
                : java.util.Optional.empty();
    }

    /** In a session: the secrets in clear. */
    public Uni<SigningSecrets> open(String endpointId, SealedSecrets locked) {
        var known = alreadyOpen(locked);
        if (known.isPresent()) {
            return Uni.createFrom().item(known.get());
        }
        return keys.version(subject(endpointId), locked.keyVersion())
                .map(key -> new SigningSecrets(
                        open(key, endpointId, "secret", locked.current()),
                        open(key, endpointId, "previous_secret", locked.previous()),
                        locked.previousExpiresAt()));
    }

    /** In a transaction: crypto-shreds the endpoint's data key. */
    public Uni<Void> shred(String endpointId) {
        return keys.shred(subject(endpointId)).replaceWithVoid();
    }

    private String open(SubjectKey key, String endpointId, String column, String stored) {
        if (stored == null) {
            return null;
        }
        FieldValue value = fields.decrypt(key, context(endpointId, column), stored);
        if (!(value instanceof FieldValue.Plain plain)) {
            throw new IllegalStateException("the signing secret of endpoint " + endpointId + " is erased");
        }
        if (opened.size() >= MAX_CACHED) {
            opened.clear();
        }
        opened.put(stored, plain.value());
        return plain.value();
    }

    private static String subject(String endpointId) {
        return "webhook-endpoint/" + endpointId;
    }

    private static FieldContext context(String endpointId, String column) {
        return new FieldContext(TABLE, column, endpointId, subject(endpointId));
    }
}

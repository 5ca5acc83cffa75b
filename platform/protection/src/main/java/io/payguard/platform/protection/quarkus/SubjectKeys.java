package io.payguard.platform.protection.quarkus;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.platform.protection.envelope.SubjectKey;
import io.payguard.platform.protection.envelope.SubjectKeyring;
import io.smallrye.mutiny.Uni;

/**
 * Stores and finds per-subject data keys (wrapped) with Hibernate Reactive. Call inside a session or
 * transaction ({@code @WithTransaction} / {@code Panache.withTransaction}).
 *
 * <p>Every key it returns is ready: its data key is unwrapped into the keyring's cache (through {@link KmsCalls}, so a
 * Vault round trip never runs on the event loop), and {@code FieldEncryptor} then encrypts and decrypts with it in
 * memory.
 */
@ApplicationScoped
public class SubjectKeys {

    private final SubjectKeyring keyring;
    private final KmsCalls calls;
    private final Clock clock;

    public SubjectKeys(SubjectKeyring keyring, KmsCalls calls, Clock clock) {
        this.keyring = keyring;
        this.calls = calls;
        this.clock = clock;
    }

    /** The subject's current key, created on first use. */
    public Uni<SubjectKey> current(String subject) {
        return SubjectKeyEntity.<SubjectKeyEntity>find("subject = ?1 order by version desc", subject)
                .firstResult()
                .flatMap(latest -> latest == null ? create(subject, 1) : ready(latest.toKey()));
    }

    /** A given version of the subject's key; destroyed (shredded) or {@code null} when there is none. */
    public Uni<SubjectKey> version(String subject, int version) {
        return SubjectKeyEntity.<SubjectKeyEntity>findById(new SubjectKeyEntity.Id(subject, version))
                .flatMap(entity -> entity == null ? Uni.createFrom().nullItem() : ready(entity.toKey()));
    }

    /** Starts a new key version for the subject; rows move to it through a re-encryption job. */
    public Uni<SubjectKey> rotate(String subject) {
        return current(subject)
                .flatMap(current ->
                        current.destroyed() ? Uni.createFrom().item(current) : create(subject, current.version() + 1));
    }

    /** Rotates the key-encryption key in the KMS (creating it first if it never existed); returns its new version. */
    public Uni<Integer> rotateKek() {
        return calls.call(keyring::rotateKek);
    }

    /** Crypto-shredding: destroys every version of the subject's key. Irreversible. */
    public Uni<Integer> shred(String subject) {
        keyring.forget(subject);
        return SubjectKeyEntity.update(
                        "wrappedKey = null, destroyedAt = ?1 where subject = ?2 and wrappedKey is not null",
                        clock.instant().atOffset(ZoneOffset.UTC),
                        subject)
                .invoke(() -> keyring.forget(subject));
    }

    /**
     * Re-wraps up to {@code limit} keys still wrapped under an older KEK version, from {@code fromSubject} on
     * (re-wrapped keys drop out of the query, so a resumed job never redoes or skips one).
     */
    public Uni<List<SubjectKey>> rewrapBatch(String fromSubject, int limit) {
        return calls.call(keyring::kekVersion)
                .flatMap(currentKek -> SubjectKeyEntity.<SubjectKeyEntity>find(
                                "kekName = ?1 and kekVersion < ?2 and wrappedKey is not null and subject >= ?3 order by subject, version",
                                keyring.kekName(),
                                currentKek,
                                fromSubject == null ? "" : fromSubject)
                        .page(0, limit)
                        .list())
                .flatMap(entities -> calls.call(() -> entities.stream()
                                .map(entity -> keyring.rewrap(entity.toKey()))
                                .toList())
                        .map(rewrapped -> {
                            // Back on the session's thread: only here are the managed entities changed.
                            for (int i = 0; i < entities.size(); i++) {
                                entities.get(i).wrappedKey = rewrapped.get(i).wrapped();
                                entities.get(i).kekVersion = rewrapped.get(i).kekVersion();
                            }
                            return rewrapped;
                        }));
    }

    private Uni<SubjectKey> ready(SubjectKey key) {
        return keyring.ready(key) ? Uni.createFrom().item(key) : calls.call(() -> keyring.load(key));
    }

    private Uni<SubjectKey> create(String subject, int version) {
        return calls.call(() -> keyring.create(subject, version)).flatMap(key -> {
            var entity = new SubjectKeyEntity();
            entity.subject = subject;
            entity.version = version;
            entity.wrappedKey = key.wrapped();
            entity.kekName = key.kekName();
            entity.kekVersion = key.kekVersion();
            entity.createdAt = clock.instant().atOffset(ZoneOffset.UTC);
            return entity.persist().replaceWith(key);
        });
    }
}

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
 */
@ApplicationScoped
public class SubjectKeys {

    private final SubjectKeyring keyring;
    private final Clock clock;

    public SubjectKeys(SubjectKeyring keyring, Clock clock) {
        this.keyring = keyring;
        this.clock = clock;
    }

    /** The subject's current key, created on first use. */
    public Uni<SubjectKey> current(String subject) {
        return SubjectKeyEntity.<SubjectKeyEntity>find("subject = ?1 order by version desc", subject).firstResult()
                .flatMap(latest -> latest == null ? create(subject, 1) : Uni.createFrom().item(latest.toKey()));
    }

    /** A given version of the subject's key; destroyed (shredded) or {@code null} when there is none. */
    public Uni<SubjectKey> version(String subject, int version) {
        return SubjectKeyEntity.<SubjectKeyEntity>findById(new SubjectKeyEntity.Id(subject, version))
                .map(entity -> entity == null ? null : entity.toKey());
    }

    /** Starts a new key version for the subject; rows move to it through a re-encryption job. */
    public Uni<SubjectKey> rotate(String subject) {
        return current(subject).flatMap(current -> current.destroyed()
                ? Uni.createFrom().item(current)
                : create(subject, current.version() + 1));
    }

    /** Crypto-shredding: destroys every version of the subject's key. Irreversible. */
    public Uni<Integer> shred(String subject) {
        keyring.forget(subject);
        return SubjectKeyEntity.update("wrappedKey = null, destroyedAt = ?1 where subject = ?2 and wrappedKey is not null",
                clock.instant().atOffset(ZoneOffset.UTC), subject)
                .invoke(() -> keyring.forget(subject));
    }

    /**
     * Re-wraps up to {@code limit} keys still wrapped under an older KEK version, from {@code fromSubject} on
     * (re-wrapped keys drop out of the query, so a resumed job never redoes or skips one).
     */
    public Uni<List<SubjectKey>> rewrapBatch(String fromSubject, int limit) {
        int currentKek = keyring.kms().describe(keyring.kekName()).currentVersion();
        return SubjectKeyEntity.<SubjectKeyEntity>find(
                        "kekName = ?1 and kekVersion < ?2 and wrappedKey is not null and subject >= ?3 order by subject, version",
                        keyring.kekName(), currentKek, fromSubject == null ? "" : fromSubject)
                .page(0, limit).list()
                .map(entities -> entities.stream().map(entity -> {
                    SubjectKey rewrapped = keyring.rewrap(entity.toKey());
                    entity.wrappedKey = rewrapped.wrapped();
                    entity.kekVersion = rewrapped.kekVersion();
                    return rewrapped;
                }).toList());
    }

    private Uni<SubjectKey> create(String subject, int version) {
        SubjectKey key = keyring.create(subject, version);
        var entity = new SubjectKeyEntity();
        entity.subject = subject;
        entity.version = version;
        entity.wrappedKey = key.wrapped();
        entity.kekName = key.kekName();
        entity.kekVersion = key.kekVersion();
        entity.createdAt = clock.instant().atOffset(ZoneOffset.UTC);
        return entity.persist().replaceWith(key);
    }
}

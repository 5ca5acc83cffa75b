package io.payguard.auth.profile.adapter.out.persistence;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.auth.profile.application.port.ProfileStore;
import io.payguard.auth.profile.domain.SealedProfile;
import io.smallrye.mutiny.Uni;

/** {@link ProfileStore} on the {@code customer_profile} table, with Panache in the caller's session or transaction. */
@ApplicationScoped
public class PanacheProfileStore implements ProfileStore {

    @Override
    public Uni<Void> add(SealedProfile profile) {
        return CustomerProfileEntity.from(profile).persist().replaceWithVoid();
    }

    @Override
    public Uni<Optional<SealedProfile>> find(UUID id) {
        return CustomerProfileEntity.<CustomerProfileEntity>findById(id)
                .map(row -> Optional.ofNullable(row).map(CustomerProfileEntity::toDomain));
    }

    @Override
    public Uni<List<SealedProfile>> findByPhoneIndex(String blindIndex) {
        return CustomerProfileEntity.<CustomerProfileEntity>list("phoneBlindIndex = ?1 order by createdAt", blindIndex)
                .map(PanacheProfileStore::toDomain);
    }

    @Override
    public Uni<List<SealedProfile>> findByOwner(String ownerSubject) {
        return CustomerProfileEntity.<CustomerProfileEntity>list("ownerSubject = ?1 order by createdAt", ownerSubject)
                .map(PanacheProfileStore::toDomain);
    }

    @Override
    public Uni<Void> update(SealedProfile profile) {
        // the row is in the session already (the use case read it there): no query, the change is flushed at commit
        return CustomerProfileEntity.<CustomerProfileEntity>findById(profile.id())
                .onItem()
                .ifNull()
                .failWith(() -> new IllegalStateException("profile " + profile.id() + " is not stored"))
                .invoke(row -> row.copy(profile))
                .replaceWithVoid();
    }

    @Override
    public Uni<List<SealedProfile>> underOlderKeyVersion(UUID after, int limit) {
        return CustomerProfileEntity.<CustomerProfileEntity>find(
                        "id > ?1 and keyVersion < (select max(k.version) from SubjectKeyEntity k where k.subject = keySubject and k.wrappedKey is not null)"
                                + " order by id",
                        after)
                .page(0, limit)
                .list()
                .map(PanacheProfileStore::toDomain);
    }

    private static List<SealedProfile> toDomain(List<CustomerProfileEntity> rows) {
        return rows.stream().map(CustomerProfileEntity::toDomain).toList();
    }
}

package io.payguard.auth.merchant.adapter.out.persistence;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.payguard.auth.merchant.application.port.MerchantStore;
import io.payguard.auth.merchant.domain.Merchant;
import io.payguard.auth.merchant.domain.SigningKey;
import io.smallrye.mutiny.Uni;

/** {@link MerchantStore} on the {@code merchant} table, with Panache in the caller's session or transaction. */
@ApplicationScoped
public class PanacheMerchantStore implements MerchantStore {

    @Override
    public Uni<Optional<Merchant>> find(String id) {
        return MerchantEntity.<MerchantEntity>findById(id).map(PanacheMerchantStore::toDomain);
    }

    @Override
    public Uni<Optional<Merchant>> lock(String id) {
        return MerchantEntity.<MerchantEntity>findById(id, LockModeType.PESSIMISTIC_WRITE)
                .map(PanacheMerchantStore::toDomain);
    }

    @Override
    public Uni<List<Merchant>> list() {
        return MerchantEntity.<MerchantEntity>listAll()
                .map(rows -> rows.stream().map(MerchantEntity::toDomain).toList());
    }

    @Override
    public Uni<Void> add(Merchant merchant, String createdBy) {
        return MerchantEntity.from(merchant, createdBy).persist().replaceWithVoid();
    }

    @Override
    public Uni<Void> updateStatus(Merchant merchant) {
        // the row is in the session already (read by lock): no query, the change is flushed at commit
        return MerchantEntity.<MerchantEntity>findById(merchant.id())
                .onItem()
                .ifNull()
                .failWith(() -> new IllegalStateException("merchant " + merchant.id() + " is not stored"))
                .invoke(row -> row.status = merchant.status())
                .replaceWithVoid();
    }

    @Override
    public Uni<Void> updateSigningRequired(Merchant merchant) {
        return MerchantEntity.<MerchantEntity>findById(merchant.id())
                .onItem()
                .ifNull()
                .failWith(() -> new IllegalStateException("merchant " + merchant.id() + " is not stored"))
                .invoke(row -> row.requestSigning = merchant.signingRequired() ? "required" : "optional")
                .replaceWithVoid();
    }

    @Override
    public Uni<List<SigningKey>> signingKeys(String merchantId) {
        return MerchantSigningKeyEntity.<MerchantSigningKeyEntity>list(
                        "merchantId = ?1 order by createdAt, keyId", merchantId)
                .map(rows ->
                        rows.stream().map(MerchantSigningKeyEntity::toDomain).toList());
    }

    @Override
    public Uni<Void> addSigningKey(SigningKey key, String createdBy) {
        return MerchantSigningKeyEntity.from(key, UUID.randomUUID(), createdBy)
                .persist()
                .replaceWithVoid();
    }

    @Override
    public Uni<Void> revokeSigningKey(SigningKey key, String revokedBy) {
        return MerchantSigningKeyEntity.<MerchantSigningKeyEntity>find(
                        "merchantId = ?1 and keyId = ?2", key.merchantId(), key.keyId())
                .firstResult()
                .onItem()
                .ifNull()
                .failWith(() -> new IllegalStateException("signing key " + key.keyId() + " is not stored"))
                .invoke(row -> {
                    row.status = key.status();
                    row.revokedAt = key.revokedAt().atOffset(java.time.ZoneOffset.UTC);
                    row.revokedBy = revokedBy;
                })
                .replaceWithVoid();
    }

    private static Optional<Merchant> toDomain(MerchantEntity row) {
        return Optional.ofNullable(row).map(MerchantEntity::toDomain);
    }
}

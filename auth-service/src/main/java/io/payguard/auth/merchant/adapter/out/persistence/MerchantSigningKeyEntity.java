package io.payguard.auth.merchant.adapter.out.persistence;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.payguard.auth.merchant.domain.SigningKey;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

@Entity
@Table(name = "merchant_signing_key")
public class MerchantSigningKeyEntity extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "merchant_id", nullable = false)
    public String merchantId;

    @Column(name = "key_id", nullable = false)
    public String keyId;

    @Column(nullable = false)
    public String alg;

    @Column(name = "public_key", nullable = false)
    public String publicKey;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public SigningKey.Status status;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "revoked_at")
    public OffsetDateTime revokedAt;

    @Column(name = "revoked_by")
    public String revokedBy;

    static MerchantSigningKeyEntity from(SigningKey k, UUID id, String createdBy) {
        var e = new MerchantSigningKeyEntity();
        e.id = id;
        e.merchantId = k.merchantId();
        e.keyId = k.keyId();
        e.alg = k.alg();
        e.publicKey = k.publicKey();
        e.status = k.status();
        e.createdAt = k.createdAt().atOffset(ZoneOffset.UTC);
        e.createdBy = createdBy;
        return e;
    }

    SigningKey toDomain() {
        return new SigningKey(
                merchantId,
                keyId,
                alg,
                publicKey,
                status,
                createdAt.toInstant(),
                revokedAt == null ? null : revokedAt.toInstant());
    }
}

package io.payguard.auth.apikey.adapter.out.persistence;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.stream.Collectors;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.payguard.auth.apikey.domain.ApiKey;
import io.payguard.auth.apikey.domain.KeyKind;
import io.payguard.auth.apikey.domain.KeyMode;
import io.payguard.auth.apikey.domain.Scope;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

@Entity
@Table(name = "api_key")
public class ApiKeyEntity extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "merchant_id", nullable = false)
    public String merchantId;

    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public KeyKind kind;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public KeyMode mode;

    @Column(nullable = false)
    public String scopes;

    @Column(name = "secret_hash", nullable = false, unique = true)
    public String secretHash;

    @Column(nullable = false)
    public String hint;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "expires_at")
    public OffsetDateTime expiresAt;

    @Column(name = "revoked_at")
    public OffsetDateTime revokedAt;

    @Column(name = "replaced_by")
    public String replacedBy;

    @Column(name = "last_used_at")
    public OffsetDateTime lastUsedAt;

    public static ApiKeyEntity from(ApiKey k) {
        var e = new ApiKeyEntity();
        e.id = k.id();
        e.merchantId = k.merchantId();
        e.copy(k);
        return e;
    }

    /** Copies the mutable lifecycle fields (the key's identity and secret hash never change). */
    public void copy(ApiKey k) {
        name = k.name();
        kind = k.kind();
        mode = k.mode();
        scopes = k.scopes().stream().map(Scope::value).sorted().collect(Collectors.joining(" "));
        secretHash = k.secretHash();
        hint = k.hint();
        createdAt = k.createdAt().atOffset(ZoneOffset.UTC);
        expiresAt = k.expiresAt() == null ? null : k.expiresAt().atOffset(ZoneOffset.UTC);
        revokedAt = k.revokedAt() == null ? null : k.revokedAt().atOffset(ZoneOffset.UTC);
        replacedBy = k.replacedBy();
    }

    public ApiKey toDomain() {
        return new ApiKey(
                id,
                merchantId,
                name,
                kind,
                mode,
                Arrays.stream(scopes.split(" ")).map(Scope::fromValue).collect(Collectors.toSet()),
                secretHash,
                hint,
                createdAt.toInstant(),
                expiresAt == null ? null : expiresAt.toInstant(),
                revokedAt == null ? null : revokedAt.toInstant(),
                replacedBy);
    }
}

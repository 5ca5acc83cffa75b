package io.payguard.auth.merchant.adapter.out.persistence;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Currency;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.payguard.auth.merchant.domain.Merchant;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

@Entity
@Table(name = "merchant")
public class MerchantEntity extends PanacheEntityBase {
    @Id
    public String id;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false, length = 3)
    public String currency;

    @Column(name = "per_transaction_limit_minor", nullable = false)
    public long perTransactionLimitMinor;

    @Column(name = "daily_limit_minor", nullable = false)
    public long dailyLimitMinor;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Merchant.Status status;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    /** {@code required} or {@code optional}. */
    @Column(name = "request_signing", nullable = false)
    public String requestSigning = "optional";

    public static MerchantEntity from(Merchant m, String createdBy) {
        var e = new MerchantEntity();
        e.id = m.id();
        e.name = m.name();
        e.currency = m.currency().getCurrencyCode();
        e.perTransactionLimitMinor = m.perTransactionLimitMinor();
        e.dailyLimitMinor = m.dailyLimitMinor();
        e.status = m.status();
        e.createdAt = m.createdAt().atOffset(ZoneOffset.UTC);
        e.createdBy = createdBy;
        e.requestSigning = m.signingRequired() ? "required" : "optional";
        return e;
    }

    public Merchant toDomain() {
        return new Merchant(
                id,
                name,
                Currency.getInstance(currency),
                perTransactionLimitMinor,
                dailyLimitMinor,
                status,
                createdAt.toInstant(),
                "required".equals(requestSigning));
    }
}

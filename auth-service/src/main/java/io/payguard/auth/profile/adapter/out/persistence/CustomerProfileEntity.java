package io.payguard.auth.profile.adapter.out.persistence;

import static io.payguard.platform.protection.classification.DataClass.C2;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.payguard.platform.protection.classification.Classified;
import io.payguard.platform.protection.classification.DataKind;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A customer profile row: personal data only as field ciphertext, plus the phone's blind index. */
@Entity
@Table(name = "customer_profile")
public class CustomerProfileEntity extends PanacheEntityBase {

    public static final String TABLE = "customer_profile";

    @Id
    public UUID id;

    @Column(name = "owner_subject", nullable = false)
    public String ownerSubject;

    /** The data subject whose key encrypts this row (the profile id). */
    @Column(name = "key_subject", nullable = false)
    public String keySubject;

    @Column(name = "key_version", nullable = false)
    public int keyVersion;

    @Classified(level = C2, kind = DataKind.NAME)
    @Column(name = "name_enc")
    public String nameEnc;

    @Classified(level = C2, kind = DataKind.PHONE)
    @Column(name = "phone_enc")
    public String phoneEnc;

    @Classified(level = C2, kind = DataKind.EMAIL)
    @Column(name = "email_enc")
    public String emailEnc;

    @Classified(level = C2, kind = DataKind.PHONE)
    @Column(name = "phone_bidx")
    public String phoneBlindIndex;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}

package io.payguard.auth.profile.adapter.out.persistence;

import static io.payguard.platform.protection.classification.DataClass.C2;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.payguard.auth.profile.domain.ProfileField;
import io.payguard.auth.profile.domain.SealedProfile;
import io.payguard.platform.protection.classification.Classified;
import io.payguard.platform.protection.classification.DataKind;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A customer profile row: personal data only as field ciphertext, plus the phone's blind index. */
@Entity
@Table(name = SealedProfile.TABLE)
public class CustomerProfileEntity extends PanacheEntityBase {

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

    static CustomerProfileEntity from(SealedProfile p) {
        var row = new CustomerProfileEntity();
        row.id = p.id();
        row.ownerSubject = p.ownerSubject();
        row.keySubject = p.keySubject();
        row.createdAt = p.createdAt().atOffset(ZoneOffset.UTC);
        row.copy(p);
        return row;
    }

    /** Copies what changes (key version, ciphertexts, blind index, update time); id, owner and subject never do. */
    void copy(SealedProfile p) {
        keyVersion = p.keyVersion();
        nameEnc = p.ciphertext(ProfileField.NAME);
        phoneEnc = p.ciphertext(ProfileField.PHONE);
        emailEnc = p.ciphertext(ProfileField.EMAIL);
        phoneBlindIndex = p.blindIndex(ProfileField.PHONE);
        updatedAt = p.updatedAt().atOffset(ZoneOffset.UTC);
    }

    SealedProfile toDomain() {
        var ciphertexts = new EnumMap<ProfileField, String>(ProfileField.class);
        ciphertexts.put(ProfileField.NAME, nameEnc);
        ciphertexts.put(ProfileField.PHONE, phoneEnc);
        ciphertexts.put(ProfileField.EMAIL, emailEnc);
        var blindIndexes = new EnumMap<ProfileField, String>(ProfileField.class);
        blindIndexes.put(ProfileField.PHONE, phoneBlindIndex);
        return new SealedProfile(
                id,
                ownerSubject,
                keySubject,
                keyVersion,
                ciphertexts,
                blindIndexes,
                createdAt.toInstant(),
                updatedAt.toInstant());
    }
}

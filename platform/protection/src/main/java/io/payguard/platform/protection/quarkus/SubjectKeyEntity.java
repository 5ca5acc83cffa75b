package io.payguard.platform.protection.quarkus;

import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.payguard.platform.protection.classification.Classified;
import io.payguard.platform.protection.classification.DataClass;
import io.payguard.platform.protection.classification.DataKind;
import io.payguard.platform.protection.envelope.SubjectKey;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A wrapped per-subject data key (see V0_3__protection_subject_keys_and_jobs.sql). */
@Entity
@Table(name = "protection_subject_key")
@IdClass(SubjectKeyEntity.Id.class)
public class SubjectKeyEntity extends PanacheEntityBase {

    @jakarta.persistence.Id
    public String subject;

    @jakarta.persistence.Id
    public int version;

    /** Wrapped under the KMS key: useless without it. {@code null} once shredded. */
    @Classified(level = DataClass.C3, kind = DataKind.SECRET)
    @Column(name = "wrapped_key")
    public byte[] wrappedKey;

    @Column(name = "kek_name", nullable = false)
    public String kekName;

    @Column(name = "kek_version", nullable = false)
    public int kekVersion;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "destroyed_at")
    public OffsetDateTime destroyedAt;

    SubjectKey toKey() {
        return new SubjectKey(subject, version, wrappedKey, kekName, kekVersion);
    }

    public static class Id implements Serializable {
        public String subject;
        public int version;

        public Id() {}

        public Id(String subject, int version) {
            this.subject = subject;
            this.version = version;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Id other && other.version == version && Objects.equals(other.subject, subject);
        }

        @Override
        public int hashCode() {
            return Objects.hash(subject, version);
        }
    }
}

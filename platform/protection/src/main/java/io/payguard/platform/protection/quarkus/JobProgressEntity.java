package io.payguard.platform.protection.quarkus;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** Checkpoint of a resumable batch job. */
@Entity
@Table(name = "protection_job_progress")
public class JobProgressEntity extends PanacheEntityBase {
    @Id
    public String job;

    @Column(nullable = false)
    public String status;

    @Column(name = "last_key")
    public String lastKey;

    @Column(nullable = false)
    public long processed;

    @Column(name = "started_at", nullable = false)
    public OffsetDateTime startedAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}

package io.payguard.audit.adapter.out.persistence;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.payguard.audit.domain.AuditRecord;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

@Entity
@Table(name = "audit_record")
public class AuditRecordEntity extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "occurred_at", nullable = false)
    public OffsetDateTime occurredAt;
    @Column(name = "recorded_at", nullable = false)
    public OffsetDateTime recordedAt;
    @Column(name = "source_service", nullable = false)
    public String sourceService;
    @Column(nullable = false)
    public String action;
    @Column(name = "object_type")
    public String objectType;
    @Column(name = "object_id")
    public String objectId;
    @Column(nullable = false)
    public String outcome;
    @Column(name = "actor_subject")
    public String actorSubject;
    @Column(name = "actor_client")
    public String actorClient;
    @Column(name = "actor_roles")
    public String actorRoles;
    @Column(name = "origin_ip")
    public String originIp;
    @Column(name = "user_agent")
    public String userAgent;
    @Column(name = "correlation_id")
    public String correlationId;

    public static AuditRecordEntity from(AuditRecord r, OffsetDateTime recordedAt) {
        var e = new AuditRecordEntity();
        e.id = r.id();
        e.occurredAt = r.occurredAt().atOffset(ZoneOffset.UTC);
        e.recordedAt = recordedAt;
        e.sourceService = r.sourceService();
        e.action = r.action();
        e.objectType = r.objectType();
        e.objectId = r.objectId();
        e.outcome = r.outcome();
        e.actorSubject = r.actor().subject();
        e.actorClient = r.actor().clientId();
        e.actorRoles = String.join(",", r.actor().roles());
        e.originIp = r.origin().ip();
        e.userAgent = r.origin().userAgent();
        e.correlationId = r.correlationId();
        return e;
    }

    public AuditRecord toDomain() {
        List<String> roles = actorRoles == null || actorRoles.isEmpty() ? List.of() : Arrays.asList(actorRoles.split(","));
        return new AuditRecord(id, occurredAt.toInstant(), sourceService, action, objectType, objectId, outcome,
                new AuditRecord.Actor(actorSubject, actorClient, roles), new AuditRecord.Origin(originIp, userAgent), correlationId);
    }
}

package io.payguard.audit.adapter.in.rest;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.payguard.audit.domain.AuditRecord;
import io.payguard.audit.domain.chain.ChainHash;
import io.payguard.audit.domain.chain.ChainedRecord;

/** An audit record as the API shows it: the PCI DSS 10.3 fields plus its place in the chain. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditRecordView(
        UUID id,

        @Schema(minimum = "1", maximum = "9223372036854775807", description = "Its position in the chain")
        long seq,

        Instant occurredAt,
        Instant recordedAt,
        @Schema(maxLength = AuditDocs.TEXT) String sourceService,
        @Schema(maxLength = AuditDocs.TEXT) String eventType,
        @Schema(maxLength = AuditDocs.TEXT) String action,
        @Schema(maxLength = AuditDocs.TEXT) String objectType,
        @Schema(maxLength = AuditDocs.REQUEST_TEXT) String objectId,
        @Schema(maxLength = AuditDocs.TEXT) String outcome,
        @Schema(implementation = AuditDocs.Actor.class) AuditRecord.Actor actor,
        @Schema(implementation = AuditDocs.Origin.class) AuditRecord.Origin origin,
        @Schema(maxLength = AuditDocs.REQUEST_TEXT) String correlationId,

        @Schema(implementation = AuditDocs.PersonalData.class)
        AuditRecord.PersonalDataAccess personalData,

        @Schema(
                maxLength = 64,
                pattern = "^[0-9a-f]{64}$",
                description = "SHA-256 over the record and its predecessor's hash")
        String hash,

        @Schema(
                description = "True when personal fields of the record were erased (its data subject's key was"
                        + " shredded): they read null; absent otherwise")
        Boolean erased) {

    /** The same record with the source address cut to its network (IPv4 /24, IPv6 /48): the default for searches. */
    public AuditRecordView masked() {
        return new AuditRecordView(
                id,
                seq,
                occurredAt,
                recordedAt,
                sourceService,
                eventType,
                action,
                objectType,
                objectId,
                outcome,
                actor,
                origin == null ? null : new AuditRecord.Origin(maskIp(origin.ip()), origin.userAgent()),
                correlationId,
                personalData,
                hash,
                erased);
    }

    static String maskIp(String ip) {
        if (ip == null) {
            return null;
        }
        if (ip.contains(":")) {
            String[] groups = ip.split(":", -1);
            return groups.length < 3 ? "::" : groups[0] + ":" + groups[1] + ":" + groups[2] + "::";
        }
        int last = ip.lastIndexOf('.');
        return last < 0 ? "***" : ip.substring(0, last) + ".0";
    }

    public static AuditRecordView of(ChainedRecord c) {
        var r = c.record();
        return new AuditRecordView(
                r.id(),
                c.seq(),
                r.occurredAt(),
                c.recordedAt(),
                r.sourceService(),
                r.eventType(),
                r.action(),
                r.objectType(),
                r.objectId(),
                r.outcome(),
                r.actor(),
                r.origin(),
                r.correlationId(),
                r.personalData(),
                ChainHash.hex(c.hash()),
                c.erased() ? Boolean.TRUE : null);
    }
}

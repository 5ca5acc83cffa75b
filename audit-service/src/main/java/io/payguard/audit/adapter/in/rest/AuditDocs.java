package io.payguard.audit.adapter.in.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * For the API document only: the schemas of the domain and application records the audit API writes as they are
 * (they carry no annotations), with the bounds {@code AuditRecord} enforces, and the examples.
 */
final class AuditDocs {

    /** {@code AuditRecord.MAX_TEXT}: no text field of a record is longer. */
    static final int TEXT = 512;

    /** Request ids and user agents are stored up to the request line's limit ({@code audit.record.v1}). */
    static final int REQUEST_TEXT = 8192;

    /** A token's roles fit in its headers ({@code payguard.http.max-header-bytes}). */
    static final int MANY = 16384;

    static final String RECORD = """
            {"id": "0b6e2f8a-3c4d-4e5f-9a8b-7c6d5e4f3a2b", "seq": 10231,
             "occurredAt": "2026-12-07T06:15:52.123456Z", "recordedAt": "2026-12-07T06:15:52.301000Z",
             "sourceService": "payment-service", "eventType": "io.payguard.audit.request.v1",
             "action": "payment_intent.create", "objectType": "payment_intent",
             "objectId": "pi_3f0c2b1e8d4a4c559a072f1b9c6d0e11", "outcome": "success",
             "actor": {"subject": "acme-shop", "clientId": "acme-shop", "roles": ["merchant"]},
             "origin": {"ip": "203.0.113.0", "userAgent": "acme-checkout/2.3"},
             "correlationId": "3f0c2b1e-8d4a-4c55-9a07-2f1b9c6d0e11",
             "hash": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"}""";

    static final String RECORDS = "[" + RECORD + "]";

    static final String PAGE = "{\"records\": " + RECORDS + ", \"nextCursor\": 10231}";

    static final String VERIFICATION = """
            {"mode": "incremental", "intact": true, "fromSeq": 10001, "toSeq": 10231,
             "toHash": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "recordsChecked": 231,
             "checkpointsChecked": 2, "recordsPerSecond": 48000, "tookMillis": 5, "findings": [],
             "checkpointFindings": []}""";

    static final String RETENTION = """
            {"hot": "P90D", "total": "P2555D", "hotCutoff": "2026-09-08T06:15:52Z", "archiveUpToSeq": 8120,
             "totalCutoff": "2019-12-09T06:15:52Z", "expiredUpToSeq": 0, "headSeq": 10231}""";

    static final String CHECKPOINTS = """
            {"keys": [{"keyId": "ed25519-3f0c2b1e8d4a4c55", "algorithm": "Ed25519",
              "publicKey": "MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE="}],
             "checkpoints": [{"seq": 10000,
              "headHash": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
              "createdAt": "2026-12-07T06:00:00Z", "keyId": "ed25519-3f0c2b1e8d4a4c55", "algorithm": "Ed25519",
              "signature": "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0+Pw==",
              "payload": "payguard-audit-checkpoint|10000|9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08|2026-12-07T06:00:00Z|ed25519-3f0c2b1e8d4a4c55"}]}""";

    static final String REPORT = """
            {"report": "failed-authentications", "from": "2026-12-01T00:00:00Z", "to": "2026-12-08T00:00:00Z",
             "rows": [{"clientId": "acme-shop", "sourceIp": "203.0.113.0", "failures": 12}]}""";

    static final String CSV = """
            id,seq,occurredAt,recordedAt,sourceService,eventType,action,objectType,objectId,outcome,...
            0b6e2f8a-3c4d-4e5f-9a8b-7c6d5e4f3a2b,10231,2026-12-07T06:15:52.123456Z,...""";

    private AuditDocs() {}

    @Schema(name = "AuditActor")
    record Actor(
            @Schema(maxLength = TEXT) String subject,
            @Schema(maxLength = TEXT) String clientId,

            @Schema(type = SchemaType.ARRAY, implementation = Text.class, maxItems = MANY)
            List<String> roles) {}

    @Schema(name = "AuditOrigin")
    record Origin(
            @Schema(maxLength = TEXT, description = "Masked to its network (IPv4 /24, IPv6 /48) unless unmasked")
            String ip,

            @Schema(maxLength = REQUEST_TEXT) String userAgent) {}

    @Schema(name = "AuditPersonalDataAccess")
    record PersonalData(
            @Schema(maxLength = TEXT) String dataSubject,

            @Schema(type = SchemaType.ARRAY, implementation = Text.class, maxItems = MANY)
            List<String> fields,

            @Schema(maxLength = TEXT) String purpose,
            @Schema(maxLength = TEXT) String reason) {}

    @Schema(name = "AuditText", type = SchemaType.STRING, maxLength = TEXT)
    static final class Text {}

    @Schema(name = "ChainFinding")
    record Finding(
            @Schema(
                    enumeration = {
                        "EDITED",
                        "DELETED",
                        "INSERTED",
                        "REORDERED",
                        "BROKEN_LINK",
                        "CHECKPOINT_MISMATCH",
                        "SIGNATURE_INVALID"
                    })
            String kind,

            @Schema(minimum = "0", maximum = "9223372036854775807")
            long seq,

            UUID recordId,

            @Schema(maxLength = 1000, description = "What is wrong, for people")
            String detail) {}

    @Schema(name = "RetentionStatus")
    record Retention(
            @Schema(maxLength = 64, description = "The hot period (ISO-8601 duration)")
            String hot,

            @Schema(maxLength = 64, description = "The retention period (ISO-8601 duration)")
            String total,

            Instant hotCutoff,

            @Schema(minimum = "0", maximum = "9223372036854775807")
            long archiveUpToSeq,

            Instant totalCutoff,

            @Schema(minimum = "0", maximum = "9223372036854775807")
            long expiredUpToSeq,

            @Schema(minimum = "0", maximum = "9223372036854775807")
            long headSeq) {}

    @Schema(name = "AuditReport")
    record Report(
            @Schema(
                    enumeration = {
                        "failed-authentications",
                        "api-key-lifecycle",
                        "personal-data-accesses",
                        "risk-declines",
                        "admin-actions"
                    })
            String report,

            Instant from,
            Instant to,

            @Schema(
                    type = SchemaType.ARRAY,
                    implementation = Row.class,
                    maxItems = Integer.MAX_VALUE,
                    description = "The report's rows (their columns depend on the report); unpaginated")
            List<Object> rows) {}

    @Schema(name = "AuditReportRow", type = SchemaType.OBJECT, maxProperties = 32)
    static final class Row {}
}

package io.payguard.audit.adapter.in.rest;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.payguard.audit.application.AuditReports;
import io.payguard.audit.application.AuditSearch;
import io.payguard.audit.domain.chain.ChainHash;
import io.payguard.audit.domain.chain.ChainedRecord;
import io.payguard.platform.web.ProblemException;
import io.payguard.platform.web.Roles;
import io.quarkus.security.identity.SecurityIdentity;

/** Compliance reports and streamed exports of a time range. */
@Path("/v1/audit")
@Tag(name = "audit")
public class AuditReportResource {

    /** Export header: how many records the stream will carry, so a client can show progress as lines arrive. */
    public static final String TOTAL_HEADER = "X-PayGuard-Export-Total";

    private static final String CSV_HEADER =
            "seq,id,occurredAt,recordedAt,sourceService,eventType,action,objectType,objectId,outcome,"
                    + "actorSubject,actorClientId,actorRoles,originIp,userAgent,correlationId,dataSubject,dataFields,purpose,reason,hash";

    private final AuditReports reports;
    private final AuditSearch search;
    private final AuditorGate gate;
    private final SecurityIdentity identity;
    private final ObjectMapper json;

    public AuditReportResource(
            AuditReports reports, AuditSearch search, AuditorGate gate, SecurityIdentity identity, ObjectMapper json) {
        this.reports = reports;
        this.search = search;
        this.gate = gate;
        this.identity = identity;
        this.json = json;
    }

    @GET
    @Path("/reports/{report}")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({
        Roles.AUDITOR,
        Roles.COMPLIANCE_OFFICER,
        Roles.CUSTOMER,
        Roles.MERCHANT,
        Roles.OPERATOR,
        Roles.SERVICE
    })
    @Operation(
            summary =
                    "Compliance report over [from, to): failed-authentications, api-key-lifecycle, personal-data-accesses,"
                            + " risk-declines, admin-actions",
            extensions = {
                @Extension(name = "x-payguard-audience", value = "public"),
                @Extension(name = "x-payguard-security-level", value = "auditor")
            })
    public Map<String, Object> report(
            @PathParam("report") String name, @QueryParam("from") String from, @QueryParam("to") String to) {
        gate.require(identity);
        AuditReports.Report report;
        try {
            report = AuditReports.Report.valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(
                    404,
                    "unknown_report",
                    "Unknown report",
                    "reports: failed-authentications, api-key-lifecycle,"
                            + " personal-data-accesses, risk-declines, admin-actions");
        }
        Instant f = instant(from, "from", Instant.EPOCH);
        Instant t = instant(to, "to", Instant.parse("9999-12-31T00:00:00Z"));
        return Map.of("report", name, "from", f.toString(), "to", t.toString(), "rows", reports.run(report, f, t));
    }

    @GET
    @Path("/export")
    @Produces({"text/csv", "application/x-ndjson"})
    @RolesAllowed({
        Roles.AUDITOR,
        Roles.COMPLIANCE_OFFICER,
        Roles.CUSTOMER,
        Roles.MERCHANT,
        Roles.OPERATOR,
        Roles.SERVICE
    })
    @Operation(
            summary =
                    "Stream every record of [from, to) as CSV or NDJSON; the total is announced in X-PayGuard-Export-Total and"
                            + " the JSON stream ends with a summary line",
            extensions = {
                @Extension(name = "x-payguard-audience", value = "public"),
                @Extension(name = "x-payguard-security-level", value = "auditor")
            })
    public Response export(
            @QueryParam("format") @DefaultValue("csv") String format,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("unmasked") @DefaultValue("false") boolean unmasked) {
        gate.require(identity);
        boolean mask = gate.mask(identity, unmasked);
        if (!format.equals("csv") && !format.equals("json")) {
            throw new ProblemException(400, "invalid_format", "Invalid format", "format is csv or json");
        }
        var criteria = new AuditSearch.Criteria(
                instant(from, "from", null),
                instant(to, "to", null),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                0);
        long total = search.count(criteria);
        StreamingOutput body = out -> {
            var w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
            long[] done = {0, 0};
            byte[][] lastHash = {null};
            if (format.equals("csv")) {
                w.write(CSV_HEADER);
                w.write('\n');
            }
            try {
                search.stream(criteria, r -> {
                    try {
                        var view = mask ? AuditRecordView.of(r).masked() : AuditRecordView.of(r);
                        w.write(format.equals("csv") ? csv(r, view) : json.writeValueAsString(view));
                        w.write('\n');
                        done[0]++;
                        done[1] = r.seq();
                        lastHash[0] = r.hash();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                if (format.equals("json")) {
                    w.write(json.writeValueAsString(Map.of(
                            "summary",
                            Map.of(
                                    "exported",
                                    done[0],
                                    "total",
                                    total,
                                    "lastSeq",
                                    done[1],
                                    "lastHash",
                                    lastHash[0] == null ? "" : ChainHash.hex(lastHash[0])))));
                    w.write('\n');
                }
            } finally {
                w.flush();
            }
        };
        return Response.ok(body, format.equals("csv") ? "text/csv" : "application/x-ndjson")
                .header(TOTAL_HEADER, total)
                .header(
                        "Content-Disposition",
                        "attachment; filename=\"audit-export." + (format.equals("csv") ? "csv" : "ndjson") + "\"")
                .build();
    }

    static String csv(ChainedRecord c, AuditRecordView view) {
        var r = c.record();
        var pd = r.personalData();
        return String.join(
                ",",
                List.of(
                        Long.toString(c.seq()),
                        r.id().toString(),
                        r.occurredAt().toString(),
                        c.recordedAt().toString(),
                        cell(r.sourceService()),
                        cell(r.eventType()),
                        cell(r.action()),
                        cell(r.objectType()),
                        cell(r.objectId()),
                        cell(r.outcome()),
                        cell(r.actor().subject()),
                        cell(r.actor().clientId()),
                        cell(String.join(" ", r.actor().roles())),
                        cell(view.origin().ip()),
                        cell(r.origin().userAgent()),
                        cell(r.correlationId()),
                        cell(pd == null ? null : pd.dataSubject()),
                        cell(pd == null ? null : String.join(" ", pd.fields())),
                        cell(pd == null ? null : pd.purpose()),
                        cell(pd == null ? null : pd.reason()),
                        ChainHash.hex(c.hash())));
    }

    /**
     * RFC 4180 quoting; a leading =, +, -, @, tab or carriage return is prefixed with ' so spreadsheets do not run it as
     * a formula (OWASP's list: a spreadsheet skips a leading tab or CR and reads the formula behind it).
     */
    static String cell(String v) {
        if (v == null) {
            return "";
        }
        String s = !v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0 ? "'" + v : v;
        return s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")
                ? "\"" + s.replace("\"", "\"\"") + "\""
                : s;
    }

    private static Instant instant(String value, String name, Instant fallback) {
        try {
            return value == null ? fallback : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new ProblemException(
                    400, "invalid_" + name, "Invalid " + name, name + " must be an ISO-8601 instant");
        }
    }
}

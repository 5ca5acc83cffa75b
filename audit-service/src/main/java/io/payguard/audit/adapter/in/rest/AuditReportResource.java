package io.payguard.audit.adapter.in.rest;

import static io.payguard.audit.adapter.in.rest.AuditQuery.instant;
import static io.payguard.platform.web.Roles.AUDITOR;
import static io.payguard.platform.web.Roles.COMPLIANCE_OFFICER;
import static io.payguard.platform.web.Roles.CUSTOMER;
import static io.payguard.platform.web.Roles.MERCHANT;
import static io.payguard.platform.web.Roles.OPERATOR;
import static io.payguard.platform.web.Roles.SERVICE;

import java.time.Instant;
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

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.payguard.audit.application.AuditReports;
import io.payguard.audit.application.AuditSearch;
import io.payguard.platform.web.ProblemException;

/** Compliance reports and streamed exports ({@link AuditExport}) of a time range. */
@Path("/v1/audit")
@Tag(name = "audit")
@RolesAllowed({AUDITOR, COMPLIANCE_OFFICER, CUSTOMER, MERCHANT, OPERATOR, SERVICE})
public class AuditReportResource {

    /** Export header: how many records the stream will carry, so a client can show progress as lines arrive. */
    public static final String TOTAL_HEADER = "X-PayGuard-Export-Total";

    private final AuditReports reports;
    private final AuditSearch search;
    private final AuditorGate gate;
    private final ObjectMapper json;

    public AuditReportResource(AuditReports reports, AuditSearch search, AuditorGate gate, ObjectMapper json) {
        this.reports = reports;
        this.search = search;
        this.gate = gate;
        this.json = json;
    }

    @GET
    @Path("/reports/{report}")
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(
            responseCode = "200",
            description = "The report",
            content =
                    @Content(
                            schema = @Schema(implementation = AuditDocs.Report.class),
                            examples = @ExampleObject(name = "failed_authentications", value = AuditDocs.REPORT)))
    @APIResponse(
            responseCode = "400",
            description = "from or to is invalid",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "invalid_from",
                                        summary = "Invalid from",
                                        description = "from must be an ISO-8601 instant")
                            }))
    @APIResponse(
            responseCode = "404",
            description =
                    "Only auditors and compliance officers see the trail: anyone else gets the 404 an unknown route gets",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(name = "not_found", summary = "Not Found"),
                                @ExampleObject(
                                        name = "unknown_report",
                                        summary = "Unknown report",
                                        description =
                                                "reports: failed-authentications, api-key-lifecycle, personal-data-accesses, risk-declines, admin-actions")
                            }))
    @Operation(
            summary = "A compliance report",
            description = "Over [from, to): failed-authentications, api-key-lifecycle, personal-data-accesses,"
                    + " risk-declines or admin-actions.",
            extensions = {
                @Extension(name = "x-payguard-audience", value = "public"),
                @Extension(name = "x-payguard-security-level", value = "auditor")
            })
    public Map<String, Object> report(
            @PathParam("report")
                    @Parameter(
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            maxLength = 8192,
                                            enumeration = {
                                                "failed-authentications",
                                                "api-key-lifecycle",
                                                "personal-data-accesses",
                                                "risk-declines",
                                                "admin-actions"
                                            }))
                    String name,
            @QueryParam("from")
                    @Parameter(
                            description = "From this ISO-8601 instant (inclusive)",
                            schema = @Schema(maxLength = 37, format = "date-time"))
                    String from,
            @QueryParam("to")
                    @Parameter(
                            description = "Up to this ISO-8601 instant (exclusive)",
                            schema = @Schema(maxLength = 37, format = "date-time"))
                    String to) {
        gate.require();
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
    @APIResponse(
            responseCode = "200",
            description = "The records, streamed",
            headers =
                    @Header(
                            name = TOTAL_HEADER,
                            description = "How many records the stream carries",
                            schema =
                                    @Schema(
                                            type = SchemaType.INTEGER,
                                            format = "int64",
                                            minimum = "0",
                                            maximum = "9223372036854775807")),
            content = {
                @Content(
                        mediaType = "text/csv",
                        schema = @Schema(description = "A header line, then a line a record (streamed, unbounded)"),
                        examples = @ExampleObject(name = "csv", value = AuditDocs.CSV)),
                @Content(
                        mediaType = "application/x-ndjson",
                        schema =
                                @Schema(
                                        description =
                                                "A JSON record a line, then a summary line (streamed, unbounded)"),
                        examples = @ExampleObject(name = "ndjson", value = AuditDocs.RECORD))
            })
    @APIResponse(
            responseCode = "400",
            description = "format, from or to is invalid",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "invalid_format",
                                        summary = "Invalid format",
                                        description = "format is csv or json"),
                                @ExampleObject(
                                        name = "invalid_from",
                                        summary = "Invalid from",
                                        description = "from must be an ISO-8601 instant")
                            }))
    @APIResponse(
            responseCode = "403",
            description = "Unmasked records are for compliance officers",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "unmasking_not_allowed",
                                        summary = "Not allowed",
                                        description = "only compliance officers may see unmasked records")
                            }))
    @APIResponse(
            responseCode = "404",
            description =
                    "Only auditors and compliance officers see the trail: anyone else gets the 404 an unknown route gets",
            content = @Content(examples = {@ExampleObject(name = "not_found", summary = "Not Found")}))
    @Operation(
            summary = "Export the trail",
            description =
                    "Streams every record of [from, to) as CSV or NDJSON in chain order; the total is announced in"
                            + " X-PayGuard-Export-Total and the NDJSON stream ends with a summary line.",
            extensions = {
                @Extension(name = "x-payguard-audience", value = "public"),
                @Extension(name = "x-payguard-security-level", value = "auditor")
            })
    public Response export(
            @QueryParam("format") @DefaultValue("csv") @Parameter(schema = @Schema(enumeration = {"csv", "json"}))
                    String format,
            @QueryParam("from")
                    @Parameter(
                            description = "From this ISO-8601 instant (inclusive)",
                            schema = @Schema(maxLength = 37, format = "date-time"))
                    String from,
            @QueryParam("to")
                    @Parameter(
                            description = "Up to this ISO-8601 instant (exclusive)",
                            schema = @Schema(maxLength = 37, format = "date-time"))
                    String to,
            @QueryParam("unmasked") @DefaultValue("false") boolean unmasked) {
        gate.require();
        boolean mask = gate.mask(unmasked);
        var f = switch (format) {
            case "csv" -> AuditExport.Format.CSV;
            case "json" -> AuditExport.Format.JSON;
            default -> throw new ProblemException(400, "invalid_format", "Invalid format", "format is csv or json");
        };
        var criteria = AuditSearch.Criteria.between(instant(from, "from"), instant(to, "to"));
        long total = search.count(criteria);
        return Response.ok(new AuditExport(search, criteria, f, mask, total, json), f.mediaType)
                .header(TOTAL_HEADER, total)
                .header("Content-Disposition", "attachment; filename=\"audit-export." + f.extension + "\"")
                .build();
    }
}

package io.payguard.platform.web;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.payguard.platform.messaging.RetentionReport;
import io.smallrye.mutiny.Uni;

/**
 * {@code GET /v1/retention}: the service's retention schedule and what its purge jobs deleted (issue 18). Present in
 * every service, like {@code /v1/me}, and reached per service (not through the public ingress): compliance officers,
 * auditors and operators read it to show that retention is enforced, not only written down.
 */
@Path("/v1/retention")
@Tag(name = "retention")
public class RetentionReportResource {

    static final int RUNS = 200;
    /** Printable text without control characters (configuration values). */
    static final String TEXT = "^[^\\x00-\\x1f]+$";

    public record ScheduleEntryView(
            @Schema(maxLength = 64, pattern = "^[a-z][a-z0-9_]{0,63}$")
            String recordType,

            @Schema(enumeration = {"C1", "C2", "C3"}) String dataClass,

            @Schema(
                    maxLength = 64,
                    pattern = "^(until-erasure|P[0-9A-Z.]{1,62})$",
                    description = "ISO-8601 period or duration, or until-erasure")
            String keep,

            @Schema(maxLength = 1024, pattern = TEXT) String legalReason,
            @Schema(maxLength = 1024, pattern = TEXT) String enforcedBy) {}

    public record JobView(
            @Schema(maxLength = 128, pattern = TEXT) String job,

            @Schema(maxLength = 64, pattern = "^P[0-9A-Z.]{1,62}$", description = "ISO-8601 duration")
            String retention,

            @Schema(maxLength = 40, format = "date-time", nullable = true)
            String lastRunAt,

            @Schema(minimum = "0", maximum = "2147483647", nullable = true)
            Integer lastDeleted) {}

    public record RunView(
            @Schema(maxLength = 128, pattern = TEXT) String job,
            @Schema(minimum = "1", maximum = "2147483647") int deleted,
            @Schema(maxLength = 40, format = "date-time") String cutoff,
            @Schema(maxLength = 40, format = "date-time") String ranAt) {}

    public record ReportView(
            @Schema(maxLength = 64, pattern = "^[a-z-]{1,64}$", description = "quarkus.application.name")
            String service,

            @Schema(type = SchemaType.ARRAY, implementation = ScheduleEntryView.class, maxItems = 256)
            List<ScheduleEntryView> schedule,

            @Schema(type = SchemaType.ARRAY, implementation = JobView.class, maxItems = 256)
            List<JobView> jobs,

            @Schema(
                    type = SchemaType.ARRAY,
                    implementation = RunView.class,
                    maxItems = RUNS,
                    description = "Purge rounds that deleted rows, newest first (at most 200)")
            List<RunView> runs) {}

    static final String EXAMPLE = """
            {"service": "payment-service",
             "schedule": [{"recordType": "payment_intents", "dataClass": "C2", "keep": "P5Y",
               "legalReason": "PRC Anti-Money Laundering Law, art. 35", "enforcedBy": "retention hold end job"}],
             "jobs": [{"job": "idempotency keys", "retention": "PT24H", "lastRunAt": "2026-12-07T10:00:00Z",
               "lastDeleted": 12}],
             "runs": [{"job": "idempotency keys", "deleted": 12, "cutoff": "2026-12-06T10:00:00Z",
               "ranAt": "2026-12-07T10:00:00Z"}]}""";

    private final RetentionReport report;
    private final String service;

    public RetentionReportResource(
            RetentionReport report, @ConfigProperty(name = "quarkus.application.name") String service) {
        this.report = report;
        this.service = service;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.COMPLIANCE_OFFICER, Roles.AUDITOR, Roles.OPERATOR})
    @APIResponse(
            responseCode = "200",
            description = "The retention schedule, the purge jobs and their recorded rounds",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ReportView.class),
                            examples = @ExampleObject(name = "report", value = EXAMPLE)))
    @Operation(
            summary = "The service's retention schedule and what its purge jobs deleted",
            description = "Per record type: data class, how long it is kept, the legal reason and what enforces it;"
                    + " each purge job's retention and last round; the rounds that deleted rows, newest first.")
    public Uni<ReportView> report() {
        return report.report(RUNS)
                .map(r -> new ReportView(
                        service,
                        r.schedule().stream()
                                .map(e -> new ScheduleEntryView(
                                        e.recordType(), e.dataClass(), e.keep(), e.legalReason(), e.enforcedBy()))
                                .toList(),
                        r.jobs().stream()
                                .map(j -> new JobView(
                                        j.job(),
                                        j.retention(),
                                        j.lastRunAt() == null
                                                ? null
                                                : j.lastRunAt().toString(),
                                        j.lastDeleted()))
                                .toList(),
                        r.runs().stream()
                                .map(run -> new RunView(
                                        run.job(),
                                        run.deleted(),
                                        run.cutoff().toString(),
                                        run.ranAt().toString()))
                                .toList()));
    }
}

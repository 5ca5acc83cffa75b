package io.payguard.audit.adapter.in.rest;

import static io.payguard.audit.adapter.in.rest.AuditQuery.id;
import static io.payguard.audit.adapter.in.rest.AuditQuery.instant;
import static io.payguard.audit.adapter.in.rest.AuditQuery.limit;
import static io.payguard.platform.web.Roles.AUDITOR;
import static io.payguard.platform.web.Roles.COMPLIANCE_OFFICER;
import static io.payguard.platform.web.Roles.CUSTOMER;
import static io.payguard.platform.web.Roles.MERCHANT;
import static io.payguard.platform.web.Roles.OPERATOR;
import static io.payguard.platform.web.Roles.SERVICE;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.payguard.audit.application.AuditSearch;
import io.payguard.platform.web.ProblemException;

/**
 * The auditor's view of the trail: look-up by correlation id, search with keyset pagination, who read whose data.
 * Every PayGuard role passes {@code @RolesAllowed}; {@link AuditorGate} then lets only auditors and compliance
 * officers in.
 */
@Path("/v1/audit")
@Tag(name = "audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({AUDITOR, COMPLIANCE_OFFICER, CUSTOMER, MERCHANT, OPERATOR, SERVICE})
public class AuditRecordResource {

    /** A page of search results; pass {@code nextCursor} as {@code after} for the next page (absent on the last). */
    public record SearchPage(
            @Schema(maxItems = 1000, description = "Up to limit records")
            List<AuditRecordView> records,

            @Schema(
                    minimum = "0",
                    maximum = "9223372036854775807",
                    description = "Pass as after for the next page; absent on the last")
            Long nextCursor) {}

    private static final int MAX_LIMIT = 1000;

    private final AuditSearch search;
    private final AuditorGate gate;

    public AuditRecordResource(AuditSearch search, AuditorGate gate) {
        this.search = search;
        this.gate = gate;
    }

    @GET
    @Path("/records")
    @APIResponse(
            responseCode = "200",
            description = "The request's records, in chain order",
            content =
                    @Content(
                            schema =
                                    @Schema(
                                            implementation = AuditRecordView.class,
                                            type = SchemaType.ARRAY,
                                            maxItems = 1000),
                            examples = @ExampleObject(name = "one", value = AuditDocs.RECORDS)))
    @APIResponse(
            responseCode = "400",
            description = "correlationId or limit is invalid",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "invalid_correlation_id",
                                        summary = "Invalid correlation id",
                                        description =
                                                "correlationId is required: 8 to 64 letters, digits, '.', '_' or '-'"),
                                @ExampleObject(
                                        name = "invalid_limit",
                                        summary = "Invalid limit",
                                        description = "limit must be between 1 and 1000")
                            }))
    @APIResponse(
            responseCode = "404",
            description =
                    "Only auditors and compliance officers see the trail: anyone else gets the 404 an unknown route gets",
            content = @Content(examples = {@ExampleObject(name = "not_found", summary = "Not Found")}))
    @Operation(
            summary = "Audit records of one request, by correlation id",
            description = "Every record of one request (its X-Request-Id), in chain order.",
            extensions = {
                @Extension(name = "x-payguard-audience", value = "public"),
                @Extension(name = "x-payguard-security-level", value = "auditor")
            })
    public List<AuditRecordView> byCorrelationId(
            @QueryParam("correlationId")
                    @Parameter(
                            description = "The request's X-Request-Id",
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            maxLength = 64,
                                            pattern = "^[A-Za-z0-9._-]{8,64}$"))
                    String correlationId,
            @QueryParam("limit")
                    @DefaultValue("100")
                    @Parameter(
                            description = "Records at most, 1 to 1000",
                            schema = @Schema(minimum = "1", maximum = "1000", format = "int32"))
                    int limit) {
        gate.require();
        if (correlationId == null || !correlationId.matches("[A-Za-z0-9._-]{8,64}")) {
            throw new ProblemException(
                    400,
                    "invalid_correlation_id",
                    "Invalid correlation id",
                    "correlationId is required: 8 to 64 letters, digits, '.', '_' or '-'");
        }
        return search
                .search(AuditSearch.Criteria.ofCorrelation(correlationId), limit(limit, MAX_LIMIT))
                .records()
                .stream()
                .map(AuditRecordView::of)
                .toList();
    }

    @GET
    @Path("/search")
    @APIResponse(
            responseCode = "200",
            description = "A page of records",
            content =
                    @Content(
                            schema = @Schema(implementation = SearchPage.class),
                            examples = @ExampleObject(name = "page", value = AuditDocs.PAGE)))
    @APIResponse(
            responseCode = "400",
            description = "A filter is invalid",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "invalid_subject",
                                        summary = "Invalid subject",
                                        description = "subject: 1 to 128 letters, digits or ._:@/-"),
                                @ExampleObject(
                                        name = "invalid_from",
                                        summary = "Invalid from",
                                        description = "from must be an ISO-8601 instant"),
                                @ExampleObject(
                                        name = "invalid_limit",
                                        summary = "Invalid limit",
                                        description = "limit must be between 1 and 1000")
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
            summary = "Search the trail",
            description = "By time range [from, to), subject, client, object, action, outcome or event type; keyset"
                    + " pagination: pass nextCursor as after. Source addresses are masked unless a compliance officer"
                    + " asks for unmasked records.",
            extensions = {
                @Extension(name = "x-payguard-audience", value = "public"),
                @Extension(name = "x-payguard-security-level", value = "auditor")
            })
    public SearchPage search(
            @QueryParam("subject")
                    @Parameter(
                            description = "1 to 128 letters, digits or ._:@/-",
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            maxLength = 128,
                                            pattern = "^[A-Za-z0-9._:@/-]{1,128}$"))
                    String subject,
            @QueryParam("clientId")
                    @Parameter(
                            description = "1 to 128 letters, digits or ._:@/-",
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            maxLength = 128,
                                            pattern = "^[A-Za-z0-9._:@/-]{1,128}$"))
                    String clientId,
            @QueryParam("objectType")
                    @Parameter(
                            description = "1 to 128 letters, digits or ._:@/-",
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            maxLength = 128,
                                            pattern = "^[A-Za-z0-9._:@/-]{1,128}$"))
                    String objectType,
            @QueryParam("objectId")
                    @Parameter(
                            description = "1 to 128 letters, digits or ._:@/-",
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            maxLength = 128,
                                            pattern = "^[A-Za-z0-9._:@/-]{1,128}$"))
                    String objectId,
            @QueryParam("action")
                    @Parameter(
                            description = "1 to 128 letters, digits or ._:@/-",
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            maxLength = 128,
                                            pattern = "^[A-Za-z0-9._:@/-]{1,128}$"))
                    String action,
            @QueryParam("outcome")
                    @Parameter(
                            description = "1 to 128 letters, digits or ._:@/-",
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            maxLength = 128,
                                            pattern = "^[A-Za-z0-9._:@/-]{1,128}$"))
                    String outcome,
            @QueryParam("eventType")
                    @Parameter(
                            description = "1 to 128 letters, digits or ._:@/-",
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            maxLength = 128,
                                            pattern = "^[A-Za-z0-9._:@/-]{1,128}$"))
                    String eventType,
            @BeanParam TrailPageQuery query) {
        gate.require();
        limit(query.limit(), MAX_LIMIT);
        boolean mask = gate.mask(query.unmasked());
        var criteria = new AuditSearch.Criteria(
                instant(query.from(), "from"),
                instant(query.to(), "to"),
                id(subject, "subject"),
                id(clientId, "clientId"),
                id(objectType, "objectType"),
                id(objectId, "objectId"),
                id(action, "action"),
                id(outcome, "outcome"),
                null,
                null,
                id(eventType, "eventType"),
                Math.max(0, query.after()));
        return page(search.search(criteria, query.limit()), mask);
    }

    @GET
    @Path("/personal-data-access")
    @APIResponse(
            responseCode = "200",
            description = "A page of personal-data access records",
            content =
                    @Content(
                            schema = @Schema(implementation = SearchPage.class),
                            examples = @ExampleObject(name = "page", value = AuditDocs.PAGE)))
    @APIResponse(
            responseCode = "400",
            description = "A filter is invalid",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "invalid_data_subject",
                                        summary = "Invalid data subject",
                                        description = "dataSubject is required"),
                                @ExampleObject(
                                        name = "invalid_limit",
                                        summary = "Invalid limit",
                                        description = "limit must be between 1 and 1000")
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
            summary = "Who accessed a data subject's personal data",
            description = "Which fields, by whom and why, in [from, to); keyset pagination: pass nextCursor as after.",
            extensions = {
                @Extension(name = "x-payguard-audience", value = "public"),
                @Extension(name = "x-payguard-security-level", value = "auditor")
            })
    public SearchPage personalDataAccess(
            @QueryParam("dataSubject")
                    @Parameter(
                            description = "1 to 128 letters, digits or ._:@/-",
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            maxLength = 128,
                                            pattern = "^[A-Za-z0-9._:@/-]{1,128}$"))
                    String dataSubject,
            @BeanParam TrailPageQuery query) {
        gate.require();
        limit(query.limit(), MAX_LIMIT);
        boolean mask = gate.mask(query.unmasked());
        if (dataSubject == null) {
            throw new ProblemException(400, "invalid_data_subject", "Invalid data subject", "dataSubject is required");
        }
        var criteria = AuditSearch.Criteria.ofDataSubject(
                instant(query.from(), "from"),
                instant(query.to(), "to"),
                id(dataSubject, "dataSubject"),
                Math.max(0, query.after()));
        return page(search.search(criteria, query.limit()), mask);
    }

    private static SearchPage page(AuditSearch.Page page, boolean mask) {
        return new SearchPage(
                page.records().stream()
                        .map(AuditRecordView::of)
                        .map(v -> mask ? v.masked() : v)
                        .toList(),
                page.nextCursor());
    }
}

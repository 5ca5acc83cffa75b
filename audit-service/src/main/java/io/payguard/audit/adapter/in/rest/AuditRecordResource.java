package io.payguard.audit.adapter.in.rest;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.payguard.audit.application.AuditSearch;
import io.payguard.platform.web.ProblemException;
import io.payguard.platform.web.Roles;
import io.quarkus.security.identity.SecurityIdentity;

/** The auditor's view of the trail: look-up by correlation id, search with keyset pagination, who read whose data. */
@Path("/v1/audit")
@Tag(name = "audit")
public class AuditRecordResource {

    /** A page of search results; pass {@code nextCursor} as {@code after} for the next page (absent on the last). */
    public record SearchPage(List<AuditRecordView> records, Long nextCursor) {}

    private static final String ID = "[A-Za-z0-9._:@/-]{1,128}";

    private final AuditSearch search;
    private final AuditorGate gate;
    private final SecurityIdentity identity;

    public AuditRecordResource(AuditSearch search, AuditorGate gate, SecurityIdentity identity) {
        this.search = search;
        this.gate = gate;
        this.identity = identity;
    }

    @GET
    @Path("/records")
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
            summary = "Audit records of one request, by correlation id",
            extensions = {
                @Extension(name = "x-payguard-audience", value = "public"),
                @Extension(name = "x-payguard-security-level", value = "auditor")
            })
    public List<AuditRecordView> byCorrelationId(
            @QueryParam("correlationId") String correlationId, @QueryParam("limit") @DefaultValue("100") int limit) {
        gate.require(identity);
        if (correlationId == null || !correlationId.matches("[A-Za-z0-9._-]{8,64}")) {
            throw new ProblemException(
                    400,
                    "invalid_correlation_id",
                    "Invalid correlation id",
                    "correlationId is required: 8 to 64 letters, digits, '.', '_' or '-'");
        }
        checkLimit(limit);
        return search
                .search(
                        new AuditSearch.Criteria(
                                null, null, null, null, null, null, null, null, correlationId, null, null, 0),
                        limit)
                .records()
                .stream()
                .map(AuditRecordView::of)
                .toList();
    }

    @GET
    @Path("/search")
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
            summary = "Search the trail (time range, subject, object, action, outcome), keyset-paginated",
            extensions = {
                @Extension(name = "x-payguard-audience", value = "public"),
                @Extension(name = "x-payguard-security-level", value = "auditor")
            })
    public SearchPage search(
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("subject") String subject,
            @QueryParam("clientId") String clientId,
            @QueryParam("objectType") String objectType,
            @QueryParam("objectId") String objectId,
            @QueryParam("action") String action,
            @QueryParam("outcome") String outcome,
            @QueryParam("eventType") String eventType,
            @QueryParam("after") @DefaultValue("0") long after,
            @QueryParam("limit") @DefaultValue("100") int limit,
            @QueryParam("unmasked") @DefaultValue("false") boolean unmasked) {
        gate.require(identity);
        checkLimit(limit);
        boolean mask = gate.mask(identity, unmasked);
        var page = search.search(
                new AuditSearch.Criteria(
                        instant(from, "from"),
                        instant(to, "to"),
                        id(subject, "subject"),
                        id(clientId, "clientId"),
                        id(objectType, "objectType"),
                        id(objectId, "objectId"),
                        id(action, "action"),
                        id(outcome, "outcome"),
                        null,
                        null,
                        id(eventType, "eventType"),
                        Math.max(0, after)),
                limit);
        return page(page, mask);
    }

    @GET
    @Path("/personal-data-access")
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
            summary = "Who accessed a data subject's personal data, which fields and why",
            extensions = {
                @Extension(name = "x-payguard-audience", value = "public"),
                @Extension(name = "x-payguard-security-level", value = "auditor")
            })
    public SearchPage personalDataAccess(
            @QueryParam("dataSubject") String dataSubject,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("after") @DefaultValue("0") long after,
            @QueryParam("limit") @DefaultValue("100") int limit,
            @QueryParam("unmasked") @DefaultValue("false") boolean unmasked) {
        gate.require(identity);
        checkLimit(limit);
        boolean mask = gate.mask(identity, unmasked);
        if (dataSubject == null) {
            throw new ProblemException(400, "invalid_data_subject", "Invalid data subject", "dataSubject is required");
        }
        var page = search.search(
                new AuditSearch.Criteria(
                        instant(from, "from"),
                        instant(to, "to"),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        id(dataSubject, "dataSubject"),
                        null,
                        Math.max(0, after)),
                limit);
        return page(page, mask);
    }

    private static SearchPage page(AuditSearch.Page page, boolean mask) {
        return new SearchPage(
                page.records().stream()
                        .map(AuditRecordView::of)
                        .map(v -> mask ? v.masked() : v)
                        .toList(),
                page.nextCursor());
    }

    private static void checkLimit(int limit) {
        if (limit < 1 || limit > 1000) {
            throw new ProblemException(400, "invalid_limit", "Invalid limit", "limit must be between 1 and 1000");
        }
    }

    static String id(String value, String name) {
        if (value != null && !value.matches(ID)) {
            throw new ProblemException(
                    400, "invalid_" + name, "Invalid " + name, name + ": 1 to 128 letters, digits or ._:@/-");
        }
        return value;
    }

    static Instant instant(String value, String name) {
        try {
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new ProblemException(
                    400, "invalid_" + name, "Invalid " + name, name + " must be an ISO-8601 instant");
        }
    }
}

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
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
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
    public record SearchPage(List<AuditRecordView> records, Long nextCursor) {}

    private static final int MAX_LIMIT = 1000;

    private final AuditSearch search;
    private final AuditorGate gate;

    public AuditRecordResource(AuditSearch search, AuditorGate gate) {
        this.search = search;
        this.gate = gate;
    }

    @GET
    @Path("/records")
    @Operation(
            summary = "Audit records of one request, by correlation id",
            extensions = {
                @Extension(name = "x-payguard-audience", value = "public"),
                @Extension(name = "x-payguard-security-level", value = "auditor")
            })
    public List<AuditRecordView> byCorrelationId(
            @QueryParam("correlationId") String correlationId, @QueryParam("limit") @DefaultValue("100") int limit) {
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
    @Operation(
            summary = "Search the trail (time range, subject, object, action, outcome), keyset-paginated",
            extensions = {
                @Extension(name = "x-payguard-audience", value = "public"),
                @Extension(name = "x-payguard-security-level", value = "auditor")
            })
    public SearchPage search(
            @QueryParam("subject") String subject,
            @QueryParam("clientId") String clientId,
            @QueryParam("objectType") String objectType,
            @QueryParam("objectId") String objectId,
            @QueryParam("action") String action,
            @QueryParam("outcome") String outcome,
            @QueryParam("eventType") String eventType,
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
    @Operation(
            summary = "Who accessed a data subject's personal data, which fields and why",
            extensions = {
                @Extension(name = "x-payguard-audience", value = "public"),
                @Extension(name = "x-payguard-security-level", value = "auditor")
            })
    public SearchPage personalDataAccess(
            @QueryParam("dataSubject") String dataSubject, @BeanParam TrailPageQuery query) {
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

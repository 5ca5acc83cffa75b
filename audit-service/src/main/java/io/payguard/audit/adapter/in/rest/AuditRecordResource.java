package io.payguard.audit.adapter.in.rest;

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

import io.payguard.audit.adapter.out.persistence.AuditRecordEntity;
import io.payguard.audit.domain.AuditRecord;
import io.payguard.platform.web.ProblemException;
import io.payguard.platform.web.Roles;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** The auditor's view of the trail (first slice: look-up by correlation id). */
@Path("/v1/audit/records")
@Tag(name = "audit")
public class AuditRecordResource {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.AUDITOR, Roles.COMPLIANCE_OFFICER })
    @WithSession
    @Operation(summary = "Audit records of one request, by correlation id", extensions = {
            @Extension(name = "x-payguard-audience", value = "public"),
            @Extension(name = "x-payguard-security-level", value = "auditor") })
    public Uni<List<AuditRecord>> byCorrelationId(@QueryParam("correlationId") String correlationId,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        if (correlationId == null || !correlationId.matches("[A-Za-z0-9._-]{8,64}")) {
            throw new ProblemException(400, "invalid_correlation_id", "Invalid correlation id",
                    "correlationId is required: 8 to 64 letters, digits, '.', '_' or '-'");
        }
        if (limit < 1 || limit > 1000) {
            throw new ProblemException(400, "invalid_limit", "Invalid limit", "limit must be between 1 and 1000");
        }
        return AuditRecordEntity.<AuditRecordEntity>find("correlationId = ?1 order by occurredAt, id", correlationId)
                .range(0, limit - 1).list()
                .map(rows -> rows.stream().map(AuditRecordEntity::toDomain).toList());
    }
}

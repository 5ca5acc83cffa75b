package io.payguard.platform.web;

import java.util.List;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /v1/me}: who the service thinks the caller is. Present in every service; it proves the
 * security wiring (token verified locally against Keycloak's JWKS, audience checked, roles mapped) and
 * the audit path (each call leaves an audit record through the outbox).
 */
@Path("/v1/me")
@Tag(name = "caller")
public class CallerResource {

    public record CallerView(
            String service,
            String subject,
            String clientId,
            String authMethod,
            String apiKeyId,
            Set<String> roles,
            List<String> scopes,
            String auditEventId) {}

    private final Caller caller;
    private final RequestAuditor auditor;
    private final String service;

    public CallerResource(
            Caller caller, RequestAuditor auditor, @ConfigProperty(name = "quarkus.application.name") String service) {
        this.caller = caller;
        this.auditor = auditor;
        this.service = service;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({
        Roles.CUSTOMER,
        Roles.MERCHANT,
        Roles.AUDITOR,
        Roles.COMPLIANCE_OFFICER,
        Roles.OPERATOR,
        Roles.SERVICE
    })
    @Operation(
            summary = "The authenticated caller as this service sees it",
            extensions = {
                @Extension(name = "x-payguard-audience", value = "public"),
                @Extension(name = "x-payguard-security-level", value = "authenticated")
            })
    public Uni<CallerView> me(RoutingContext ctx) {
        return Panache.withTransaction(
                        () -> auditor.record(caller, ctx, "caller.read", "caller", caller.subject(), "success"))
                .map(eventId -> new CallerView(
                        service,
                        caller.subject(),
                        caller.clientId(),
                        caller.viaApiKey() ? "api-key" : "oauth2",
                        caller.apiKeyId(),
                        caller.roles(),
                        caller.scopes(),
                        eventId));
    }
}

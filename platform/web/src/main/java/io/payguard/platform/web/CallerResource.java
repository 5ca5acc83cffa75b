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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
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

    /** Values taken from the caller's token or key: bounded by the request headers' limit (16384 bytes). */
    public record CallerView(
            @Schema(maxLength = 64, pattern = "^[a-z-]{1,64}$", description = "quarkus.application.name")
            String service,

            @Schema(maxLength = TOKEN_VALUE, description = "The token's or key's subject")
            String subject,

            @Schema(maxLength = TOKEN_VALUE, description = "The OAuth client (azp), if any")
            String clientId,

            @Schema(
                    maxLength = TOKEN_VALUE,
                    nullable = true,
                    description = "The merchant a merchant-role caller acts for: its own client, the merchant behind"
                            + " an API key, or a team member's merchant (token claim merchant_id); null otherwise")
            String merchantId,

            @Schema(enumeration = {"oauth2", "api-key"}) String authMethod,

            @Schema(maxLength = 64, description = "The API key's id, when the caller used one")
            String apiKeyId,

            @Schema(
                    type = SchemaType.ARRAY,
                    implementation = TokenValue.class,
                    maxItems = TOKEN_VALUE,
                    uniqueItems = true,
                    description = "The caller's roles (customer, merchant, auditor, compliance-officer,"
                            + " operator, service and any other role the token carries)")
            Set<String> roles,

            @Schema(
                    type = SchemaType.ARRAY,
                    implementation = TokenValue.class,
                    maxItems = TOKEN_VALUE,
                    description = "An API key's scopes (payments:write, payments:read, ...); empty for tokens")
            List<String> scopes,

            @Schema(maxLength = 36, format = "uuid", description = "The audit record this call left")
            String auditEventId) {}

    /** The request headers' limit ({@code payguard.http.max-header-bytes}): no value from a token is longer. */
    static final int TOKEN_VALUE = 16384;

    @Schema(name = "TokenValue", type = SchemaType.STRING, maxLength = TOKEN_VALUE)
    static final class TokenValue {}

    static final String EXAMPLE = """
            {"service": "payment-service", "subject": "acme-shop", "clientId": "acme-shop-backend",
             "merchantId": "acme-shop-backend", "authMethod": "api-key", "apiKeyId": "key_3f0c2b1e8d4a4c55", "roles": ["merchant"],
             "scopes": ["payments:write", "payments:read"], "auditEventId": "0b6e2f8a-3c4d-4e5f-9a8b-7c6d5e4f3a2b"}""";

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
    @APIResponse(
            responseCode = "200",
            description = "The caller",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = CallerView.class),
                            examples = @ExampleObject(name = "api_key", value = EXAMPLE)))
    @Operation(
            summary = "The authenticated caller as this service sees it",
            description = "Who this service thinks the caller is (subject, roles, scopes); the call is audited.",
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
                        caller.merchantIdOrNull(),
                        caller.viaApiKey() ? "api-key" : "oauth2",
                        caller.apiKeyId(),
                        caller.roles(),
                        caller.scopes(),
                        eventId));
    }
}

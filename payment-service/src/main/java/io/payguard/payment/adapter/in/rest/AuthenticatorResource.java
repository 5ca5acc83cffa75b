package io.payguard.payment.adapter.in.rest;

import java.time.Instant;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.payguard.payment.application.AuthenticatorService;
import io.payguard.payment.application.Idempotency;
import io.payguard.payment.domain.Authenticator;
import io.payguard.platform.web.Caller;
import io.payguard.platform.web.RequestAuditor;
import io.payguard.platform.web.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * WebAuthn authenticators (passkeys) of the calling customer: registration after a step-up login, listing,
 * revocation; an operator revokes a customer's lost device. Verified with webauthn4j (WebAuthn Level 2).
 */
@Path("/v1")
@Tag(name = "authenticators")
@Produces(MediaType.APPLICATION_JSON)
public class AuthenticatorResource {

    static final String OBJECT_TYPE = "authenticator";

    private final AuthenticatorService authenticators;
    private final Caller caller;
    private final SecurityIdentity identity;
    private final RequestAuditor auditor;
    private final IdempotentCalls calls;

    public AuthenticatorResource(
            AuthenticatorService authenticators,
            Caller caller,
            SecurityIdentity identity,
            RequestAuditor auditor,
            IdempotentCalls calls) {
        this.authenticators = authenticators;
        this.caller = caller;
        this.identity = identity;
        this.auditor = auditor;
        this.calls = calls;
    }

    @POST
    @Path("/authenticators/registration_options")
    @RolesAllowed(Roles.CUSTOMER)
    @Operation(
            summary = "Start registering an authenticator",
            description = "WebAuthn creation options (PublicKeyCredentialCreationOptionsJSON) plus registration, the"
                    + " id to finish with. Needs a recent login: the token's auth_time at most"
                    + " payguard.sca.webauthn.step-up-max-age (5 min) ago; a token without auth_time is refused.")
    @APIResponse(
            responseCode = "200",
            description = "The creation options",
            content =
                    @Content(
                            schema = @Schema(implementation = AuthenticatorApi.CreationOptions.class),
                            examples = @ExampleObject(name = "options", value = PaymentExamples.REGISTRATION_OPTIONS)))
    @APIResponse(
            responseCode = "403",
            description = "The login is not recent enough",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "step_up_required",
                                        summary = "Recent login required",
                                        description = "log in again (auth_time older than 5 minutes, or absent)")
                            }))
    public Uni<AuthenticatorApi.CreationOptions> registrationOptions() {
        return authenticators
                .registrationOptions(caller.subject(), authTime())
                .map(AuthenticatorApi.CreationOptions::of);
    }

    /** The token's {@code auth_time} (OIDC: seconds since the epoch); null when absent or not a number. */
    private Instant authTime() {
        if (!(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return null;
        }
        Object claim = jwt.getClaim("auth_time");
        try {
            return claim == null ? null : Instant.ofEpochSecond(Long.parseLong(String.valueOf(claim)));
        } catch (NumberFormatException | java.time.DateTimeException e) {
            return null;
        }
    }

    @POST
    @Path("/authenticators")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.CUSTOMER)
    @Operation(
            summary = "Register an authenticator",
            description = "The credential the browser or app created with the options (attestation none). The"
                    + " registration's challenge is used once and expires; rpIdHash, origin, challenge, user presence"
                    + " and user verification are verified.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = AuthenticatorApi.Register.class),
                            examples = @ExampleObject(name = "register", value = PaymentExamples.REGISTER)))
    @APIResponse(
            responseCode = "201",
            description = "The authenticator",
            content =
                    @Content(
                            schema = @Schema(implementation = AuthenticatorApi.View.class),
                            examples = @ExampleObject(name = "registered", value = PaymentExamples.AUTHENTICATOR)))
    @APIResponse(
            responseCode = "400",
            description = "The request or the credential is malformed or does not verify",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "invalid_request",
                                        summary = "Invalid request",
                                        description = "a field is missing or not base64url"),
                                @ExampleObject(
                                        name = "webauthn_registration_invalid",
                                        summary = "Registration not verified",
                                        description = "origin, rpIdHash, challenge, flags or the attestation are wrong")
                            }))
    @APIResponse(
            responseCode = "422",
            description = "The registration cannot be finished",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "registration_invalid",
                                        summary = "Registration unknown, used or expired",
                                        description = "start again with registration_options"),
                                @ExampleObject(
                                        name = "authenticator_already_registered",
                                        summary = "Already registered",
                                        description = "this credential is registered"),
                                @ExampleObject(
                                        name = "authenticator_limit_reached",
                                        summary = "Too many authenticators",
                                        description = "revoke one first"),
                                @ExampleObject(
                                        name = "idempotency_key_reused",
                                        summary = "Idempotency-Key reused",
                                        description = "this Idempotency-Key was used for a different request")
                            }))
    public Uni<Response> register(
            @HeaderParam(Idempotency.HEADER) String key, AuthenticatorApi.Register request, RoutingContext ctx) {
        var command = RequestChecks.requireBody(request).command();
        String customer = caller.subject();
        var post = IdempotentPost.<Authenticator>of(
                        OBJECT_TYPE,
                        "register",
                        Map.of("registration", command.registration()),
                        AuthenticatorApi.View::of,
                        Authenticator::id)
                .created()
                .settledInTransaction();
        return calls.run(ctx, key, post, tx -> authenticators.register(customer, command, tx));
    }

    @GET
    @Path("/authenticators")
    @RolesAllowed(Roles.CUSTOMER)
    @Operation(summary = "List my authenticators", description = "Newest first, at most 50, active and revoked.")
    @APIResponse(
            responseCode = "200",
            description = "The authenticators",
            content =
                    @Content(
                            schema = @Schema(implementation = AuthenticatorApi.ViewList.class),
                            examples = @ExampleObject(name = "list", value = PaymentExamples.AUTHENTICATORS)))
    public Uni<AuthenticatorApi.ViewList> list(RoutingContext ctx) {
        return authenticators
                .list(caller.subject())
                .call(all -> auditor.recordStandalone(caller, ctx, "authenticator.list", OBJECT_TYPE, "*", "success"))
                .map(all -> new AuthenticatorApi.ViewList(
                        "list", all.stream().map(AuthenticatorApi.View::of).toList()));
    }

    @DELETE
    @Path("/authenticators/{id}")
    @RolesAllowed(Roles.CUSTOMER)
    @Operation(
            summary = "Revoke my authenticator",
            description = "It never confirms a payment again (a lost or replaced device). Revoking twice answers the"
                    + " revoked authenticator.")
    @APIResponse(
            responseCode = "200",
            description = "The revoked authenticator",
            content =
                    @Content(
                            schema = @Schema(implementation = AuthenticatorApi.View.class),
                            examples = @ExampleObject(name = "revoked", value = PaymentExamples.AUTHENTICATOR_REVOKED)))
    @APIResponse(
            responseCode = "404",
            description = "No authenticator of the caller has this id",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(name = "authenticator_not_found", summary = "No such authenticator")
                            }))
    public Uni<Response> revoke(
            @PathParam("id")
                    @Parameter(
                            description = "The authenticator's id",
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            maxLength = 38,
                                            pattern = AuthenticatorApi.ID_PATTERN),
                            example = "authn_5b1d0e2f3a4c4b6d8e9f0a1b2c3d4e5f")
                    String id,
            RoutingContext ctx) {
        String customer = caller.subject();
        var post = revokePost(id, Map.of());
        return calls.run(
                ctx,
                null,
                post,
                tx -> authenticators.revoke(customer, id, customer, Roles.CUSTOMER, "revoked by the customer", tx));
    }

    @POST
    @Path("/authenticators/{id}/revoke")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    @Operation(
            summary = "Revoke a customer's authenticator (operator)",
            description = "A lost device reported to support: the authenticator never confirms a payment again. The"
                    + " reason and the operator go to the audit trail (security.events).")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = AuthenticatorApi.Revoke.class),
                            examples = @ExampleObject(name = "lost", value = PaymentExamples.REVOKE)))
    @APIResponse(
            responseCode = "200",
            description = "The revoked authenticator",
            content =
                    @Content(
                            schema = @Schema(implementation = AuthenticatorApi.View.class),
                            examples = @ExampleObject(name = "revoked", value = PaymentExamples.AUTHENTICATOR_REVOKED)))
    @APIResponse(
            responseCode = "400",
            description = "The reason is missing or too long",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "invalid_request",
                                        summary = "Invalid request",
                                        description = "reason: 1 to 500 characters")
                            }))
    @APIResponse(
            responseCode = "404",
            description = "The customer has no authenticator with this id",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(name = "authenticator_not_found", summary = "No such authenticator")
                            }))
    @APIResponse(
            responseCode = "422",
            description = "The Idempotency-Key was used for another request",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "idempotency_key_reused",
                                        summary = "Idempotency-Key reused",
                                        description = "this Idempotency-Key was used for a different request")
                            }))
    public Uni<Response> operatorRevoke(
            @QueryParam("customer")
                    @Parameter(
                            required = true,
                            description = "The subject of the customer whose authenticator it is",
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            maxLength = 128,
                                            pattern = "^[A-Za-z0-9._:@-]{1,128}$"))
                    String customer,
            @PathParam("id")
                    @Parameter(
                            description = "The authenticator's id",
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            maxLength = 38,
                                            pattern = AuthenticatorApi.ID_PATTERN))
                    String id,
            @HeaderParam(Idempotency.HEADER) String key,
            AuthenticatorApi.Revoke request,
            RoutingContext ctx) {
        if (customer == null || IntentRequests.customer(customer) == null) {
            throw RequestChecks.invalid("customer is required: the subject of the customer whose authenticator it is");
        }
        var body = RequestChecks.requireBody(request);
        if (body.reason() == null || body.reason().isBlank()) {
            throw RequestChecks.invalid("reason is required (1 to 500 characters)");
        }
        String reason = RequestChecks.freeText(body.reason(), 500, "reason");
        String operator = caller.subject();
        var post = revokePost(id, Map.of("customer", customer, "reason", reason));
        return calls.run(
                ctx, key, post, tx -> authenticators.revoke(customer, id, operator, Roles.OPERATOR, reason, tx));
    }

    private static IdempotentPost<Authenticator> revokePost(String id, Object request) {
        return IdempotentPost.<Authenticator>of(
                        OBJECT_TYPE, "revoke " + id, request, AuthenticatorApi.View::of, Authenticator::id)
                .settledInTransaction();
    }
}

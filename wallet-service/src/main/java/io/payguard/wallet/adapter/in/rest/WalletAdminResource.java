package io.payguard.wallet.adapter.in.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.payguard.kernel.IdempotencyKeys;
import io.payguard.platform.web.Caller;
import io.payguard.platform.web.CorrelationId;
import io.payguard.platform.web.Problem;
import io.payguard.platform.web.ProblemException;
import io.payguard.platform.web.RequestAuditor;
import io.payguard.platform.web.Roles;
import io.payguard.wallet.application.Idempotency;
import io.payguard.wallet.application.LedgerService;
import io.payguard.wallet.domain.LedgerInvariants;
import io.payguard.wallet.domain.Outcome;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/** Operator and auditor views of the ledger as a whole, and the operator's corrections. */
@Path("/v1/wallet-admin")
@Tag(name = "wallet-admin")
public class WalletAdminResource {

    @JsonIgnoreProperties(ignoreUnknown = false)
    record ReversalRequest(
            @Schema(
                    required = true,
                    minLength = 3,
                    maxLength = 100,
                    pattern = "^[A-Za-z0-9 ._:-]{3,100}$",
                    description = "Becomes the entry's business reference: short, plain, no personal data")
            String reason) {}

    private final LedgerService ledger;
    private final Idempotency idempotency;
    private final RequestAuditor auditor;
    private final Caller caller;
    private final ObjectMapper mapper;

    public WalletAdminResource(
            LedgerService ledger, Idempotency idempotency, RequestAuditor auditor, Caller caller, ObjectMapper mapper) {
        this.ledger = ledger;
        this.idempotency = idempotency;
        this.auditor = auditor;
        this.caller = caller;
        this.mapper = mapper;
    }

    /**
     * Checks the ledger's invariants over every account: per currency the balances sum to zero, each balance
     * equals the sum of its postings, each reserve equals its active holds, no account overdrawn without
     * overdraft. A full scan: an operator's tool, not a request-path call.
     */
    @GET
    @Path("/invariants")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.OPERATOR, Roles.AUDITOR})
    @APIResponse(
            responseCode = "200",
            description = "The report",
            content =
                    @Content(
                            schema = @Schema(implementation = WalletExamples.InvariantsReport.class),
                            examples = @ExampleObject(name = "balanced", value = WalletExamples.INVARIANTS)))
    @Operation(
            summary = "Check the ledger's invariants",
            description =
                    "Per currency the balances sum to zero, each balance equals its postings, each reserve its active holds, no account overdrawn without overdraft. A full scan: an operator's tool; audited.",
            extensions = {
                @Extension(name = "x-payguard-audience", value = "private"),
                @Extension(name = "x-payguard-security-level", value = "operator")
            })
    public Uni<LedgerInvariants.Report> invariants(RoutingContext ctx) {
        return ledger.checkInvariants()
                .call(report -> Panache.withTransaction(() -> auditor.record(
                        caller,
                        ctx,
                        "ledger.invariants.check",
                        "ledger",
                        "all",
                        report.ok() ? "success" : "violations")));
    }

    /** Corrects a posted entry with its reversing entry (never an update); at most once per entry. */
    @POST
    @Path("/entries/{entryId}/reversal")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ReversalRequest.class),
                            examples = @ExampleObject(name = "duplicate", value = WalletExamples.REVERSAL)))
    @APIResponse(
            responseCode = "201",
            description = "The reversing entry",
            content =
                    @Content(
                            schema = @Schema(implementation = WalletExamples.Reversed.class),
                            examples = @ExampleObject(name = "reversed", value = WalletExamples.REVERSED)))
    @APIResponse(
            responseCode = "400",
            description = "The reason or the key is missing or invalid",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "invalid_reason",
                                        summary = "Invalid reason",
                                        description = "reason: 3 to 100 letters, digits, spaces, '.', '_', ':' or '-'"),
                                @ExampleObject(
                                        name = "idempotency_key_required",
                                        summary = "Idempotency-Key header required",
                                        description =
                                                "this call moves funds and needs an Idempotency-Key header; an Idempotency-Key has 8 to 255 letters, digits, '.', '_', ':' or '-'"),
                                @ExampleObject(
                                        name = "invalid_idempotency_key",
                                        summary = "Invalid Idempotency-Key",
                                        description =
                                                "an Idempotency-Key has 8 to 255 letters, digits, '.', '_', ':' or '-'")
                            }))
    @APIResponse(
            responseCode = "404",
            description = "No entry has this id",
            content = @Content(examples = {@ExampleObject(name = "entry_not_found", summary = "Entry not found")}))
    @APIResponse(
            responseCode = "409",
            description = "The entry cannot be reversed now",
            content = @Content(examples = {@ExampleObject(name = "already_reversed", summary = "Reversal refused")}))
    @APIResponse(
            responseCode = "422",
            description = "The reversal is refused, or the key was used for another request",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(name = "wallet_frozen", summary = "Reversal refused"),
                                @ExampleObject(
                                        name = "idempotency_key_reused",
                                        summary = "Idempotency-Key reused",
                                        description = "this Idempotency-Key was used for a different request")
                            }))
    @Operation(
            summary = "Reverse a journal entry",
            description =
                    "Corrects a posted entry with its reversing entry (never an update), at most once per entry and once per Idempotency-Key (required).",
            extensions = {
                @Extension(name = "x-payguard-audience", value = "private"),
                @Extension(name = "x-payguard-security-level", value = "operator")
            })
    public Uni<Response> reverse(
            @PathParam("entryId")
                    @Parameter(
                            description = "The journal entry's id",
                            schema = @Schema(type = SchemaType.STRING, maxLength = 36, format = "uuid"),
                            example = "0b6e2f8a-3c4d-4e5f-9a8b-7c6d5e4f3a2b")
                    String entryId,
            @HeaderParam("Idempotency-Key") String key,
            ReversalRequest request,
            RoutingContext ctx) {
        UUID id;
        try {
            id = UUID.fromString(entryId);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(404, "entry_not_found", "Entry not found", null);
        }
        // the reason becomes the entry's business reference: short, plain, no personal data
        if (request == null || request.reason() == null || !request.reason().matches("[A-Za-z0-9 ._:-]{3,100}")) {
            throw new ProblemException(
                    400,
                    "invalid_reason",
                    "Invalid reason",
                    "reason: 3 to 100 letters, digits, spaces, '.', '_', ':' or '-'");
        }
        IdempotencyKeys.requirePresentKey(key);
        String hash = IdempotencyKeys.hash("reversal " + id, request.reason());
        String correlationId = CorrelationId.of(ctx);
        return idempotency
                .once(
                        caller.subject(),
                        key,
                        hash,
                        () -> ledger.reverse(id, "reversal:" + request.reason()).map(found -> {
                            var outcome = found.orElseThrow(
                                    () -> new ProblemException(404, "entry_not_found", "Entry not found", null));
                            return switch (outcome) {
                                case Outcome.Posted p -> {
                                    var body = mapper.createObjectNode();
                                    body.put("entryId", p.entry().id().toString());
                                    body.put("reverses", id.toString());
                                    yield new Idempotency.Answer(201, body.toString(), false);
                                }
                                case Outcome.Refused r ->
                                    problem(422, r.reason().id(), correlationId);
                                case Outcome.Rejected r -> problem(409, r.reason(), correlationId);
                                case Outcome.HoldChanged h ->
                                    throw new IllegalStateException("a reversal posts an entry");
                            };
                        }))
                .call(answer -> Panache.withTransaction(() -> auditor.record(
                        caller,
                        ctx,
                        "ledger.entry.reverse",
                        "journal-entry",
                        id.toString(),
                        answer.status() < 300 ? "success" : "refused")))
                .map(AnswerResponse::of);
    }

    private Idempotency.Answer problem(int status, String code, String correlationId) {
        return new Idempotency.Answer(
                status,
                mapper.valueToTree(Problem.of(status, code, "Reversal refused", null, correlationId))
                        .toString(),
                false);
    }
}

package io.payguard.auth.privacy.adapter.in.rest;

import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.payguard.auth.privacy.application.LegalHoldService;
import io.payguard.auth.privacy.domain.LegalHold;
import io.payguard.platform.web.Caller;
import io.payguard.platform.web.ProblemException;
import io.payguard.platform.web.Roles;
import io.smallrye.mutiny.Uni;

/** Legal holds: compliance officers block a subject's erasure until they release the hold. */
@Path("/v1/legal_holds")
@Tag(name = "privacy")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.COMPLIANCE_OFFICER)
public class LegalHoldResource {

    static final String ID_PATTERN = "^lh_[0-9a-f]{24}$";
    static final String SUBJECT_PATTERN = "^[A-Za-z0-9:_-]{1,128}$";

    @Schema(name = "LegalHoldCreate")
    public record SetRequest(
            @Schema(required = true, maxLength = 128, pattern = SUBJECT_PATTERN)
            String subject,

            @Schema(required = true, minLength = 5, maxLength = 500)
            String reason) {}

    @Schema(name = "LegalHoldRelease")
    public record ReleaseRequest(
            @Schema(required = true, minLength = 5, maxLength = 500)
            String reason) {}

    @Schema(name = "LegalHold")
    public record HoldView(
            @Schema(maxLength = 27, pattern = ID_PATTERN) String id,

            @Schema(maxLength = 128, pattern = SUBJECT_PATTERN)
            String subject,

            @Schema(maxLength = 500) String reason,

            @Schema(maxLength = 128, pattern = SUBJECT_PATTERN)
            String setBy,

            Instant setAt,
            Instant releasedAt) {
        static HoldView of(LegalHold h) {
            return new HoldView(h.id(), h.subject(), h.reason(), h.setBy(), h.setAt(), h.releasedAt());
        }
    }

    public record HoldList(
            @Schema(enumeration = "list") String object,
            @Schema(maxItems = 100) List<HoldView> data) {}

    private final LegalHoldService holds;
    private final Caller caller;

    public LegalHoldResource(LegalHoldService holds, Caller caller) {
        this.holds = holds;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Set a legal hold",
            description = "No erasure of the subject goes on while the hold is active (a request waits on_hold).")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = SetRequest.class),
                            examples = @ExampleObject(name = "court_order", value = PrivacyExamples.HOLD_SET)))
    @APIResponse(
            responseCode = "201",
            description = "The hold",
            content =
                    @Content(
                            schema = @Schema(implementation = HoldView.class),
                            examples = @ExampleObject(name = "set", value = PrivacyExamples.HOLD)))
    @APIResponse(
            responseCode = "400",
            description = "A bad subject or reason",
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "invalid_legal_hold",
                                            summary = "Invalid legal hold",
                                            description = "subject and a reason of 5 to 500 characters")))
    public Uni<Response> set(SetRequest request) {
        if (request == null
                || request.subject() == null
                || !request.subject().matches(SUBJECT_PATTERN.substring(1, SUBJECT_PATTERN.length() - 1))
                || !reason(request.reason())) {
            throw new ProblemException(
                    400, "invalid_legal_hold", "Invalid legal hold", "subject and a reason of 5 to 500 characters");
        }
        return holds.set(request.subject(), request.reason().strip(), caller.subject())
                .map(h -> Response.status(201).entity(HoldView.of(h)).build());
    }

    @GET
    @Operation(summary = "List legal holds", description = "Newest first, 100 at most, optionally of one subject.")
    @APIResponse(
            responseCode = "200",
            description = "The holds",
            content =
                    @Content(
                            schema = @Schema(implementation = HoldList.class),
                            examples =
                                    @ExampleObject(
                                            name = "list",
                                            value = "{\"object\": \"list\", \"data\": [" + PrivacyExamples.HOLD
                                                    + "]}")))
    @APIResponse(
            responseCode = "400",
            description = "A malformed subject",
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "invalid_subject",
                                            summary = "Invalid subject",
                                            description = "A Keycloak subject id")))
    public Uni<HoldList> list(
            @QueryParam("subject")
                    @Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = 128, pattern = SUBJECT_PATTERN))
                    String subject) {
        if (subject != null && !subject.matches(SUBJECT_PATTERN.substring(1, SUBJECT_PATTERN.length() - 1))) {
            throw new ProblemException(400, "invalid_subject", "Invalid subject", "subject is a Keycloak subject id");
        }
        return holds.list(subject)
                .map(found ->
                        new HoldList("list", found.stream().map(HoldView::of).toList()));
    }

    @POST
    @Path("/{id}/release")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Release a legal hold",
            description = "When no other hold of the subject is active, its erasures on hold go on.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ReleaseRequest.class),
                            examples = @ExampleObject(name = "closed", value = "{\"reason\": \"case closed\"}")))
    @APIResponse(
            responseCode = "200",
            description = "The hold, released",
            content =
                    @Content(
                            schema = @Schema(implementation = HoldView.class),
                            examples = @ExampleObject(name = "released", value = PrivacyExamples.HOLD)))
    @APIResponse(
            responseCode = "400",
            description = "No reason",
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "invalid_reason",
                                            summary = "Invalid reason",
                                            description = "5 to 500 characters")))
    @APIResponse(
            responseCode = "404",
            description = "No such hold",
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "legal_hold_not_found",
                                            summary = "Legal hold not found",
                                            description = "Unknown id")))
    @APIResponse(
            responseCode = "409",
            description = "Released already",
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "legal_hold_released",
                                            summary = "Legal hold released",
                                            description = "The hold was released already")))
    public Uni<HoldView> release(
            @PathParam("id")
                    @Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = 27, pattern = ID_PATTERN))
                    String id,
            ReleaseRequest request) {
        if (request == null || !reason(request.reason())) {
            throw new ProblemException(400, "invalid_reason", "Invalid reason", "reason is 5 to 500 characters");
        }
        if (id == null || !id.matches(ID_PATTERN.substring(1, ID_PATTERN.length() - 1))) {
            throw new ProblemException(404, "legal_hold_not_found", "Legal hold not found", "No such hold.");
        }
        return holds.release(id, request.reason().strip(), caller.subject()).map(HoldView::of);
    }

    private static boolean reason(String reason) {
        return reason != null && reason.strip().length() >= 5 && reason.length() <= 500;
    }
}

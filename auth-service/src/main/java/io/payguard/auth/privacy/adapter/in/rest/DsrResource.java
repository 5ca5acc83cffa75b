package io.payguard.auth.privacy.adapter.in.rest;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
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

import io.payguard.auth.privacy.application.DsrService;
import io.payguard.auth.privacy.application.port.ExportCrypto;
import io.payguard.auth.privacy.domain.DataSubjectRequest;
import io.payguard.platform.web.Caller;
import io.payguard.platform.web.ProblemException;
import io.payguard.platform.web.Roles;
import io.smallrye.mutiny.Uni;

/**
 * Data-subject requests (access, erasure, correction): the customer files and follows their own; compliance officers
 * see all and may refuse one with a reason.
 */
@Path("/v1/data_subject_requests")
@Tag(name = "privacy")
@Produces(MediaType.APPLICATION_JSON)
public class DsrResource {

    static final String ID_PATTERN = "^dsr_[0-9a-f]{24}$";
    private static final Set<String> TYPES = Set.of("access", "erasure", "correction");
    private static final Set<String> STATUSES =
            Set.of("received", "verified", "in_progress", "on_hold", "completed", "refused");

    @Schema(name = "CorrectionRequest")
    public record CorrectionRequest(
            @Schema(maxLength = 200) String name,
            @Schema(maxLength = 40) String phone,
            @Schema(maxLength = 254) String email) {}

    @Schema(name = "DataSubjectRequestCreate")
    public record CreateRequest(
            @Schema(
                    required = true,
                    enumeration = {"access", "erasure", "correction"})
            String type,

            @Schema(
                    enumeration = {"CN", "EU"},
                    defaultValue = "CN")
            String jurisdiction,

            CorrectionRequest correction) {}

    @Schema(name = "DataSubjectRequestRefuse")
    public record RefuseRequest(
            @Schema(required = true, minLength = 5, maxLength = 500)
            String reason) {}

    public record RefusalView(
            @Schema(maxLength = 64, pattern = "^[a-z0-9_]{1,64}$")
            String code,

            @Schema(maxLength = 500) String detail) {}

    public record OutcomeView(
            @Schema(maxLength = 64, pattern = "^[a-z][a-z0-9-]{1,63}$")
            String service,

            @Schema(maxLength = 64, pattern = "^[A-Za-z0-9_]{1,64}$")
            String dataType,

            @Schema(enumeration = {"erased", "pseudonymised_held", "kept"})
            String action,

            @Schema(minimum = "0", maximum = "9223372036854775807")
            long count,

            Instant holdUntil,
            @Schema(maxLength = 300) String legalBasis) {}

    public record ExportState(boolean available, Instant expiresAt) {}

    @Schema(name = "DataSubjectRequest")
    public record DsrView(
            @Schema(maxLength = 28, pattern = ID_PATTERN) String id,
            @Schema(enumeration = "data_subject_request") String object,

            @Schema(enumeration = {"access", "erasure", "correction"})
            String type,

            @Schema(enumeration = {"received", "verified", "in_progress", "on_hold", "completed", "refused"})
            String status,

            @Schema(enumeration = {"CN", "EU"}) String jurisdiction,
            Instant receivedAt,
            Instant verifiedAt,
            Instant deadline,
            Instant completedAt,
            RefusalView refusal,
            @Schema(maxItems = 100) List<OutcomeView> outcome,
            ExportState export) {
        static DsrView of(DataSubjectRequest r) {
            return new DsrView(
                    r.id(),
                    "data_subject_request",
                    r.type(),
                    r.status(),
                    r.jurisdiction(),
                    r.receivedAt(),
                    r.verifiedAt(),
                    r.deadline(),
                    r.completedAt(),
                    r.refusalCode() == null ? null : new RefusalView(r.refusalCode(), r.refusalDetail()),
                    r.outcome() == null || r.outcome().isEmpty()
                            ? null
                            : r.outcome().stream()
                                    .map(o -> new OutcomeView(
                                            o.service(),
                                            o.dataType(),
                                            o.action(),
                                            o.count(),
                                            o.holdUntil(),
                                            o.legalBasis()))
                                    .toList(),
                    DataSubjectRequest.ACCESS.equals(r.type())
                            ? new ExportState(
                                    r.exportSealed() != null
                                            && r.exportExpiresAt().isAfter(Instant.now()),
                                    r.exportExpiresAt())
                            : null);
        }
    }

    public record DsrList(
            @Schema(enumeration = "list") String object,
            @Schema(maxItems = 100) List<DsrView> data) {}

    public record SigningKeyView(
            @Schema(enumeration = "Ed25519") String alg,

            @Schema(maxLength = 40, pattern = "^ed25519:[0-9a-f]{16}$")
            String keyId,

            @Schema(
                    maxLength = 59,
                    pattern = "^[A-Za-z0-9_-]{59}$",
                    description = "The Ed25519 public key, X.509 SubjectPublicKeyInfo DER, base64url")
            String publicKey) {}

    private final DsrService requests;
    private final ExportCrypto crypto;
    private final Caller caller;

    @Inject
    JsonWebToken jwt;

    public DsrResource(DsrService requests, ExportCrypto crypto, Caller caller) {
        this.requests = requests;
        this.crypto = crypto;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.CUSTOMER)
    @Operation(
            summary = "File a data-subject request",
            description = "Access (a signed export of everything the suite holds about the caller), erasure, or "
                    + "correction of the profile. Verified at once when the login is recent (auth_time within "
                    + "payguard.privacy.verification-max-age), else by POST /{id}/verify after signing in again; a "
                    + "correction needs a recent login. Deadline: 15 days (CN), 30 days (EU).")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = CreateRequest.class),
                            examples = @ExampleObject(name = "access", value = PrivacyExamples.DSR_CREATE)))
    @APIResponse(
            responseCode = "201",
            description = "The request",
            content =
                    @Content(
                            schema = @Schema(implementation = DsrView.class),
                            examples = @ExampleObject(name = "received", value = PrivacyExamples.DSR)))
    @APIResponse(
            responseCode = "400",
            description = "A bad type, jurisdiction or correction",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "invalid_request_type",
                                        summary = "Invalid request type",
                                        description = "access, erasure or correction"),
                                @ExampleObject(
                                        name = "invalid_jurisdiction",
                                        summary = "Invalid jurisdiction",
                                        description = "CN or EU"),
                                @ExampleObject(
                                        name = "invalid_correction",
                                        summary = "Invalid correction",
                                        description = "name, phone or email, bounded")
                            }))
    @APIResponse(
            responseCode = "403",
            description = "A correction needs a recent login",
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "reauthentication_required",
                                            summary = "Fresh login required",
                                            description = "Sign in again and retry")))
    public Uni<Response> create(CreateRequest request) {
        if (request == null || request.type() == null || !TYPES.contains(request.type())) {
            throw new ProblemException(
                    400, "invalid_request_type", "Invalid request type", "type is access, erasure or correction");
        }
        String jurisdiction = request.jurisdiction() == null ? "CN" : request.jurisdiction();
        if (!Set.of("CN", "EU").contains(jurisdiction)) {
            throw new ProblemException(400, "invalid_jurisdiction", "Invalid jurisdiction", "jurisdiction is CN or EU");
        }
        DsrService.Correction correction = correction(request);
        return requests.create(caller.subject(), request.type(), jurisdiction, authTime(), correction)
                .map(r -> Response.status(201).entity(DsrView.of(r)).build());
    }

    @GET
    @RolesAllowed({Roles.CUSTOMER, Roles.COMPLIANCE_OFFICER})
    @Operation(
            summary = "List data-subject requests",
            description =
                    "A customer sees their own; a compliance officer sees all, optionally by status. Newest first, 100 at most.")
    @APIResponse(
            responseCode = "200",
            description = "The requests",
            content =
                    @Content(
                            schema = @Schema(implementation = DsrList.class),
                            examples =
                                    @ExampleObject(
                                            name = "list",
                                            value = "{\"object\": \"list\", \"data\": [" + PrivacyExamples.DSR + "]}")))
    @APIResponse(
            responseCode = "400",
            description = "An unknown status",
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "invalid_status",
                                            summary = "Invalid status",
                                            description = "One of the request statuses")))
    public Uni<DsrList> list(
            @QueryParam("status")
                    @Parameter(
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            enumeration = {
                                                "received",
                                                "verified",
                                                "in_progress",
                                                "on_hold",
                                                "completed",
                                                "refused"
                                            }))
                    String status) {
        if (status != null && !STATUSES.contains(status)) {
            throw new ProblemException(400, "invalid_status", "Invalid status", "status is one of " + STATUSES);
        }
        return requests.list(ownerFilter(), status, 100)
                .map(found ->
                        new DsrList("list", found.stream().map(DsrView::of).toList()));
    }

    @GET
    @Path("/export_signing_key")
    @RolesAllowed({Roles.CUSTOMER, Roles.COMPLIANCE_OFFICER, Roles.AUDITOR})
    @Operation(
            summary = "The export signing key",
            description = "The Ed25519 public key that checks the signature of every export bundle (over the bundle "
                    + "without signature, keys sorted, no whitespace, UTF-8).")
    @APIResponse(
            responseCode = "200",
            description = "The key",
            content =
                    @Content(
                            schema = @Schema(implementation = SigningKeyView.class),
                            examples = @ExampleObject(name = "key", value = PrivacyExamples.SIGNING_KEY)))
    public SigningKeyView signingKey() {
        var key = crypto.signingKey();
        return new SigningKeyView(key.alg(), key.keyId(), key.publicKey());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.CUSTOMER, Roles.COMPLIANCE_OFFICER})
    @Operation(summary = "A data-subject request", description = "A customer's own, or any for a compliance officer.")
    @APIResponse(
            responseCode = "200",
            description = "The request",
            content =
                    @Content(
                            schema = @Schema(implementation = DsrView.class),
                            examples = @ExampleObject(name = "completed", value = PrivacyExamples.DSR)))
    @APIResponse(
            responseCode = "404",
            description = "No such request of the caller",
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "data_subject_request_not_found",
                                            summary = "Data-subject request not found",
                                            description = "Unknown id, or another customer's")))
    public Uni<DsrView> get(
            @PathParam("id")
                    @Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = 28, pattern = ID_PATTERN))
                    String id) {
        return requests.get(checked(id), ownerFilter()).map(DsrView::of);
    }

    @POST
    @Path("/{id}/verify")
    @RolesAllowed(Roles.CUSTOMER)
    @Operation(
            summary = "Verify a request",
            description = "With a token from a recent login (auth_time): the request goes on.")
    @APIResponse(
            responseCode = "200",
            description = "The request, verified",
            content =
                    @Content(
                            schema = @Schema(implementation = DsrView.class),
                            examples = @ExampleObject(name = "verified", value = PrivacyExamples.DSR)))
    @APIResponse(
            responseCode = "403",
            description = "The login is not recent",
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "reauthentication_required",
                                            summary = "Fresh login required",
                                            description = "Sign in again and retry")))
    @APIResponse(
            responseCode = "404",
            description = "No such request of the caller",
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "data_subject_request_not_found",
                                            summary = "Data-subject request not found",
                                            description = "Unknown id, or another customer's")))
    @APIResponse(
            responseCode = "409",
            description = "Not awaiting verification",
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "request_not_awaiting_verification",
                                            summary = "Request not awaiting verification",
                                            description = "Verified already or finished")))
    public Uni<DsrView> verify(
            @PathParam("id")
                    @Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = 28, pattern = ID_PATTERN))
                    String id) {
        return requests.verify(checked(id), caller.subject(), authTime()).map(DsrView::of);
    }

    @POST
    @Path("/{id}/refuse")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.COMPLIANCE_OFFICER)
    @Operation(
            summary = "Refuse a request",
            description =
                    "A compliance officer refuses a request that is not finished, with a reason told to the customer.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = RefuseRequest.class),
                            examples =
                                    @ExampleObject(
                                            name = "manifestly_unfounded",
                                            value = "{\"reason\": \"identity could not be confirmed\"}")))
    @APIResponse(
            responseCode = "200",
            description = "The request, refused",
            content =
                    @Content(
                            schema = @Schema(implementation = DsrView.class),
                            examples = @ExampleObject(name = "refused", value = PrivacyExamples.DSR)))
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
            description = "No such request",
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "data_subject_request_not_found",
                                            summary = "Data-subject request not found",
                                            description = "Unknown id")))
    @APIResponse(
            responseCode = "409",
            description = "Finished, or an erasure being committed",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "request_finished",
                                        summary = "Request finished",
                                        description = "Completed or refused already"),
                                @ExampleObject(
                                        name = "erasure_committing",
                                        summary = "Erasure committing",
                                        description = "Too late to refuse")
                            }))
    public Uni<DsrView> refuse(
            @PathParam("id")
                    @Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = 28, pattern = ID_PATTERN))
                    String id,
            RefuseRequest request) {
        String reason = request == null ? null : request.reason();
        if (reason == null || reason.strip().length() < 5 || reason.length() > 500) {
            throw new ProblemException(400, "invalid_reason", "Invalid reason", "reason is 5 to 500 characters");
        }
        return requests.refuse(checked(id), reason.strip(), caller.subject()).map(DsrView::of);
    }

    @GET
    @Path("/{id}/export")
    @RolesAllowed(Roles.CUSTOMER)
    @Operation(
            summary = "Download my export",
            description = "The signed bundle of an access request: every service's data about the caller, a summary, "
                    + "and an Ed25519 signature (key at /v1/data_subject_requests/export_signing_key). Available for "
                    + "payguard.privacy.export-ttl after it is assembled.")
    @APIResponse(
            responseCode = "200",
            description = "The bundle",
            content =
                    @Content(
                            schema =
                                    @Schema(
                                            type = SchemaType.OBJECT,
                                            description = "The data_export bundle",
                                            maxProperties = 10),
                            examples = @ExampleObject(name = "bundle", value = PrivacyExamples.EXPORT)))
    @APIResponse(
            responseCode = "404",
            description = "No such request of the caller",
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "data_subject_request_not_found",
                                            summary = "Data-subject request not found",
                                            description = "Unknown id, or another customer's")))
    @APIResponse(
            responseCode = "409",
            description = "Not assembled yet",
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "export_not_ready",
                                            summary = "Export not ready",
                                            description = "The services have not all answered yet")))
    @APIResponse(
            responseCode = "410",
            description = "Expired",
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "export_expired",
                                            summary = "Export expired",
                                            description = "File a new access request")))
    public Uni<Response> export(
            @PathParam("id")
                    @Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = 28, pattern = ID_PATTERN))
                    String id) {
        return requests.export(checked(id), caller.subject()).map(read -> switch (read) {
            case DsrService.ExportRead.Ready ready ->
                Response.ok(ready.json(), MediaType.APPLICATION_JSON)
                        .header("Cache-Control", "no-store")
                        .build();
            case DsrService.ExportRead.Expired expired ->
                throw new ProblemException(
                        410,
                        "export_expired",
                        "Export expired",
                        "The export is no longer available; file a new access request.");
        });
    }

    private static DsrService.Correction correction(CreateRequest request) {
        var c = request.correction();
        if (c == null) {
            return null;
        }
        if (bad(c.name(), 200) || bad(c.phone(), 40) || bad(c.email(), 254)) {
            throw new ProblemException(
                    400,
                    "invalid_correction",
                    "Invalid correction",
                    "name (200), phone (40), email (254): non-blank and bounded");
        }
        return new DsrService.Correction(c.name(), c.phone(), c.email());
    }

    private static boolean bad(String value, int max) {
        return value != null && (value.isBlank() || value.length() > max);
    }

    private String ownerFilter() {
        return caller.hasRole(Roles.COMPLIANCE_OFFICER) ? null : caller.subject();
    }

    private Instant authTime() {
        Object claim = jwt == null ? null : jwt.getClaim("auth_time");
        if (claim instanceof Number n) {
            return Instant.ofEpochSecond(n.longValue());
        }
        if (claim instanceof jakarta.json.JsonNumber n) {
            return Instant.ofEpochSecond(n.longValue());
        }
        return null;
    }

    private static String checked(String id) {
        if (id == null || !id.matches(ID_PATTERN.substring(1, ID_PATTERN.length() - 1))) {
            throw new ProblemException(
                    404, "data_subject_request_not_found", "Data-subject request not found", "No such request.");
        }
        return id;
    }
}

package io.payguard.auth.privacy.adapter.in.rest;

import java.time.Instant;
import java.util.List;

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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.payguard.auth.privacy.application.ConsentService;
import io.payguard.auth.privacy.application.Purposes;
import io.payguard.auth.privacy.application.port.ConsentStore;
import io.payguard.auth.privacy.domain.Consent;
import io.payguard.auth.privacy.domain.Purpose;
import io.payguard.platform.web.Caller;
import io.payguard.platform.web.ProblemException;
import io.payguard.platform.web.Roles;
import io.smallrye.mutiny.Uni;

/**
 * The consent registry: purposes of processing (configuration), and the customer's grants and withdrawals of the
 * purposes that rest on consent. Withdrawing is one call, as granting is.
 */
@Path("/v1")
@Tag(name = "privacy")
@Produces(MediaType.APPLICATION_JSON)
public class ConsentResource {

    static final String PURPOSE_PATTERN = "^[a-z0-9_]{1,64}$";

    public record PurposeView(
            @Schema(maxLength = 64, pattern = PURPOSE_PATTERN)
            String id,

            @Schema(minimum = "1", maximum = "2147483647") int version,
            @Schema(maxLength = 200) String title,
            @Schema(maxLength = 4000) String textEn,
            @Schema(maxLength = 4000) String textZh,

            @Schema(enumeration = {"consent", "contract", "legal_obligation"})
            String legalBasis,

            boolean separateConsent,
            @Schema(maxLength = 200) String thirdParty,

            @Schema(maxLength = 40, description = "ISO-8601 duration")
            String retention) {
        static PurposeView of(Purpose p) {
            return new PurposeView(
                    p.id(),
                    p.version(),
                    p.title(),
                    p.textEn(),
                    p.textZh(),
                    p.legalBasis(),
                    p.separateConsent(),
                    p.thirdParty(),
                    p.retention().toString());
        }
    }

    public record PurposeList(
            @Schema(enumeration = "list") String object,
            @Schema(maxItems = 100) List<PurposeView> data) {}

    @Schema(name = "ConsentGrantRequest")
    public record GrantRequest(
            @Schema(required = true, maxLength = 64, pattern = PURPOSE_PATTERN)
            String purpose,

            @Schema(required = true, minimum = "1", maximum = "2147483647", description = "The version shown")
            Integer version,

            @Schema(
                    required = true,
                    enumeration = {"web", "mobile", "api"})
            String channel) {}

    @Schema(name = "ConsentWithdrawRequest")
    public record WithdrawRequest(
            @Schema(
                    required = true,
                    enumeration = {"web", "mobile", "api"})
            String channel) {}

    public record ConsentView(
            @Schema(maxLength = 64, pattern = PURPOSE_PATTERN)
            String purpose,

            @Schema(enumeration = {"granted", "withdrawn", "not_given"})
            String status,

            @Schema(minimum = "1", maximum = "2147483647") int version,
            Instant changedAt,
            @Schema(enumeration = {"web", "mobile", "api"}) String channel) {
        static ConsentView of(Consent c) {
            return new ConsentView(c.purpose(), c.status(), c.version(), c.changedAt(), c.channel());
        }
    }

    public record ConsentList(
            @Schema(enumeration = "list") String object,
            @Schema(maxItems = 100) List<ConsentView> data) {}

    public record ChangeView(
            @Schema(maxLength = 64, pattern = PURPOSE_PATTERN)
            String purpose,

            @Schema(enumeration = {"granted", "withdrawn"}) String status,
            @Schema(minimum = "1", maximum = "2147483647") int version,

            @Schema(maxLength = 64, pattern = "^[0-9a-f]{64}$")
            String textSha256,

            @Schema(enumeration = {"web", "mobile", "api"}) String channel,

            @Schema(maxLength = 64, pattern = "^[0-9a-f]{64}$")
            String userAgentSha256,

            Instant changedAt) {
        static ChangeView of(ConsentStore.Change c) {
            var e = c.evidence();
            return new ChangeView(
                    c.purpose(), c.status(), e.version(), e.textSha256(), e.channel(), e.userAgentSha256(), e.at());
        }
    }

    public record HistoryList(
            @Schema(enumeration = "list") String object,
            @Schema(maxItems = 100000) List<ChangeView> data) {}

    private final ConsentService consents;
    private final Purposes purposes;
    private final Caller caller;

    public ConsentResource(ConsentService consents, Purposes purposes, Caller caller) {
        this.consents = consents;
        this.purposes = purposes;
        this.caller = caller;
    }

    @GET
    @Path("/consent_purposes")
    @RolesAllowed({Roles.CUSTOMER, Roles.OPERATOR, Roles.COMPLIANCE_OFFICER, Roles.AUDITOR, Roles.MERCHANT})
    @Operation(
            summary = "List the purposes of processing",
            description = "Each purpose with its current version, texts (English, Chinese), legal basis, whether it "
                    + "needs separate consent, the named third party and the retention.")
    @APIResponse(
            responseCode = "200",
            description = "The purposes",
            content =
                    @Content(
                            schema = @Schema(implementation = PurposeList.class),
                            examples = @ExampleObject(name = "purposes", value = PrivacyExamples.PURPOSES)))
    public PurposeList purposes() {
        return new PurposeList(
                "list", purposes.all().stream().map(PurposeView::of).toList());
    }

    @GET
    @Path("/consents")
    @RolesAllowed(Roles.CUSTOMER)
    @Operation(
            summary = "List my consents",
            description =
                    "The caller's decision for every purpose that rests on consent: granted, withdrawn or not_given.")
    @APIResponse(
            responseCode = "200",
            description = "The consents",
            content =
                    @Content(
                            schema = @Schema(implementation = ConsentList.class),
                            examples = @ExampleObject(name = "consents", value = PrivacyExamples.CONSENTS)))
    public Uni<ConsentList> list() {
        return consents.list(caller.subject())
                .map(found -> new ConsentList(
                        "list", found.stream().map(ConsentView::of).toList()));
    }

    @GET
    @Path("/consents/history")
    @RolesAllowed(Roles.CUSTOMER)
    @Operation(
            summary = "My consent history",
            description = "Every grant and withdrawal of the caller, oldest first, with its evidence (version shown, "
                    + "SHA-256 of the text shown, channel, SHA-256 of the user agent, time).")
    @APIResponse(
            responseCode = "200",
            description = "The history",
            content =
                    @Content(
                            schema = @Schema(implementation = HistoryList.class),
                            examples = @ExampleObject(name = "history", value = PrivacyExamples.HISTORY)))
    public Uni<HistoryList> history() {
        return consents.history(caller.subject())
                .map(found -> new HistoryList(
                        "list", found.stream().map(ChangeView::of).toList()));
    }

    @POST
    @Path("/consents")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.CUSTOMER)
    @Operation(
            summary = "Grant consent to a purpose",
            description = "The caller consents to the current version of a purpose's text; the evidence is kept.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = GrantRequest.class),
                            examples = @ExampleObject(name = "marketing", value = PrivacyExamples.GRANT)))
    @APIResponse(
            responseCode = "201",
            description = "The consent",
            content =
                    @Content(
                            schema = @Schema(implementation = ConsentView.class),
                            examples = @ExampleObject(name = "granted", value = PrivacyExamples.GRANTED)))
    @APIResponse(
            responseCode = "400",
            description = "Unknown purpose, a purpose that does not rest on consent, or a bad channel",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "unknown_purpose",
                                        summary = "Unknown purpose",
                                        description = "There is no such purpose"),
                                @ExampleObject(
                                        name = "consent_not_applicable",
                                        summary = "Consent not applicable",
                                        description = "The purpose rests on a contract or the law"),
                                @ExampleObject(
                                        name = "invalid_channel",
                                        summary = "Invalid channel",
                                        description = "web, mobile or api")
                            }))
    @APIResponse(
            responseCode = "422",
            description = "The version shown is not the current one",
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "consent_version_outdated",
                                            summary = "Consent text outdated",
                                            description = "Show the current version and grant it")))
    public Uni<Response> grant(
            @HeaderParam("User-Agent")
                    @Parameter(
                            description = "Hashed into the consent evidence",
                            schema = @Schema(type = SchemaType.STRING, maxLength = 8192, pattern = "^[ -~]*$"))
                    String userAgent,
            GrantRequest request) {
        if (request == null) {
            throw new ProblemException(
                    400, "unknown_purpose", "Unknown purpose", "purpose, version and channel are required");
        }
        return consents.grant(caller.subject(), request.purpose(), request.version(), request.channel(), userAgent)
                .map(c -> Response.status(201).entity(ConsentView.of(c)).build());
    }

    @POST
    @Path("/consents/{purpose}/withdraw")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.CUSTOMER)
    @Operation(
            summary = "Withdraw consent to a purpose",
            description = "As easy as granting: the purpose is refused from now on in every service.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = WithdrawRequest.class),
                            examples = @ExampleObject(name = "web", value = "{\"channel\": \"web\"}")))
    @APIResponse(
            responseCode = "200",
            description = "The consent, withdrawn",
            content =
                    @Content(
                            schema = @Schema(implementation = ConsentView.class),
                            examples = @ExampleObject(name = "withdrawn", value = PrivacyExamples.WITHDRAWN)))
    @APIResponse(
            responseCode = "400",
            description = "A bad channel",
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "invalid_channel",
                                            summary = "Invalid channel",
                                            description = "web, mobile or api")))
    @APIResponse(
            responseCode = "404",
            description = "No consent purpose with this id",
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "consent_not_found",
                                            summary = "Consent not found",
                                            description = "No such consent purpose")))
    public Uni<ConsentView> withdraw(
            @PathParam("purpose")
                    @Parameter(
                            description = "The purpose",
                            schema = @Schema(type = SchemaType.STRING, maxLength = 64, pattern = PURPOSE_PATTERN))
                    String purpose,
            @HeaderParam("User-Agent")
                    @Parameter(
                            description = "Hashed into the consent evidence",
                            schema = @Schema(type = SchemaType.STRING, maxLength = 8192, pattern = "^[ -~]*$"))
                    String userAgent,
            WithdrawRequest request) {
        String channel = request == null ? null : request.channel();
        return consents.withdraw(caller.subject(), purpose, channel, userAgent).map(ConsentView::of);
    }
}

package io.payguard.auth.kyc.adapter.in.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.payguard.auth.kyc.application.KycTierService;
import io.payguard.auth.kyc.domain.KycTierAssignment;
import io.payguard.auth.kyc.domain.KycTierAssignment.Outcome;
import io.payguard.platform.web.Caller;
import io.payguard.platform.web.ProblemException;
import io.payguard.platform.web.Roles;
import io.smallrye.mutiny.Uni;

/**
 * Operators and compliance officers set a customer's KYC tier, which caps the class of the customer's wallets. The
 * customer's next access token carries the new tier; tokens already issued keep the old one until they expire.
 */
@Path("/v1/customers/{subject}/kyc")
@Tag(name = "customers")
@Produces(MediaType.APPLICATION_JSON)
public class KycResource {

    /** {@code tier} 1, 2 or 3; {@code evidenceRef} (required) points at the KYC evidence; {@code reason} is optional. */
    public record KycRequest(
            @Schema(required = true, minimum = "1", maximum = "3", format = "int32")
            Integer tier,

            @Schema(required = true, minLength = 1, maxLength = 128, description = "The reference of the KYC evidence")
            String evidenceRef,

            @Schema(maxLength = 500) String reason) {}

    /** The customer's tier after the call and the wallet class it allows; {@code changed} is false for a repeat. */
    public record KycView(
            @Schema(maxLength = 128, pattern = "^[A-Za-z0-9:_-]{1,128}$")
            String subject,

            @Schema(minimum = "1", maximum = "3") int tier,
            @Schema(minimum = "1", maximum = "3") int previousTier,
            boolean changed,

            @Schema(enumeration = {"class_i", "class_ii", "class_iii"})
            String walletClass) {
        static KycView of(String subject, Outcome outcome) {
            return new KycView(
                    subject,
                    outcome.tier().level(),
                    outcome.previous().level(),
                    outcome instanceof Outcome.Changed,
                    outcome.tier().walletClass());
        }
    }

    private final KycTierService kyc;
    private final Caller caller;

    public KycResource(KycTierService kyc, Caller caller) {
        this.kyc = kyc;
        this.caller = caller;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.OPERATOR, Roles.COMPLIANCE_OFFICER})
    @Operation(
            summary = "Set a customer's KYC tier",
            description =
                    "Tier 1, 2 or 3 with the reference of the KYC evidence; audited. The customer's next access token carries it (tokens already issued keep the old tier until they expire).")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = KycRequest.class),
                            examples = @ExampleObject(name = "tier2", value = """
            {"tier": 2, "evidenceRef": "kyc-case-2026-00042", "reason": "passport and proof of address verified"}""")))
    @APIResponse(
            responseCode = "200",
            description = "The customer's tier after the call",
            content =
                    @Content(
                            schema = @Schema(implementation = KycView.class),
                            examples = @ExampleObject(name = "raised", value = """
            {"subject": "cust-7f3c9a2e", "tier": 2, "previousTier": 1, "changed": true, "walletClass": "class_ii"}""")))
    @APIResponse(
            responseCode = "400",
            description = "A field is missing or out of bounds",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "invalid_kyc_tier",
                                        summary = "Invalid KYC tier assignment",
                                        description = "tier is required (1, 2 or 3)")
                            }))
    @APIResponse(
            responseCode = "404",
            description = "No customer has this subject",
            content =
                    @Content(examples = {@ExampleObject(name = "customer_not_found", summary = "Customer not found")}))
    public Uni<KycView> assign(
            @PathParam("subject")
                    @Parameter(
                            description = "The customer's subject",
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            maxLength = 128,
                                            pattern = "^[A-Za-z0-9:_-]{1,128}$"),
                            example = "cust-7f3c9a2e")
                    String subject,
            KycRequest request) {
        if (request == null) {
            throw new ProblemException(
                    400, "invalid_kyc_tier", "Invalid KYC tier assignment", "tier and evidenceRef are required");
        }
        KycTierAssignment assignment;
        try {
            assignment = KycTierAssignment.of(request.tier(), request.evidenceRef(), request.reason());
        } catch (KycTierAssignment.InvalidField e) {
            throw new ProblemException(400, "invalid_kyc_tier", "Invalid KYC tier assignment", e.getMessage());
        }
        var actor = new KycTierService.Actor(caller.subject(), caller.clientId(), caller.roles());
        return kyc.assign(subject, assignment, actor).map(outcome -> KycView.of(subject, outcome));
    }
}

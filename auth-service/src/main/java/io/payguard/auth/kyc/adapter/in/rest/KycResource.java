package io.payguard.auth.kyc.adapter.in.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
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
    public record KycRequest(Integer tier, String evidenceRef, String reason) {}

    /** The customer's tier after the call and the wallet class it allows; {@code changed} is false for a repeat. */
    public record KycView(String subject, int tier, int previousTier, boolean changed, String walletClass) {
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
            summary =
                    "Set a customer's KYC tier (1, 2 or 3) with the evidence reference; audited, effective from the customer's next token")
    public Uni<KycView> assign(@PathParam("subject") String subject, KycRequest request) {
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

package io.payguard.payment.adapter.in.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.payguard.payment.application.CardVault;
import io.payguard.platform.web.Caller;
import io.payguard.platform.web.ProblemException;
import io.payguard.platform.web.RequiresScope;
import io.payguard.platform.web.Roles;
import io.smallrye.mutiny.Uni;

/**
 * The only way a card number enters PayGuard: from the customer's app (their token) or a merchant's checkout page
 * with a publishable key carrying {@code tokens:write}. A merchant's server credentials (OAuth client, secret key
 * without that explicit scope) are refused so card data never passes through merchant servers.
 */
@Path("/v1/tokens")
@Tag(name = "tokens")
@Produces(MediaType.APPLICATION_JSON)
public class TokenResource {

    static final String SCOPE = "tokens:write";

    private final CardVault vault;
    private final Caller caller;

    public TokenResource(CardVault vault, Caller caller) {
        this.vault = vault;
        this.caller = caller;
    }

    @POST
    @RolesAllowed({Roles.CUSTOMER, Roles.MERCHANT})
    @RequiresScope(SCOPE)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Tokenise a card",
            description =
                    "From the customer's app (their token) or a checkout page (a publishable key with tokens:write): the card number and expiry are stored encrypted; the answer shows brand, first 6, last 4 and expiry only. Give the CVC at confirm, never here.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = PaymentApi.CreateToken.class),
                            examples = @ExampleObject(name = "visa", value = PaymentExamples.CREATE_TOKEN)))
    @APIResponse(
            responseCode = "201",
            description = "The card's token",
            content =
                    @Content(
                            schema = @Schema(implementation = PaymentApi.TokenView.class),
                            examples = @ExampleObject(name = "visa", value = PaymentExamples.TOKEN)))
    @APIResponse(
            responseCode = "400",
            description = "The card is incomplete or refused",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "invalid_request",
                                        summary = "Invalid request",
                                        description = "number, exp_month and exp_year are required"),
                                @ExampleObject(
                                        name = "invalid_number",
                                        summary = "Card refused",
                                        description = "the card cannot be tokenised: invalid_number"),
                                @ExampleObject(
                                        name = "unsupported_brand",
                                        summary = "Card refused",
                                        description = "the card cannot be tokenised: unsupported_brand"),
                                @ExampleObject(
                                        name = "invalid_expiry",
                                        summary = "Card refused",
                                        description = "the card cannot be tokenised: invalid_expiry"),
                                @ExampleObject(
                                        name = "expired_card",
                                        summary = "Card refused",
                                        description = "the card cannot be tokenised: expired_card")
                            }))
    @APIResponse(
            responseCode = "403",
            description = "A merchant's server credentials may not send card numbers",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "publishable_key_required",
                                        summary = "Publishable key required",
                                        description =
                                                "cards are tokenised from the customer's device with a publishable key, never from a merchant's server")
                            }))
    public Uni<Response> create(PaymentApi.CreateToken request) {
        String owner;
        if (caller.hasRole(Roles.MERCHANT)) {
            if (!caller.viaApiKey() || !caller.scopes().contains(SCOPE)) {
                throw new ProblemException(
                        403,
                        "publishable_key_required",
                        "Publishable key required",
                        "cards are tokenised from the customer's device with a publishable key, never from a merchant's server");
            }
            owner = "merchant:" + caller.merchantId();
        } else {
            owner = "customer:" + caller.subject();
        }
        if (request == null || request.number() == null || request.expMonth() == null || request.expYear() == null) {
            throw RequestChecks.invalid("number, exp_month and exp_year are required");
        }
        return vault.tokenise(owner, request.number(), request.expMonth(), request.expYear())
                .map(t -> Response.status(201)
                        .entity(new PaymentApi.TokenView(
                                t.id(),
                                "token",
                                new PaymentApi.CardView(t.brand(), t.first6(), t.last4(), t.expMonth(), t.expYear()),
                                t.createdAt()))
                        .build());
    }
}

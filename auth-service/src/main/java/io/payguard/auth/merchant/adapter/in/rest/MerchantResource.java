package io.payguard.auth.merchant.adapter.in.rest;

import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
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

import io.payguard.auth.merchant.application.MerchantService;
import io.payguard.auth.merchant.domain.Merchant;
import io.payguard.platform.web.Caller;
import io.payguard.platform.web.ProblemException;
import io.payguard.platform.web.Roles;
import io.payguard.platform.web.openapi.ApiSchemas;
import io.smallrye.mutiny.Uni;

/**
 * Operators onboard merchants (a Keycloak client, a record, default limits, a security event) and suspend or
 * reactivate them; every change also publishes the merchant's state to the other services' merchant directory.
 */
@Path("/v1/merchants")
@Tag(name = "merchants")
@Produces(MediaType.APPLICATION_JSON)
public class MerchantResource {

    /** Limits are optional (minor units of the currency); without them the deployment's defaults apply. */
    public record OnboardRequest(
            @Schema(required = true, maxLength = ApiSchemas.MERCHANT_ID_MAX, pattern = ApiSchemas.MERCHANT_ID_PATTERN)
            String id,

            @Schema(required = true, minLength = 1, maxLength = 120, description = "1 to 120 characters, not blank")
            String name,

            @Schema(
                    maxLength = 3,
                    pattern = ApiSchemas.CURRENCY_PATTERN,
                    defaultValue = "CNY",
                    description = "The settlement currency: " + ApiSchemas.CURRENCY)
            String currency,

            @Schema(
                    minimum = "1",
                    maximum = "9223372036854775807",
                    description = "Minor units; absent: the deployment's default")
            Long perTransactionLimitMinor,

            @Schema(
                    minimum = "1",
                    maximum = "9223372036854775807",
                    description = "Minor units, at least the per-transaction limit; absent: the deployment's default")
            Long dailyLimitMinor) {}

    public record MerchantView(
            @Schema(maxLength = ApiSchemas.MERCHANT_ID_MAX, pattern = ApiSchemas.MERCHANT_ID_PATTERN)
            String id,

            @Schema(maxLength = 120) String name,

            @Schema(maxLength = 3, pattern = ApiSchemas.CURRENCY_PATTERN)
            String currency,

            @Schema(minimum = "1", maximum = "9223372036854775807")
            long perTransactionLimitMinor,

            @Schema(minimum = "1", maximum = "9223372036854775807")
            long dailyLimitMinor,

            @Schema(enumeration = {"active", "suspended"}) String status,
            Instant createdAt) {
        static MerchantView of(Merchant m) {
            return new MerchantView(
                    m.id(),
                    m.name(),
                    m.currency().getCurrencyCode(),
                    m.perTransactionLimitMinor(),
                    m.dailyLimitMinor(),
                    m.status().name().toLowerCase(),
                    m.createdAt());
        }
    }

    /** The client secret is returned once; PayGuard keeps no copy. */
    public record OnboardedView(
            MerchantView merchant,

            @Schema(
                    maxLength = ApiSchemas.MERCHANT_ID_MAX,
                    pattern = ApiSchemas.MERCHANT_ID_PATTERN,
                    description = "The OAuth 2.0 client id (the merchant's id)")
            String clientId,

            @Schema(
                    maxLength = 255,
                    description =
                            "The client's secret from the identity provider: store it now, it is never shown again")
            String clientSecret) {}

    private final MerchantService merchants;
    private final Caller caller;

    public MerchantResource(MerchantService merchants, Caller caller) {
        this.merchants = merchants;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(Roles.OPERATOR)
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = OnboardRequest.class),
                            examples = @ExampleObject(name = "acme", value = MerchantExamples.ONBOARD)))
    @APIResponse(
            responseCode = "201",
            description = "The merchant and its client credentials, shown once",
            content =
                    @Content(
                            schema = @Schema(implementation = OnboardedView.class),
                            examples = @ExampleObject(name = "onboarded", value = MerchantExamples.ONBOARDED)))
    @APIResponse(
            responseCode = "400",
            description = "A field is missing or invalid",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "invalid_merchant",
                                        summary = "Invalid merchant",
                                        description = "id and name are required"),
                                @ExampleObject(
                                        name = "invalid_currency",
                                        summary = "Invalid currency",
                                        description =
                                                "'currency' must be one of the enabled currencies: [CNY, HKD, USD, EUR, GBP, JPY, SGD]")
                            }))
    @APIResponse(
            responseCode = "409",
            description = "A merchant with this id exists",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "merchant_exists",
                                        summary = "Merchant exists",
                                        description = "merchant 'acme-shop' is already onboarded")
                            }))
    @Operation(
            summary = "Onboard a merchant",
            description =
                    "Creates the merchant's OAuth 2.0 client (its secret is in this answer once; Cache-Control: no-store), its record with the default limits unless given, and publishes its state to the other services.",
            extensions = {
                @Extension(name = "x-payguard-audience", value = "public"),
                @Extension(name = "x-payguard-security-level", value = "operator")
            })
    public Uni<Response> onboard(OnboardRequest request) {
        if (request == null || request.id() == null || request.name() == null) {
            throw new ProblemException(400, "invalid_merchant", "Invalid merchant", "id and name are required");
        }
        return merchants
                .onboard(
                        request.id(),
                        request.name(),
                        request.currency(),
                        request.perTransactionLimitMinor(),
                        request.dailyLimitMinor(),
                        caller.describe())
                .map(o -> Response.status(201)
                        .header("Cache-Control", "no-store")
                        .entity(new OnboardedView(
                                MerchantView.of(o.merchant()), o.merchant().id(), o.clientSecret()))
                        .build());
    }

    @GET
    @RolesAllowed(Roles.OPERATOR)
    @APIResponse(
            responseCode = "200",
            description = "The merchants",
            content =
                    @Content(
                            schema =
                                    @Schema(
                                            implementation = MerchantView.class,
                                            type = SchemaType.ARRAY,
                                            maxItems = Integer.MAX_VALUE),
                            examples = @ExampleObject(name = "one", value = MerchantExamples.MERCHANTS)))
    @Operation(
            summary = "List merchants",
            description = "Every onboarded merchant (unpaginated).",
            extensions = {
                @Extension(name = "x-payguard-audience", value = "public"),
                @Extension(name = "x-payguard-security-level", value = "operator")
            })
    public Uni<List<MerchantView>> list() {
        return merchants.list().map(all -> all.stream().map(MerchantView::of).toList());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.OPERATOR)
    @APIResponse(
            responseCode = "200",
            description = "The merchant",
            content =
                    @Content(
                            schema = @Schema(implementation = MerchantView.class),
                            examples = @ExampleObject(name = "active", value = MerchantExamples.MERCHANT)))
    @APIResponse(
            responseCode = "404",
            description = "No merchant has this id",
            content =
                    @Content(examples = {@ExampleObject(name = "merchant_not_found", summary = "Merchant not found")}))
    @Operation(
            summary = "Retrieve a merchant",
            description = "One onboarded merchant.",
            extensions = {
                @Extension(name = "x-payguard-audience", value = "public"),
                @Extension(name = "x-payguard-security-level", value = "operator")
            })
    public Uni<MerchantView> get(
            @PathParam("id")
                    @Parameter(
                            description = "The merchant's id",
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            maxLength = 41,
                                            pattern = ApiSchemas.MERCHANT_ID_PATTERN),
                            example = "acme-shop")
                    String id) {
        return merchants.get(id).map(MerchantView::of);
    }

    /** Suspends a merchant: wallet payments to it are refused and its card payments declined. Idempotent. */
    @POST
    @Path("/{id}/suspension")
    @RolesAllowed(Roles.OPERATOR)
    @APIResponse(
            responseCode = "200",
            description = "The suspended merchant",
            content =
                    @Content(
                            schema = @Schema(implementation = MerchantView.class),
                            examples = @ExampleObject(name = "suspended", value = MerchantExamples.SUSPENDED)))
    @APIResponse(
            responseCode = "404",
            description = "No merchant has this id",
            content =
                    @Content(examples = {@ExampleObject(name = "merchant_not_found", summary = "Merchant not found")}))
    @Operation(
            summary = "Suspend a merchant",
            description = "Wallet payments to it are refused and its card payments declined. Idempotent; audited.",
            extensions = {
                @Extension(name = "x-payguard-audience", value = "public"),
                @Extension(name = "x-payguard-security-level", value = "operator")
            })
    public Uni<MerchantView> suspend(
            @PathParam("id")
                    @Parameter(
                            description = "The merchant's id",
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            maxLength = 41,
                                            pattern = ApiSchemas.MERCHANT_ID_PATTERN),
                            example = "acme-shop")
                    String id) {
        return merchants.setActive(id, false, caller.describe()).map(MerchantView::of);
    }

    /** Lifts a suspension. Idempotent. */
    @DELETE
    @Path("/{id}/suspension")
    @RolesAllowed(Roles.OPERATOR)
    @APIResponse(
            responseCode = "200",
            description = "The active merchant",
            content =
                    @Content(
                            schema = @Schema(implementation = MerchantView.class),
                            examples = @ExampleObject(name = "active", value = MerchantExamples.MERCHANT)))
    @APIResponse(
            responseCode = "404",
            description = "No merchant has this id",
            content =
                    @Content(examples = {@ExampleObject(name = "merchant_not_found", summary = "Merchant not found")}))
    @Operation(
            summary = "Reactivate a merchant",
            description = "Lifts a suspension. Idempotent; audited.",
            extensions = {
                @Extension(name = "x-payguard-audience", value = "public"),
                @Extension(name = "x-payguard-security-level", value = "operator")
            })
    public Uni<MerchantView> reactivate(
            @PathParam("id")
                    @Parameter(
                            description = "The merchant's id",
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            maxLength = 41,
                                            pattern = ApiSchemas.MERCHANT_ID_PATTERN),
                            example = "acme-shop")
                    String id) {
        return merchants.setActive(id, true, caller.describe()).map(MerchantView::of);
    }
}

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
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.payguard.auth.merchant.application.MerchantService;
import io.payguard.auth.merchant.domain.Merchant;
import io.payguard.platform.web.Caller;
import io.payguard.platform.web.ProblemException;
import io.payguard.platform.web.Roles;
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
            String id, String name, String currency, Long perTransactionLimitMinor, Long dailyLimitMinor) {}

    public record MerchantView(
            String id,
            String name,
            String currency,
            long perTransactionLimitMinor,
            long dailyLimitMinor,
            String status,
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
    public record OnboardedView(MerchantView merchant, String clientId, String clientSecret) {}

    private final MerchantService merchants;
    private final Caller caller;

    public MerchantResource(MerchantService merchants, Caller caller) {
        this.merchants = merchants;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Operation(
            summary = "Onboard a merchant (creates its OAuth 2.0 client)",
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
    @Operation(
            summary = "List onboarded merchants",
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
    @Operation(
            summary = "One onboarded merchant",
            extensions = {
                @Extension(name = "x-payguard-audience", value = "public"),
                @Extension(name = "x-payguard-security-level", value = "operator")
            })
    public Uni<MerchantView> get(@PathParam("id") String id) {
        return merchants.get(id).map(MerchantView::of);
    }

    /** Suspends a merchant: wallet payments to it are refused and its card payments declined. Idempotent. */
    @POST
    @Path("/{id}/suspension")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(
            summary = "Suspend a merchant (idempotent; audited)",
            extensions = {
                @Extension(name = "x-payguard-audience", value = "public"),
                @Extension(name = "x-payguard-security-level", value = "operator")
            })
    public Uni<MerchantView> suspend(@PathParam("id") String id) {
        return merchants.setActive(id, false, caller.describe()).map(MerchantView::of);
    }

    /** Lifts a suspension. Idempotent. */
    @DELETE
    @Path("/{id}/suspension")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(
            summary = "Reactivate a suspended merchant (idempotent; audited)",
            extensions = {
                @Extension(name = "x-payguard-audience", value = "public"),
                @Extension(name = "x-payguard-security-level", value = "operator")
            })
    public Uni<MerchantView> reactivate(@PathParam("id") String id) {
        return merchants.setActive(id, true, caller.describe()).map(MerchantView::of);
    }
}

package io.payguard.auth.merchant.adapter.in.rest;

import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.payguard.auth.merchant.application.RequestSigningService;
import io.payguard.auth.merchant.domain.SigningKey;
import io.payguard.platform.web.Caller;
import io.payguard.platform.web.ProblemException;
import io.payguard.platform.web.Roles;
import io.smallrye.mutiny.Uni;

/**
 * A merchant's request-signing keys (RFC 9421) and whether its money-moving calls must be signed. Keys are managed by
 * the merchant itself with its OAuth 2.0 client (never with an API key: a stolen API key must not be able to register
 * its own signing key). An operator may list and revoke keys (incident response) and set the requirement, but not
 * register a key for a merchant. Turning the requirement off is allowed to the merchant too: whoever holds its OAuth
 * client could register a key of their own anyway, so refusing it would protect nothing; every change is a security
 * event, and {@code payguard.request-signing.required-modes} (live keys in production) is a floor no merchant lowers.
 */
@Path("/v1/merchants/{merchantId}")
@Tag(name = "merchants")
@Produces(MediaType.APPLICATION_JSON)
public class RequestSigningResource {

    /** {@code keyId} optional (generated); {@code alg} {@code ed25519} or {@code ecdsa-p256-sha256}. */
    public record RegisterKey(String keyId, String alg, String publicKey) {}

    public record SigningKeyView(
            String keyId, String alg, String publicKey, String status, Instant createdAt, Instant revokedAt) {
        static SigningKeyView of(SigningKey k) {
            return new SigningKeyView(
                    k.keyId(), k.alg(), k.publicKey(), k.status().name().toLowerCase(), k.createdAt(), k.revokedAt());
        }
    }

    public record RequestSigning(Boolean required) {}

    public record RequestSigningView(String merchantId, String requestSigning) {}

    private final RequestSigningService signing;
    private final Caller caller;

    public RequestSigningResource(RequestSigningService signing, Caller caller) {
        this.signing = signing;
        this.caller = caller;
    }

    @POST
    @Path("/signing_keys")
    @RolesAllowed(Roles.MERCHANT)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Register a request-signing public key (the merchant's OAuth 2.0 client only)",
            extensions = {
                @Extension(name = "x-payguard-audience", value = "public"),
                @Extension(name = "x-payguard-security-level", value = "merchant")
            })
    public Uni<Response> register(@PathParam("merchantId") String merchantId, RegisterKey request) {
        requireMerchantItself(merchantId);
        if (request == null || request.alg() == null || request.publicKey() == null) {
            throw new ProblemException(
                    400, "invalid_signing_key", "Invalid signing key", "alg and publicKey are required");
        }
        return signing.register(merchantId, request.keyId(), request.alg(), request.publicKey(), caller.describe())
                .map(k -> Response.status(201).entity(SigningKeyView.of(k)).build());
    }

    @GET
    @Path("/signing_keys")
    @RolesAllowed({Roles.MERCHANT, Roles.OPERATOR})
    @Operation(
            summary = "The merchant's request-signing keys, active and revoked",
            extensions = {
                @Extension(name = "x-payguard-audience", value = "public"),
                @Extension(name = "x-payguard-security-level", value = "merchant")
            })
    public Uni<List<SigningKeyView>> list(@PathParam("merchantId") String merchantId) {
        requireMerchantOrOperator(merchantId);
        return signing.list(merchantId)
                .map(keys -> keys.stream().map(SigningKeyView::of).toList());
    }

    @DELETE
    @Path("/signing_keys/{keyId}")
    @RolesAllowed({Roles.MERCHANT, Roles.OPERATOR})
    @Operation(
            summary = "Revoke a request-signing key (idempotent; rotation = register the new key, then revoke the old)",
            extensions = {
                @Extension(name = "x-payguard-audience", value = "public"),
                @Extension(name = "x-payguard-security-level", value = "merchant")
            })
    public Uni<SigningKeyView> revoke(@PathParam("merchantId") String merchantId, @PathParam("keyId") String keyId) {
        requireMerchantOrOperator(merchantId);
        return signing.revoke(merchantId, keyId, caller.describe()).map(SigningKeyView::of);
    }

    @PUT
    @Path("/request_signing")
    @RolesAllowed({Roles.MERCHANT, Roles.OPERATOR})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Require (or stop requiring) signed money-moving requests for the merchant (idempotent; audited)",
            extensions = {
                @Extension(name = "x-payguard-audience", value = "public"),
                @Extension(name = "x-payguard-security-level", value = "merchant")
            })
    public Uni<RequestSigningView> setRequired(@PathParam("merchantId") String merchantId, RequestSigning request) {
        requireMerchantOrOperator(merchantId);
        if (request == null || request.required() == null) {
            throw new ProblemException(
                    400, "invalid_request_signing", "Invalid request", "required (a boolean) is required");
        }
        return signing.setRequired(merchantId, request.required(), caller.describe())
                .map(m -> new RequestSigningView(m.id(), m.signingRequired() ? "required" : "optional"));
    }

    private void requireMerchantOrOperator(String merchantId) {
        if (caller.hasRole(Roles.OPERATOR)) {
            return;
        }
        requireMerchantItself(merchantId);
    }

    /** The merchant's own OAuth 2.0 client (an API key is refused); another merchant's id answers 404. */
    private void requireMerchantItself(String merchantId) {
        if (!caller.requireOAuthClient().equals(merchantId)) {
            throw new ProblemException(404, "merchant_not_found", "Merchant not found", null);
        }
    }
}

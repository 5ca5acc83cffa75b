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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.payguard.auth.merchant.application.RequestSigningService;
import io.payguard.auth.merchant.domain.SigningKey;
import io.payguard.platform.web.Caller;
import io.payguard.platform.web.ProblemException;
import io.payguard.platform.web.Roles;
import io.payguard.platform.web.openapi.ApiSchemas;
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

    /** A key's id as {@link SigningKey#KEY_ID} checks it (a generated one is {@code key_} and 32 hex digits). */
    static final String KEY_ID_PATTERN = "^[A-Za-z0-9._-]{1,64}$";

    /** {@code keyId} optional (generated); {@code alg} {@code ed25519} or {@code ecdsa-p256-sha256}. */
    @Schema(description = "A request-signing public key to register")
    public record RegisterKey(
            @Schema(
                    maxLength = 64,
                    pattern = KEY_ID_PATTERN,
                    description =
                            "the keyid of the signatures (RFC 9421); absent: key_ and 32 hex digits are generated")
            String keyId,

            @Schema(
                    required = true,
                    enumeration = {"ed25519", "ecdsa-p256-sha256"},
                    maxLength = 17,
                    description = "the RFC 9421 algorithm (case-insensitive)")
            String alg,

            @Schema(
                    required = true,
                    maxLength = 4096,
                    pattern = "^[A-Za-z0-9+/=\\s-]+$",
                    description = "the base64 (or PEM) X.509 SubjectPublicKeyInfo of a key of alg")
            String publicKey) {}

    @Schema(description = "A request-signing public key")
    public record SigningKeyView(
            @Schema(maxLength = 64, pattern = KEY_ID_PATTERN)
            String keyId,

            @Schema(
                    enumeration = {"ed25519", "ecdsa-p256-sha256"},
                    maxLength = 17)
            String alg,

            @Schema(
                    maxLength = 4096,
                    pattern = "^[A-Za-z0-9+/]+={0,2}$",
                    description = "the base64 DER SubjectPublicKeyInfo, as normalised at registration")
            String publicKey,

            @Schema(
                    enumeration = {"active", "revoked"},
                    maxLength = 7)
            String status,

            Instant createdAt,

            @Schema(
                    implementation = String.class,
                    format = "date-time",
                    maxLength = 37,
                    nullable = true,
                    description = "null while active")
            Instant revokedAt) {
        static SigningKeyView of(SigningKey k) {
            return new SigningKeyView(
                    k.keyId(), k.alg(), k.publicKey(), k.status().name().toLowerCase(), k.createdAt(), k.revokedAt());
        }
    }

    @Schema(description = "Whether the merchant's money-moving calls must be signed")
    public record RequestSigning(@Schema(required = true) Boolean required) {}

    @Schema(description = "The merchant's request-signing requirement")
    public record RequestSigningView(
            @Schema(maxLength = ApiSchemas.MERCHANT_ID_MAX, pattern = ApiSchemas.MERCHANT_ID_PATTERN)
            String merchantId,

            @Schema(
                    enumeration = {"required", "optional"},
                    maxLength = 8)
            String requestSigning) {}

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
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = RegisterKey.class),
                            examples = @ExampleObject(name = "ed25519", value = MerchantExamples.REGISTER_KEY)))
    @APIResponse(
            responseCode = "201",
            description = "The registered key, active",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = SigningKeyView.class),
                            examples = @ExampleObject(name = "active", value = MerchantExamples.SIGNING_KEY)))
    @APIResponse(
            responseCode = "400",
            description = "The key is missing, does not parse as a key of alg, or its keyId is malformed",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "invalid_signing_key",
                                        summary = "Invalid signing key",
                                        description = "alg and publicKey are required")
                            }))
    @APIResponse(
            responseCode = "403",
            description = "An API key may not manage signing keys",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "oauth_required",
                                        summary = "OAuth 2.0 client credentials required",
                                        description =
                                                "API keys cannot manage API keys; use the merchant's OAuth 2.0 client")
                            }))
    @APIResponse(
            responseCode = "404",
            description = "No such merchant (or another merchant's id)",
            content =
                    @Content(examples = {@ExampleObject(name = "merchant_not_found", summary = "Merchant not found")}))
    @APIResponse(
            responseCode = "409",
            description = "The merchant already has a key of this keyId (active or revoked)",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "signing_key_exists",
                                        summary = "Signing key exists",
                                        description = "this merchant already has a key of that keyId")
                            }))
    @APIResponse(
            responseCode = "422",
            description = "The merchant has 5 active keys already",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "too_many_signing_keys",
                                        summary = "Too many signing keys",
                                        description = "at most 5 active keys; revoke one first")
                            }))
    @Operation(
            summary = "Register a request-signing public key (the merchant's OAuth 2.0 client only)",
            description = "An ed25519 or P-256 public key the merchant signs its money-moving requests with (RFC 9421);"
                    + " at most 5 active keys. Audited; the merchant's new state is published to the services.",
            extensions = {
                @Extension(name = "x-payguard-audience", value = "public"),
                @Extension(name = "x-payguard-security-level", value = "merchant")
            })
    public Uni<Response> register(
            @PathParam("merchantId")
                    @Parameter(
                            description = "The merchant's id",
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            maxLength = ApiSchemas.MERCHANT_ID_MAX,
                                            pattern = ApiSchemas.MERCHANT_ID_PATTERN),
                            example = "acme-shop")
                    String merchantId,
            RegisterKey request) {
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
    @APIResponse(
            responseCode = "200",
            description = "The merchant's keys",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema =
                                    @Schema(
                                            implementation = SigningKeyView.class,
                                            type = SchemaType.ARRAY,
                                            maxItems = Integer.MAX_VALUE),
                            examples = @ExampleObject(name = "keys", value = MerchantExamples.SIGNING_KEYS)))
    @APIResponse(
            responseCode = "403",
            description = "An API key may not manage signing keys",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "oauth_required",
                                        summary = "OAuth 2.0 client credentials required",
                                        description =
                                                "API keys cannot manage API keys; use the merchant's OAuth 2.0 client")
                            }))
    @APIResponse(
            responseCode = "404",
            description = "No such merchant (or another merchant's id)",
            content =
                    @Content(examples = {@ExampleObject(name = "merchant_not_found", summary = "Merchant not found")}))
    @Operation(
            summary = "The merchant's request-signing keys, active and revoked",
            description = "Every key ever registered for the merchant (unpaginated), active and revoked; an operator"
                    + " may list any merchant's keys.",
            extensions = {
                @Extension(name = "x-payguard-audience", value = "public"),
                @Extension(name = "x-payguard-security-level", value = "merchant")
            })
    public Uni<List<SigningKeyView>> list(
            @PathParam("merchantId")
                    @Parameter(
                            description = "The merchant's id",
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            maxLength = ApiSchemas.MERCHANT_ID_MAX,
                                            pattern = ApiSchemas.MERCHANT_ID_PATTERN),
                            example = "acme-shop")
                    String merchantId) {
        requireMerchantOrOperator(merchantId);
        return signing.list(merchantId)
                .map(keys -> keys.stream().map(SigningKeyView::of).toList());
    }

    @DELETE
    @Path("/signing_keys/{keyId}")
    @RolesAllowed({Roles.MERCHANT, Roles.OPERATOR})
    @APIResponse(
            responseCode = "200",
            description = "The revoked key",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = SigningKeyView.class),
                            examples = @ExampleObject(name = "revoked", value = MerchantExamples.REVOKED_SIGNING_KEY)))
    @APIResponse(
            responseCode = "403",
            description = "An API key may not manage signing keys",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "oauth_required",
                                        summary = "OAuth 2.0 client credentials required",
                                        description =
                                                "API keys cannot manage API keys; use the merchant's OAuth 2.0 client")
                            }))
    @APIResponse(
            responseCode = "404",
            description = "No such merchant (or another merchant's id), or the merchant has no key of this keyId",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(name = "merchant_not_found", summary = "Merchant not found"),
                                @ExampleObject(name = "signing_key_not_found", summary = "Signing key not found")
                            }))
    @Operation(
            summary = "Revoke a request-signing key (idempotent; rotation = register the new key, then revoke the old)",
            description = "Signatures by the key are refused from then on; a revoked key is answered as it is."
                    + " Audited; an operator may revoke any merchant's key (incident response).",
            extensions = {
                @Extension(name = "x-payguard-audience", value = "public"),
                @Extension(name = "x-payguard-security-level", value = "merchant")
            })
    public Uni<SigningKeyView> revoke(
            @PathParam("merchantId")
                    @Parameter(
                            description = "The merchant's id",
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            maxLength = ApiSchemas.MERCHANT_ID_MAX,
                                            pattern = ApiSchemas.MERCHANT_ID_PATTERN),
                            example = "acme-shop")
                    String merchantId,
            @PathParam("keyId")
                    @Parameter(
                            description = "The key's keyId",
                            schema = @Schema(type = SchemaType.STRING, maxLength = 64, pattern = KEY_ID_PATTERN),
                            example = "ed-2026-12")
                    String keyId) {
        requireMerchantOrOperator(merchantId);
        return signing.revoke(merchantId, keyId, caller.describe()).map(SigningKeyView::of);
    }

    @PUT
    @Path("/request_signing")
    @RolesAllowed({Roles.MERCHANT, Roles.OPERATOR})
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = RequestSigning.class),
                            examples = @ExampleObject(name = "require", value = MerchantExamples.REQUIRE_SIGNING)))
    @APIResponse(
            responseCode = "200",
            description = "The merchant's requirement",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = RequestSigningView.class),
                            examples = @ExampleObject(name = "required", value = MerchantExamples.SIGNING_REQUIRED)))
    @APIResponse(
            responseCode = "400",
            description = "required is missing or not a boolean",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "invalid_request_signing",
                                        summary = "Invalid request",
                                        description = "required (a boolean) is required")
                            }))
    @APIResponse(
            responseCode = "403",
            description = "An API key may not manage signing keys",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "oauth_required",
                                        summary = "OAuth 2.0 client credentials required",
                                        description =
                                                "API keys cannot manage API keys; use the merchant's OAuth 2.0 client")
                            }))
    @APIResponse(
            responseCode = "404",
            description = "No such merchant (or another merchant's id)",
            content =
                    @Content(examples = {@ExampleObject(name = "merchant_not_found", summary = "Merchant not found")}))
    @APIResponse(
            responseCode = "422",
            description = "Requiring signatures needs an active key (else every money-moving call would be refused)",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "no_active_signing_key",
                                        summary = "No active signing key",
                                        description = "register a signing key before requiring signed requests")
                            }))
    @Operation(
            summary = "Require (or stop requiring) signed money-moving requests for the merchant (idempotent; audited)",
            description =
                    "When required, the services refuse the merchant's unsigned money-moving calls; the"
                            + " payguard.request-signing.required-modes floor (live keys in production) still applies when off.",
            extensions = {
                @Extension(name = "x-payguard-audience", value = "public"),
                @Extension(name = "x-payguard-security-level", value = "merchant")
            })
    public Uni<RequestSigningView> setRequired(
            @PathParam("merchantId")
                    @Parameter(
                            description = "The merchant's id",
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            maxLength = ApiSchemas.MERCHANT_ID_MAX,
                                            pattern = ApiSchemas.MERCHANT_ID_PATTERN),
                            example = "acme-shop")
                    String merchantId,
            RequestSigning request) {
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

package io.payguard.auth.apikey.adapter.in.rest;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
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

import io.payguard.auth.apikey.application.ApiKeyService;
import io.payguard.auth.apikey.domain.ApiKey;
import io.payguard.auth.apikey.domain.KeyKind;
import io.payguard.auth.apikey.domain.KeyMode;
import io.payguard.auth.apikey.domain.Scope;
import io.payguard.platform.web.Caller;
import io.payguard.platform.web.ProblemException;
import io.payguard.platform.web.Roles;
import io.smallrye.mutiny.Uni;

/**
 * A merchant's API keys. Only a merchant authenticated with OAuth 2.0 (its client credentials) manages keys:
 * an API key cannot mint or rotate keys, so a leaked key cannot entrench itself.
 */
@Path("/v1/api-keys")
@Tag(name = "api-keys")
@Produces(MediaType.APPLICATION_JSON)
public class ApiKeyResource {

    /** Exactly the writable fields; unknown fields are refused (no mass assignment). */
    @Schema(name = "ApiKeyCreateRequest")
    public record CreateRequest(
            @Schema(maxLength = 64, description = "Up to 64 letters, digits, spaces, '.', '_' or '-'")
            String name,

            @Schema(
                    required = true,
                    enumeration = {"secret", "publishable", "restricted"})
            String kind,

            @Schema(
                    enumeration = {"test", "live"},
                    defaultValue = "test")
            String mode,

            @Schema(
                    type = SchemaType.ARRAY,
                    implementation = ScopeName.class,
                    maxItems = 6,
                    uniqueItems = true,
                    description = "Restricted keys: the scopes they carry; secret keys: none (every server-side scope)")
            List<String> scopes,

            @Schema(description = "At most 400 days away; absent: the key does not expire")
            Instant expiresAt) {}

    public record RotateRequest(
            @Schema(minimum = "0", maximum = "168", format = "int32", defaultValue = "24")
            Integer overlapHours) {}

    @Schema(
            name = "ApiKeyScope",
            type = SchemaType.STRING,
            enumeration = {
                "payments:write",
                "payments:read",
                "refunds:write",
                "webhooks:manage",
                "wallets:read",
                "tokens:write"
            })
    static final class ScopeName {}

    public record ApiKeyView(
            @Schema(maxLength = 28, pattern = "^key_[0-9a-f]{24}$")
            String id,

            @Schema(maxLength = 64) String name,

            @Schema(enumeration = {"secret", "publishable", "restricted"})
            String kind,

            @Schema(enumeration = {"test", "live"}) String mode,

            @Schema(type = SchemaType.ARRAY, implementation = ScopeName.class, maxItems = 6, uniqueItems = true)
            List<String> scopes,

            @Schema(
                    maxLength = 13,
                    pattern = "^(sk|pk|rk)_(test|live)_…[0-9A-Za-z]{4}$",
                    description = "The secret's prefix and last 4 characters")
            String hint,

            Instant createdAt,
            Instant expiresAt,
            Instant revokedAt,

            @Schema(maxLength = 28, pattern = "^key_[0-9a-f]{24}$", description = "The key that replaced it (rotation)")
            String replacedBy,

            @Schema(enumeration = {"active", "expired", "revoked"})
            String status,

            Instant lastUsedAt) {
        static ApiKeyView of(ApiKey k, Instant now) {
            return of(k, now, null);
        }

        static ApiKeyView of(ApiKey k, Instant now, Instant lastUsedAt) {
            return new ApiKeyView(
                    k.id(),
                    k.name(),
                    k.kind().name().toLowerCase(),
                    k.mode().label(),
                    k.scopes().stream().map(Scope::value).sorted().toList(),
                    k.hint(),
                    k.createdAt(),
                    k.expiresAt(),
                    k.revokedAt(),
                    k.replacedBy(),
                    k.status(now).name().toLowerCase(),
                    lastUsedAt);
        }
    }

    /** Returned once, at creation: the secret is never retrievable again. */
    public record IssuedView(
            ApiKeyView key,

            @Schema(
                    maxLength = 51,
                    pattern = "^(sk|pk|rk)_(test|live)_[0-9A-Za-z]{43}$",
                    description = "The key's secret: store it now, it is never shown again")
            String secret) {}

    private final ApiKeyService keys;
    private final Caller caller;
    private final java.time.Clock clock;

    public ApiKeyResource(ApiKeyService keys, Caller caller, java.time.Clock clock) {
        this.keys = keys;
        this.caller = caller;
        this.clock = clock;
    }

    @POST
    @RolesAllowed(Roles.MERCHANT)
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = CreateRequest.class),
                            examples = @ExampleObject(name = "restricted", value = ApiKeyExamples.CREATE)))
    @APIResponse(
            responseCode = "201",
            description = "The new key and its secret, shown once",
            content =
                    @Content(
                            schema = @Schema(implementation = IssuedView.class),
                            examples = @ExampleObject(name = "issued", value = ApiKeyExamples.ISSUED)))
    @APIResponse(
            responseCode = "400",
            description = "A field is missing or not allowed",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(name = "body_required", summary = "Request body required"),
                                @ExampleObject(
                                        name = "kind_required",
                                        summary = "Missing kind",
                                        description = "kind is required"),
                                @ExampleObject(
                                        name = "invalid_kind",
                                        summary = "Invalid kind",
                                        description = "kind 'master' is not one of [secret, publishable, restricted]"),
                                @ExampleObject(
                                        name = "invalid_mode",
                                        summary = "Invalid mode",
                                        description = "mode 'prod' is not one of [test, live]"),
                                @ExampleObject(
                                        name = "unknown_scope",
                                        summary = "Unknown scope",
                                        description = "unknown scope 'admin'"),
                                @ExampleObject(
                                        name = "invalid_name",
                                        summary = "Invalid name",
                                        description = "name: up to 64 letters, digits, spaces, '.', '_' or '-'")
                            }))
    @APIResponse(
            responseCode = "403",
            description = "An API key may not manage keys",
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
            responseCode = "422",
            description = "The key cannot be issued",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "too_many_keys",
                                        summary = "API key refused",
                                        description = "a merchant may hold at most 20 active keys; revoke one first"),
                                @ExampleObject(
                                        name = "invalid_expiry",
                                        summary = "API key refused",
                                        description = "expiresAt must be in the future and at most 400 days away"),
                                @ExampleObject(
                                        name = "scopes_not_allowed",
                                        summary = "API key refused",
                                        description = "tokens:write belongs to publishable keys"),
                                @ExampleObject(
                                        name = "scopes_required",
                                        summary = "API key refused",
                                        description = "restricted keys need an explicit list of scopes")
                            }))
    @Operation(
            summary = "Create an API key",
            description =
                    "The secret is in this answer once and never again (Cache-Control: no-store). Secret keys carry every server-side scope; restricted keys the listed ones; publishable keys only tokens:write. Only the merchant's OAuth 2.0 client may manage keys.",
            extensions = {
                @Extension(name = "x-payguard-audience", value = "public"),
                @Extension(name = "x-payguard-security-level", value = "merchant-oauth")
            })
    public Uni<Response> create(CreateRequest request) {
        String merchant = caller.requireOAuthClient();
        if (request == null) {
            throw new ProblemException(400, "body_required", "Request body required", null);
        }
        KeyKind kind = parse(request.kind(), "kind", KeyKind.class);
        KeyMode mode = request.mode() == null ? KeyMode.TEST : parse(request.mode(), "mode", KeyMode.class);
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        if (request.scopes() != null) {
            for (String s : request.scopes()) {
                try {
                    scopes.add(Scope.fromValue(s));
                } catch (IllegalArgumentException e) {
                    throw new ProblemException(400, "unknown_scope", "Unknown scope", "unknown scope '" + s + "'");
                }
            }
        }
        String name = request.name() == null ? null : request.name().strip();
        if (name != null && (name.length() > 64 || !name.matches("[\\p{L}\\p{N} ._-]*"))) {
            throw new ProblemException(
                    400, "invalid_name", "Invalid name", "name: up to 64 letters, digits, spaces, '.', '_' or '-'");
        }
        return keys.issue(merchant, name, kind, mode, scopes, request.expiresAt(), caller.describe())
                .map(this::issuedResponse);
    }

    @GET
    @RolesAllowed(Roles.MERCHANT)
    @APIResponse(
            responseCode = "200",
            description = "The merchant's keys",
            content =
                    @Content(
                            schema =
                                    @Schema(
                                            implementation = ApiKeyView.class,
                                            type = SchemaType.ARRAY,
                                            maxItems = Integer.MAX_VALUE),
                            examples = @ExampleObject(name = "one", value = ApiKeyExamples.KEYS)))
    @APIResponse(
            responseCode = "403",
            description = "An API key may not manage keys",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "oauth_required",
                                        summary = "OAuth 2.0 client credentials required",
                                        description =
                                                "API keys cannot manage API keys; use the merchant's OAuth 2.0 client")
                            }))
    @Operation(
            summary = "List API keys",
            description = "This merchant's keys, every status; hints only, never secrets.",
            extensions = {
                @Extension(name = "x-payguard-audience", value = "public"),
                @Extension(name = "x-payguard-security-level", value = "merchant-oauth")
            })
    public Uni<List<ApiKeyView>> list() {
        String merchant = caller.requireOAuthClient();
        Instant now = clock.instant();
        return keys.list(merchant)
                .map(all -> all.stream().map(k -> ApiKeyView.of(k, now)).toList());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.MERCHANT)
    @APIResponse(
            responseCode = "200",
            description = "The key",
            content =
                    @Content(
                            schema = @Schema(implementation = ApiKeyView.class),
                            examples = @ExampleObject(name = "active", value = ApiKeyExamples.KEY)))
    @APIResponse(
            responseCode = "403",
            description = "An API key may not manage keys",
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
            description = "The merchant has no key with this id",
            content = @Content(examples = {@ExampleObject(name = "not_found", summary = "Not found")}))
    @Operation(
            summary = "Retrieve an API key",
            description = "One of this merchant's keys, with when it was last used.",
            extensions = {
                @Extension(name = "x-payguard-audience", value = "public"),
                @Extension(name = "x-payguard-security-level", value = "merchant-oauth")
            })
    public Uni<ApiKeyView> get(
            @PathParam("id")
                    @Parameter(
                            description = "The key's id",
                            schema = @Schema(type = SchemaType.STRING, maxLength = 28, pattern = "^key_[0-9a-f]{24}$"),
                            example = "key_5f2b8c1d9e0a4b3c7d6e8f90")
                    String id) {
        return keys.getWithLastUse(caller.requireOAuthClient(), id)
                .map(k -> ApiKeyView.of(k.key(), clock.instant(), k.lastUsedAt()));
    }

    @POST
    @Path("/{id}/rotate")
    @RolesAllowed(Roles.MERCHANT)
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = RotateRequest.class),
                            examples = @ExampleObject(name = "one_day", value = ApiKeyExamples.ROTATE)))
    @APIResponse(
            responseCode = "201",
            description = "The successor key and its secret, shown once",
            content =
                    @Content(
                            schema = @Schema(implementation = IssuedView.class),
                            examples = @ExampleObject(name = "rotated", value = ApiKeyExamples.ISSUED)))
    @APIResponse(
            responseCode = "403",
            description = "An API key may not manage keys",
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
            description = "The merchant has no key with this id",
            content = @Content(examples = {@ExampleObject(name = "not_found", summary = "Not found")}))
    @APIResponse(
            responseCode = "409",
            description = "The key cannot be rotated now",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "key_not_active",
                                        summary = "Rotation refused",
                                        description = "only an active key can be rotated"),
                                @ExampleObject(
                                        name = "already_rotated",
                                        summary = "Rotation refused",
                                        description = "this key was already rotated"),
                                @ExampleObject(
                                        name = "invalid_overlap",
                                        summary = "Rotation refused",
                                        description = "overlap must be between 0 and 168 hours")
                            }))
    @Operation(
            summary = "Rotate an API key",
            description =
                    "A new secret now (shown once); the old one stays valid for the overlap window (default 24 hours, at most 168).",
            extensions = {
                @Extension(name = "x-payguard-audience", value = "public"),
                @Extension(name = "x-payguard-security-level", value = "merchant-oauth")
            })
    public Uni<Response> rotate(
            @PathParam("id")
                    @Parameter(
                            description = "The key's id",
                            schema = @Schema(type = SchemaType.STRING, maxLength = 28, pattern = "^key_[0-9a-f]{24}$"),
                            example = "key_5f2b8c1d9e0a4b3c7d6e8f90")
                    String id,
            RotateRequest request) {
        int hours = request == null || request.overlapHours() == null ? 24 : request.overlapHours();
        return keys.rotate(caller.requireOAuthClient(), id, Duration.ofHours(hours), caller.describe())
                .map(this::issuedResponse);
    }

    @POST
    @Path("/{id}/revoke")
    @RolesAllowed(Roles.MERCHANT)
    @APIResponse(
            responseCode = "200",
            description = "The revoked key",
            content =
                    @Content(
                            schema = @Schema(implementation = ApiKeyView.class),
                            examples = @ExampleObject(name = "revoked", value = ApiKeyExamples.REVOKED)))
    @APIResponse(
            responseCode = "403",
            description = "An API key may not manage keys",
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
            description = "The merchant has no key with this id",
            content = @Content(examples = {@ExampleObject(name = "not_found", summary = "Not found")}))
    @Operation(
            summary = "Revoke an API key",
            description =
                    "Every service refuses the key within seconds (auth.apikeys). Revoking a revoked key answers it as it is.",
            extensions = {
                @Extension(name = "x-payguard-audience", value = "public"),
                @Extension(name = "x-payguard-security-level", value = "merchant-oauth")
            })
    public Uni<ApiKeyView> revoke(
            @PathParam("id")
                    @Parameter(
                            description = "The key's id",
                            schema = @Schema(type = SchemaType.STRING, maxLength = 28, pattern = "^key_[0-9a-f]{24}$"),
                            example = "key_5f2b8c1d9e0a4b3c7d6e8f90")
                    String id) {
        return keys.revoke(caller.requireOAuthClient(), id, caller.describe())
                .map(k -> ApiKeyView.of(k, clock.instant()));
    }

    /** 201 with the new key and its secret, shown this once and never cached. */
    private Response issuedResponse(ApiKeyService.Issued issued) {
        return Response.status(201)
                .header("Cache-Control", "no-store")
                .entity(new IssuedView(
                        ApiKeyView.of(issued.key(), clock.instant()),
                        issued.secret().reveal()))
                .build();
    }

    private static <E extends Enum<E>> E parse(String value, String field, Class<E> type) {
        if (value == null) {
            throw new ProblemException(400, field + "_required", "Missing " + field, field + " is required");
        }
        try {
            return Enum.valueOf(type, value.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(
                    400,
                    "invalid_" + field,
                    "Invalid " + field,
                    field + " '" + value + "' is not one of "
                            + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase());
        }
    }
}

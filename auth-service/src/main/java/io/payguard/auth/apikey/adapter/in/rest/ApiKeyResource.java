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
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
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
    public record CreateRequest(String name, String kind, String mode, List<String> scopes, Instant expiresAt) {}

    public record RotateRequest(Integer overlapHours) {}

    public record ApiKeyView(
            String id,
            String name,
            String kind,
            String mode,
            List<String> scopes,
            String hint,
            Instant createdAt,
            Instant expiresAt,
            Instant revokedAt,
            String replacedBy,
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
    public record IssuedView(ApiKeyView key, String secret) {}

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
    @Operation(
            summary = "Create an API key (the secret is shown once)",
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
    @Operation(
            summary = "List this merchant's API keys (hints only, never secrets)",
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
    @Operation(
            summary = "One API key",
            extensions = {
                @Extension(name = "x-payguard-audience", value = "public"),
                @Extension(name = "x-payguard-security-level", value = "merchant-oauth")
            })
    public Uni<ApiKeyView> get(@PathParam("id") String id) {
        return keys.getWithLastUse(caller.requireOAuthClient(), id)
                .map(k -> ApiKeyView.of(k.key(), clock.instant(), k.lastUsedAt()));
    }

    @POST
    @Path("/{id}/rotate")
    @RolesAllowed(Roles.MERCHANT)
    @Operation(
            summary = "Rotate a key: a new secret now, the old one valid for the overlap window",
            extensions = {
                @Extension(name = "x-payguard-audience", value = "public"),
                @Extension(name = "x-payguard-security-level", value = "merchant-oauth")
            })
    public Uni<Response> rotate(@PathParam("id") String id, RotateRequest request) {
        int hours = request == null || request.overlapHours() == null ? 24 : request.overlapHours();
        return keys.rotate(caller.requireOAuthClient(), id, Duration.ofHours(hours), caller.describe())
                .map(this::issuedResponse);
    }

    @POST
    @Path("/{id}/revoke")
    @RolesAllowed(Roles.MERCHANT)
    @Operation(
            summary = "Revoke a key: every service refuses it within seconds",
            extensions = {
                @Extension(name = "x-payguard-audience", value = "public"),
                @Extension(name = "x-payguard-security-level", value = "merchant-oauth")
            })
    public Uni<ApiKeyView> revoke(@PathParam("id") String id) {
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

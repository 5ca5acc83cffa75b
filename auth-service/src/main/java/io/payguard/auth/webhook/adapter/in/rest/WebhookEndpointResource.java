package io.payguard.auth.webhook.adapter.in.rest;

import java.time.Duration;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
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

import io.payguard.auth.webhook.adapter.in.rest.WebhookApi.CreateRequest;
import io.payguard.auth.webhook.adapter.in.rest.WebhookApi.CreatedView;
import io.payguard.auth.webhook.adapter.in.rest.WebhookApi.DeletedView;
import io.payguard.auth.webhook.adapter.in.rest.WebhookApi.DeliveryView;
import io.payguard.auth.webhook.adapter.in.rest.WebhookApi.EndpointView;
import io.payguard.auth.webhook.adapter.in.rest.WebhookApi.Page;
import io.payguard.auth.webhook.adapter.in.rest.WebhookApi.RotateRequest;
import io.payguard.auth.webhook.adapter.in.rest.WebhookApi.RotatedView;
import io.payguard.auth.webhook.adapter.in.rest.WebhookApi.UpdateRequest;
import io.payguard.auth.webhook.application.WebhookEndpointService;
import io.payguard.auth.webhook.domain.EndpointMode;
import io.payguard.auth.webhook.domain.EndpointStatus;
import io.payguard.auth.webhook.domain.SigningSecrets;
import io.payguard.platform.web.Caller;
import io.payguard.platform.web.Problem;
import io.payguard.platform.web.RequiresScope;
import io.payguard.platform.web.Roles;
import io.smallrye.mutiny.Uni;

/**
 * A merchant's webhook endpoints: with the merchant's OAuth client, or an API key holding {@code webhooks:manage}.
 * Someone else's endpoint is 404. The signing secret is in the answers of create and rotate only.
 */
@Path("/v1/webhook_endpoints")
@Tag(name = "webhooks")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.MERCHANT)
@RequiresScope("webhooks:manage")
public class WebhookEndpointResource {

    private final WebhookEndpointService endpoints;
    private final Caller caller;

    public WebhookEndpointResource(WebhookEndpointService endpoints, Caller caller) {
        this.endpoints = endpoints;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Create a webhook endpoint (its signing secret is shown once)",
            description = "The URL is checked under the policy of the endpoint's mode (live: https only); private,"
                    + " loopback, link-local, metadata and multicast addresses are refused here and again at every"
                    + " delivery attempt. At most 16 endpoints per merchant.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = CreateRequest.class),
                            examples = @ExampleObject(name = "create", value = Examples.CREATE_REQUEST)))
    @APIResponse(
            responseCode = "201",
            description = "Created; the secret is in this answer only",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = CreatedView.class),
                            examples = @ExampleObject(name = "created", value = Examples.CREATED)))
    @APIResponse(
            responseCode = "400",
            description = "invalid_webhook_url (the detail names the refusal), invalid_enabled_events, invalid_mode,"
                    + " invalid_description, body_required, unknown_field",
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            examples =
                                    @ExampleObject(
                                            name = "invalid_webhook_url",
                                            summary = "Invalid webhook URL",
                                            description = "url refused: ip_literal_blocked")))
    @APIResponse(
            responseCode = "422",
            description = "too_many_webhook_endpoints",
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            examples =
                                    @ExampleObject(
                                            name = "too_many_webhook_endpoints",
                                            summary = "Too many webhook endpoints",
                                            description = "a merchant has at most 16 webhook endpoints")))
    public Uni<Response> create(CreateRequest request) {
        WebhookApi.requireBody(request);
        EndpointMode mode = request.mode() == null ? EndpointMode.TEST : EndpointMode.parse(request.mode());
        return endpoints
                .create(caller.merchantId(), request.url(), request.description(), request.enabledEvents(), mode)
                .map(created -> Response.status(201)
                        .header("Cache-Control", "no-store")
                        .entity(CreatedView.of(created.endpoint(), created.secret()))
                        .build());
    }

    @GET
    @Operation(
            summary = "The merchant's webhook endpoints, newest first (cursor: starting_after)",
            description =
                    "A page of the merchant's endpoints, never their secrets; pass next_cursor as starting_after for the next page.")
    @APIResponse(
            responseCode = "200",
            description = "A page of endpoints",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = Page.class),
                            examples = @ExampleObject(name = "endpoints", value = Examples.ENDPOINTS)))
    @APIResponse(
            responseCode = "400",
            description = "invalid_limit, invalid_starting_after",
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            examples =
                                    @ExampleObject(
                                            name = "invalid_limit",
                                            summary = "Invalid limit",
                                            description = "limit must be an integer 1-100")))
    public Uni<Page<EndpointView>> list(
            @Parameter(
                            description = "page size, 1-100 (default 20)",
                            schema = @Schema(maxLength = 3, pattern = "^[0-9]{1,3}$"))
                    @QueryParam("limit")
                    String limit,
            @Parameter(
                            description = "the last id of the previous page",
                            schema = @Schema(maxLength = 35, pattern = WebhookApi.ENDPOINT_ID))
                    @QueryParam("starting_after")
                    String startingAfter) {
        int size = WebhookApi.limit(limit);
        if (startingAfter != null
                && !io.payguard.auth.webhook.domain.EventIds.wellFormed(
                        WebhookEndpointService.ENDPOINT_PREFIX, startingAfter)) {
            throw io.payguard.kernel.failure.ApplicationException.invalid(
                    "invalid_starting_after", "Invalid cursor", "starting_after: not an endpoint id");
        }
        return endpoints
                .list(caller.merchantId(), startingAfter, size + 1)
                .map(rows -> Page.of(rows, size, EndpointView::of, e -> e.id()));
    }

    @GET
    @Path("/{id}")
    @Operation(
            summary = "One webhook endpoint (never its secret)",
            description = "One of the merchant's endpoints; another merchant's id answers 404.")
    @APIResponse(
            responseCode = "200",
            description = "The endpoint",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = EndpointView.class),
                            examples = @ExampleObject(name = "endpoint", value = Examples.ENDPOINT)))
    @APIResponse(
            responseCode = "404",
            description = "No such endpoint of this merchant",
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            examples =
                                    @ExampleObject(
                                            name = "not_found",
                                            summary = "Not found",
                                            description = "no such object of this merchant")))
    public Uni<EndpointView> get(
            @PathParam("id")
                    @Parameter(
                            description = "the endpoint's id",
                            schema =
                                    @Schema(type = SchemaType.STRING, maxLength = 35, pattern = WebhookApi.ENDPOINT_ID))
                    String id) {
        return endpoints.get(caller.merchantId(), id).map(EndpointView::of);
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Change an endpoint's url, description, enabledEvents or status (enabled/disabled)",
            description =
                    "Absent fields stay as they are; a new url is checked under the policy of the endpoint's mode, as at creation.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = UpdateRequest.class),
                            examples = @ExampleObject(name = "update", value = Examples.UPDATE_REQUEST)))
    @APIResponse(
            responseCode = "200",
            description = "The changed endpoint",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = EndpointView.class),
                            examples = @ExampleObject(name = "endpoint", value = Examples.ENDPOINT)))
    @APIResponse(
            responseCode = "400",
            description = "invalid_webhook_url, invalid_enabled_events, invalid_status, invalid_description,"
                    + " body_required, unknown_field",
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            examples =
                                    @ExampleObject(
                                            name = "invalid_webhook_url",
                                            summary = "Invalid webhook URL",
                                            description = "url refused: ip_literal_blocked")))
    @APIResponse(
            responseCode = "404",
            description = "No such endpoint of this merchant",
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            examples =
                                    @ExampleObject(
                                            name = "not_found",
                                            summary = "Not found",
                                            description = "no such object of this merchant")))
    public Uni<EndpointView> update(
            @PathParam("id")
                    @Parameter(
                            description = "the endpoint's id",
                            schema =
                                    @Schema(type = SchemaType.STRING, maxLength = 35, pattern = WebhookApi.ENDPOINT_ID))
                    String id,
            UpdateRequest request) {
        WebhookApi.requireBody(request);
        EndpointStatus status = request.status() == null ? null : EndpointStatus.parseSettable(request.status());
        return endpoints
                .update(
                        caller.merchantId(),
                        id,
                        new WebhookEndpointService.Changes(
                                request.url(), request.description(), request.enabledEvents(), status))
                .map(EndpointView::of);
    }

    @DELETE
    @Path("/{id}")
    @Operation(
            summary = "Delete an endpoint: its pending deliveries are canceled and its secrets shredded",
            description = "The endpoint receives no more deliveries; the events stay listed under /v1/events.")
    @APIResponse(
            responseCode = "200",
            description = "Deleted",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = DeletedView.class),
                            examples = @ExampleObject(name = "deleted", value = Examples.DELETED)))
    @APIResponse(
            responseCode = "404",
            description = "No such endpoint of this merchant",
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            examples =
                                    @ExampleObject(
                                            name = "not_found",
                                            summary = "Not found",
                                            description = "no such object of this merchant")))
    public Uni<DeletedView> delete(
            @PathParam("id")
                    @Parameter(
                            description = "the endpoint's id",
                            schema =
                                    @Schema(type = SchemaType.STRING, maxLength = 35, pattern = WebhookApi.ENDPOINT_ID))
                    String id) {
        return endpoints.delete(caller.merchantId(), id).replaceWith(new DeletedView(id, "webhook_endpoint", true));
    }

    @POST
    @Path("/{id}/rotate_secret")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Rotate the signing secret",
            description = "A new secret now; the current one keeps signing beside it for overlapSeconds (default"
                    + " 86400, at most 604800), so receivers can switch without missing a delivery.")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = RotateRequest.class),
                            examples = @ExampleObject(name = "rotate", value = Examples.ROTATE_REQUEST)))
    @APIResponse(
            responseCode = "200",
            description = "The new secret, shown this once",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = RotatedView.class),
                            examples = @ExampleObject(name = "rotated", value = Examples.ROTATED)))
    @APIResponse(
            responseCode = "400",
            description = "invalid_overlap, unknown_field",
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            examples =
                                    @ExampleObject(
                                            name = "invalid_overlap",
                                            summary = "Invalid overlap",
                                            description = "overlapSeconds must be between 0 and 604800 (7 days)")))
    @APIResponse(
            responseCode = "404",
            description = "No such endpoint of this merchant",
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            examples =
                                    @ExampleObject(
                                            name = "not_found",
                                            summary = "Not found",
                                            description = "no such object of this merchant")))
    public Uni<Response> rotateSecret(
            @PathParam("id")
                    @Parameter(
                            description = "the endpoint's id",
                            schema =
                                    @Schema(type = SchemaType.STRING, maxLength = 35, pattern = WebhookApi.ENDPOINT_ID))
                    String id,
            RotateRequest request) {
        long seconds = request == null || request.overlapSeconds() == null
                ? SigningSecrets.DEFAULT_OVERLAP.toSeconds()
                : request.overlapSeconds();
        return endpoints
                .rotateSecret(caller.merchantId(), id, Duration.ofSeconds(Math.max(-1, Math.min(seconds, 1L << 40))))
                .map(rotated -> Response.ok(new RotatedView(
                                rotated.secret(), rotated.endpoint().previousSecretExpiresAt()))
                        .header("Cache-Control", "no-store")
                        .build());
    }

    @GET
    @Path("/{id}/deliveries")
    @Operation(
            summary = "The endpoint's delivery log, newest first: each delivery with its attempts",
            description =
                    "A page of the endpoint's deliveries, each with its attempts (status code, latency, failure code, response excerpt).")
    @APIResponse(
            responseCode = "200",
            description = "A page of deliveries",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = Page.class),
                            examples = @ExampleObject(name = "deliveries", value = Examples.DELIVERIES)))
    @APIResponse(
            responseCode = "400",
            description = "invalid_limit, invalid_starting_after",
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            examples =
                                    @ExampleObject(
                                            name = "invalid_limit",
                                            summary = "Invalid limit",
                                            description = "limit must be an integer 1-100")))
    @APIResponse(
            responseCode = "404",
            description = "No such endpoint of this merchant",
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            examples =
                                    @ExampleObject(
                                            name = "not_found",
                                            summary = "Not found",
                                            description = "no such object of this merchant")))
    public Uni<Page<DeliveryView>> deliveries(
            @PathParam("id")
                    @Parameter(
                            description = "the endpoint's id",
                            schema =
                                    @Schema(type = SchemaType.STRING, maxLength = 35, pattern = WebhookApi.ENDPOINT_ID))
                    String id,
            @Parameter(
                            description = "page size, 1-100 (default 20)",
                            schema = @Schema(maxLength = 3, pattern = "^[0-9]{1,3}$"))
                    @QueryParam("limit")
                    String limit,
            @Parameter(
                            description = "the last id of the previous page",
                            schema = @Schema(maxLength = 35, pattern = WebhookApi.DELIVERY_ID))
                    @QueryParam("starting_after")
                    String startingAfter) {
        int size = WebhookApi.limit(limit);
        if (startingAfter != null
                && !io.payguard.auth.webhook.domain.EventIds.wellFormed(
                        WebhookEndpointService.DELIVERY_PREFIX, startingAfter)) {
            throw io.payguard.kernel.failure.ApplicationException.invalid(
                    "invalid_starting_after", "Invalid cursor", "starting_after: not a delivery id");
        }
        return endpoints
                .deliveries(caller.merchantId(), id, startingAfter, size + 1)
                .map(rows -> Page.of(rows, size, DeliveryView::of, d -> d.id()));
    }

    @POST
    @Path("/{id}/deliveries/{deliveryId}/redeliver")
    @Operation(
            summary = "Attempt a delivery again now (also one that failed or was delivered)",
            description =
                    "The delivery becomes due now and is attempted by the dispatcher; refused while an attempt runs or when the endpoint is disabled.")
    @APIResponse(
            responseCode = "200",
            description = "The delivery, due now",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = DeliveryView.class),
                            examples = @ExampleObject(name = "delivery", value = Examples.DELIVERY)))
    @APIResponse(
            responseCode = "404",
            description = "No such endpoint or delivery of this merchant",
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            examples =
                                    @ExampleObject(
                                            name = "not_found",
                                            summary = "Not found",
                                            description = "no such object of this merchant")))
    @APIResponse(
            responseCode = "409",
            description = "delivery_in_progress (an attempt is running), webhook_endpoint_disabled",
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            examples =
                                    @ExampleObject(
                                            name = "delivery_in_progress",
                                            summary = "Delivery in progress",
                                            description =
                                                    "an attempt of this delivery is running; try again in a moment")))
    public Uni<DeliveryView> redeliver(
            @PathParam("id")
                    @Parameter(
                            description = "the endpoint's id",
                            schema =
                                    @Schema(type = SchemaType.STRING, maxLength = 35, pattern = WebhookApi.ENDPOINT_ID))
                    String id,
            @PathParam("deliveryId")
                    @Parameter(
                            description = "the delivery's id",
                            schema =
                                    @Schema(type = SchemaType.STRING, maxLength = 35, pattern = WebhookApi.DELIVERY_ID))
                    String deliveryId) {
        return endpoints.redeliver(caller.merchantId(), id, deliveryId).map(DeliveryView::of);
    }
}

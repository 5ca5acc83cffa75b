package io.payguard.auth.webhook.adapter.in.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.payguard.auth.webhook.adapter.in.rest.WebhookApi.Page;
import io.payguard.auth.webhook.application.MerchantEventService;
import io.payguard.auth.webhook.application.port.EventStore;
import io.payguard.platform.web.Caller;
import io.payguard.platform.web.Problem;
import io.payguard.platform.web.RequiresScope;
import io.payguard.platform.web.Roles;
import io.smallrye.mutiny.Uni;

/**
 * The merchant's events, as its webhooks deliver them, kept for {@code payguard.webhooks.event-retention} (30 days):
 * a merchant replays what its endpoint missed. Newest first; filters {@code type}, {@code createdFrom} (inclusive) and
 * {@code createdTo} (exclusive).
 */
@Path("/v1/events")
@Tag(name = "webhooks")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.MERCHANT)
@RequiresScope("webhooks:manage")
public class EventResource {

    private final MerchantEventService events;
    private final Caller caller;
    private final ObjectMapper mapper;

    public EventResource(MerchantEventService events, Caller caller, ObjectMapper mapper) {
        this.events = events;
        this.caller = caller;
        this.mapper = mapper;
    }

    @GET
    @Operation(
            summary =
                    "The merchant's events, newest first (cursor: starting_after; filters type, createdFrom, createdTo)",
            description = "The events the merchant's webhooks deliver, kept for 30 days; createdFrom is inclusive,"
                    + " createdTo exclusive.")
    @APIResponse(
            responseCode = "200",
            description = "A page of events",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = Page.class),
                            examples = @ExampleObject(name = "events", value = Examples.EVENTS)))
    @APIResponse(
            responseCode = "400",
            description = "invalid_limit, invalid_type, invalid_createdFrom, invalid_createdTo, invalid_created_range,"
                    + " invalid_starting_after",
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            examples =
                                    @ExampleObject(
                                            name = "invalid_limit",
                                            summary = "Invalid limit",
                                            description = "limit must be an integer 1-100")))
    public Uni<Page<JsonNode>> list(
            @Parameter(
                            description = "page size, 1-100 (default 20)",
                            schema = @Schema(maxLength = 3, pattern = "^[0-9]{1,3}$"))
                    @QueryParam("limit")
                    String limit,
            @Parameter(
                            description = "the last id of the previous page",
                            schema = @Schema(maxLength = 36, pattern = WebhookApi.EVENT_ID))
                    @QueryParam("starting_after")
                    String startingAfter,
            @Parameter(
                            description = "only events of this type",
                            schema = @Schema(maxLength = 64, pattern = WebhookApi.EVENT_TYPE))
                    @QueryParam("type")
                    String type,
            @Parameter(
                            description = "created at or after this instant (ISO-8601)",
                            schema = @Schema(maxLength = 40, format = "date-time"))
                    @QueryParam("createdFrom")
                    String createdFrom,
            @Parameter(
                            description = "created before this instant (ISO-8601)",
                            schema = @Schema(maxLength = 40, format = "date-time"))
                    @QueryParam("createdTo")
                    String createdTo) {
        int size = WebhookApi.limit(limit);
        var query = new EventStore.Query(
                caller.merchantId(),
                type,
                WebhookApi.instant(createdFrom, "createdFrom"),
                WebhookApi.instant(createdTo, "createdTo"),
                startingAfter,
                size + 1);
        return events.list(query).map(rows -> Page.of(rows, size, e -> document(e.body()), e -> e.id()));
    }

    @GET
    @Path("/{id}")
    @Operation(
            summary = "One event, as its webhooks deliver it",
            description =
                    "One of the merchant's events, while it is kept (30 days); another merchant's id answers 404.")
    @APIResponse(
            responseCode = "200",
            description = "The event",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = WebhookApi.EventDocument.class),
                            examples = @ExampleObject(name = "event", value = Examples.EVENT)))
    @APIResponse(
            responseCode = "404",
            description = "No such event of this merchant (or past retention)",
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            examples =
                                    @ExampleObject(
                                            name = "not_found",
                                            summary = "Not found",
                                            description = "no such object of this merchant")))
    public Uni<JsonNode> get(
            @PathParam("id")
                    @Parameter(
                            description = "the event's id",
                            schema = @Schema(type = SchemaType.STRING, maxLength = 36, pattern = WebhookApi.EVENT_ID))
                    String id) {
        return events.get(caller.merchantId(), id).map(e -> document(e.body()));
    }

    private JsonNode document(String body) {
        try {
            return mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored event body is not JSON", e);
        }
    }
}

package io.payguard.auth.privacy.adapter.in.rest;

import java.util.UUID;

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

import io.payguard.auth.privacy.application.MarketingService;
import io.payguard.platform.web.ProblemException;
import io.payguard.platform.web.Roles;
import io.smallrye.mutiny.Uni;

/** Marketing messages by e-mail, refused for customers without consent to {@code marketing}. */
@Path("/v1/marketing/messages")
@Tag(name = "privacy")
@Produces(MediaType.APPLICATION_JSON)
public class MarketingResource {

    static final String SUBJECT_PATTERN = "^[A-Za-z0-9:_-]{1,128}$";

    @Schema(name = "MarketingMessage")
    public record MessageRequest(
            @Schema(required = true, maxLength = 128, pattern = SUBJECT_PATTERN)
            String customer,

            @Schema(required = true, minLength = 1, maxLength = 200)
            String subject,

            @Schema(required = true, minLength = 1, maxLength = 20000)
            String body) {}

    public record MessageView(
            @Schema(maxLength = 40, pattern = "^msg_[0-9a-f]{32}$")
            String id,

            @Schema(enumeration = "sent") String status) {}

    private final MarketingService marketing;

    public MarketingResource(MarketingService marketing) {
        this.marketing = marketing;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    @Operation(
            summary = "Send a marketing message",
            description =
                    "E-mails the customer (address from the identity provider) if their consent to marketing is in force.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = MessageRequest.class),
                            examples = @ExampleObject(name = "offer", value = PrivacyExamples.MARKETING)))
    @APIResponse(
            responseCode = "202",
            description = "Sent",
            content =
                    @Content(
                            schema = @Schema(implementation = MessageView.class),
                            examples =
                                    @ExampleObject(
                                            name = "sent",
                                            value =
                                                    "{\"id\": \"msg_0123456789abcdef0123456789abcdef\", \"status\": \"sent\"}")))
    @APIResponse(
            responseCode = "400",
            description = "A bad field",
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "invalid_message",
                                            summary = "Invalid message",
                                            description = "customer, subject (200) and body (20000)")))
    @APIResponse(
            responseCode = "403",
            description = "No consent to marketing",
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "consent_required",
                                            summary = "Consent required",
                                            description = "The purpose 'marketing' needs the customer's consent")))
    @APIResponse(
            responseCode = "404",
            description = "No such customer",
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "customer_not_found",
                                            summary = "Customer not found",
                                            description = "No customer with an e-mail address")))
    public Uni<Response> send(MessageRequest request) {
        if (request == null
                || request.customer() == null
                || !request.customer().matches(SUBJECT_PATTERN.substring(1, SUBJECT_PATTERN.length() - 1))
                || blank(request.subject(), 200)
                || blank(request.body(), 20000)) {
            throw new ProblemException(
                    400, "invalid_message", "Invalid message", "customer, subject (200) and body (20000) are required");
        }
        return marketing
                .send(request.customer(), request.subject(), request.body())
                .map(ignored -> Response.accepted(new MessageView(
                                "msg_" + UUID.randomUUID().toString().replace("-", ""), "sent"))
                        .build());
    }

    private static boolean blank(String value, int max) {
        return value == null || value.isBlank() || value.length() > max;
    }
}

package io.payguard.payment.adapter.in.rest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.payguard.payment.application.Idempotency;
import io.payguard.payment.application.ReviewService;
import io.payguard.payment.application.port.ReviewStore;
import io.payguard.payment.domain.PaymentIntent;
import io.payguard.payment.domain.PaymentState;
import io.payguard.platform.web.Caller;
import io.payguard.platform.web.ProblemException;
import io.payguard.platform.web.RequestAuditor;
import io.payguard.platform.web.Roles;
import io.payguard.platform.web.openapi.ApiSchemas;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * The operators' risk review queue (issue 13 item 6): payments held for review, oldest first, masked data only (ids,
 * merchant, amount, the rules that sent them there); approve or decline each with a reason. Operators and
 * compliance officers only; every call is audited (who, what, which payment), the decision's reason is kept with the
 * review and published in {@code review_closed.v1}.
 */
@Path("/v1/payment_reviews")
@Tag(name = "payment reviews")
@Produces(MediaType.APPLICATION_JSON)
public class PaymentReviewResource {

    static final String OBJECT_TYPE = "payment_review";

    static final int REASON_MAX = 500;

    public record Decision(
            @Schema(
                    required = true,
                    minLength = 1,
                    maxLength = REASON_MAX,
                    description = "Why: 1 to 500 characters, not blank, no card numbers")
            String reason) {}

    public record Rule(
            @Schema(maxLength = 64, pattern = ApiSchemas.CODE_PATTERN)
            String id,

            @Schema(enumeration = {"allow", "require_sca", "review", "decline"})
            String outcome,

            @Schema(maxLength = 200, description = "Written by the rule, for the reviewer")
            String reason) {}

    public record Queued(
            @Schema(maxLength = 35, pattern = PaymentSchemas.INTENT_ID_PATTERN) @JsonProperty("payment_intent")
            String paymentIntent,

            @Schema(enumeration = OBJECT_TYPE) String object,

            @Schema(maxLength = ApiSchemas.MERCHANT_ID_MAX, pattern = ApiSchemas.MERCHANT_ID_PATTERN)
            String merchant,

            @Schema(minimum = "1", maximum = ApiSchemas.MAX_AMOUNT)
            long amount,

            @Schema(maxLength = 3, pattern = ApiSchemas.CURRENCY_PATTERN)
            String currency,

            @Schema(enumeration = {"wallet", "card"}) @JsonProperty("payment_method_type")
            String paymentMethodType,

            @Schema(enumeration = {"automatic", "manual"}) @JsonProperty("capture_method")
            String captureMethod,

            @Schema(maxItems = 32, description = "The findings of the risk rules (one per rule at most)")
            List<Rule> rules,

            Instant requested,
            Instant opened,
            Instant expires,

            @Schema(minimum = "0", maximum = "9223372036854775807") @JsonProperty("age_seconds")
            long ageSeconds) {}

    /** The document's schema of a page of the queue ({@code PaymentApi.Page} of {@link Queued}, as written). */
    @Schema(name = "ReviewQueuePage")
    public record ReviewPage(
            @Schema(enumeration = "list") String object,

            @Schema(maxItems = 100, description = "1 to 100 held payments, as asked with limit")
            List<Queued> data,

            @JsonProperty("has_more") boolean hasMore,

            @Schema(
                    maxLength = 128,
                    pattern = "^[A-Za-z0-9_-]+$",
                    description = "Pass as cursor for the next page; absent on the last page")
            @JsonProperty("next_cursor")
            String nextCursor) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Decided(
            @Schema(maxLength = 35, pattern = PaymentSchemas.INTENT_ID_PATTERN) @JsonProperty("payment_intent")
            String paymentIntent,

            @Schema(enumeration = OBJECT_TYPE) String object,

            @Schema(maxLength = ApiSchemas.MERCHANT_ID_MAX, pattern = ApiSchemas.MERCHANT_ID_PATTERN)
            String merchant,

            @Schema(enumeration = {"approved", "declined"}) String decision,

            @Schema(
                    enumeration = {
                        "requires_review",
                        "processing",
                        "requires_capture",
                        "succeeded",
                        "canceled",
                        "failed"
                    })
            String status,

            @Schema(maxLength = 64, pattern = ApiSchemas.CODE_PATTERN) @JsonProperty("failure_code")
            String failureCode,

            @Schema(minimum = "1", maximum = ApiSchemas.MAX_AMOUNT)
            long amount,

            @Schema(maxLength = 3, pattern = ApiSchemas.CURRENCY_PATTERN)
            String currency) {

        static Decided of(PaymentIntent p, String decision) {
            return new Decided(
                    p.id(),
                    OBJECT_TYPE,
                    p.merchantId(),
                    decision,
                    p.status(),
                    p.state() instanceof PaymentState.Failed f ? f.reasonCode() : null,
                    p.amount().minor(),
                    p.amount().currencyCode());
        }
    }

    private final ReviewService reviews;
    private final IdempotentCalls calls;
    private final RequestAuditor auditor;
    private final Caller caller;
    private final Clock clock;

    public PaymentReviewResource(
            ReviewService reviews, IdempotentCalls calls, RequestAuditor auditor, Caller caller, Clock clock) {
        this.reviews = reviews;
        this.calls = calls;
        this.auditor = auditor;
        this.caller = caller;
        this.clock = clock;
    }

    @GET
    @RolesAllowed({Roles.OPERATOR, Roles.COMPLIANCE_OFFICER})
    @Operation(
            summary = "Payments held for risk review",
            description =
                    "Oldest first, masked data only; keyset pagination with next_cursor. Operators and compliance officers.")
    @APIResponse(
            responseCode = "200",
            description = "A page of the review queue",
            content =
                    @Content(
                            schema = @Schema(implementation = ReviewPage.class),
                            examples = @ExampleObject(name = "page", value = PaymentExamples.REVIEW_PAGE)))
    @APIResponse(
            responseCode = "400",
            description = "limit or cursor is malformed",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "invalid_request",
                                        summary = "Invalid request",
                                        description = "invalid cursor")
                            }))
    public Uni<PaymentApi.Page<Queued>> list(
            @QueryParam("limit")
                    @DefaultValue("20")
                    @Parameter(
                            description = "Rows per page, 1 to 100",
                            schema = @Schema(minimum = "1", maximum = "100", format = "int32"))
                    int limit,
            @QueryParam("cursor")
                    @Parameter(
                            description = "next_cursor of the previous page",
                            schema = @Schema(maxLength = 8192, pattern = "^[A-Za-z0-9_-]+$"))
                    String cursor,
            RoutingContext ctx) {
        Pages.requireLimit(limit);
        var after = cursor == null ? null : Cursor.decode(cursor);
        var now = clock.instant();
        return reviews.queue(
                        after == null ? null : after.openedAt(), after == null ? null : after.paymentId(), limit + 1)
                .call(rows -> auditor.recordStandalone(caller, ctx, "payment_review.list", OBJECT_TYPE, "*", "success"))
                .map(rows -> Pages.of(rows, limit, q -> view(q, now), Cursor::position));
    }

    @POST
    @Path("/{id}/approve")
    @RolesAllowed({Roles.OPERATOR, Roles.COMPLIANCE_OFFICER})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Approve a payment held for review",
            description =
                    "Captured (a manual-capture payment: requires_capture for the merchant). The reason is kept with the review.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = Decision.class),
                            examples = @ExampleObject(name = "approve", value = PaymentExamples.DECISION)))
    @APIResponse(
            responseCode = "200",
            description = "The decision and the payment's status",
            content =
                    @Content(
                            schema = @Schema(implementation = Decided.class),
                            examples = @ExampleObject(name = "approved", value = PaymentExamples.DECIDED)))
    @APIResponse(
            responseCode = "400",
            description = "The key or the reason is missing or invalid",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "idempotency_key_required",
                                        summary = "Idempotency-Key header required",
                                        description = "a review decision needs an Idempotency-Key"),
                                @ExampleObject(
                                        name = "invalid_request",
                                        summary = "Invalid request",
                                        description = "reason is required: why the payment is approved or declined"),
                                @ExampleObject(
                                        name = "card_data_in_free_text",
                                        summary = "Card data not allowed here",
                                        description = "reason must not contain a card number"),
                                @ExampleObject(
                                        name = "invalid_idempotency_key",
                                        summary = "Invalid Idempotency-Key",
                                        description =
                                                "an Idempotency-Key has 8 to 255 letters, digits, '.', '_', ':' or '-'")
                            }))
    @APIResponse(
            responseCode = "404",
            description = "No payment is held for review with this id",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(name = "payment_intent_not_found", summary = "No such payment intent")
                            }))
    @APIResponse(
            responseCode = "409",
            description = "The payment is no longer held for review, or the same key is still being processed",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "payment_intent_unexpected_state",
                                        summary = "Payment intent in an unexpected state",
                                        description = "cannot approve a payment in state succeeded"),
                                @ExampleObject(
                                        name = "idempotency_key_in_use",
                                        summary = "Idempotency-Key in use",
                                        description =
                                                "a request with this Idempotency-Key is still being processed; retry later")
                            }))
    @APIResponse(
            responseCode = "422",
            description = "The Idempotency-Key was used for another request",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "idempotency_key_reused",
                                        summary = "Idempotency-Key reused",
                                        description = "this Idempotency-Key was used for a different request")
                            }))
    public Uni<Response> approve(
            @PathParam("id")
                    @Parameter(
                            description = "The held payment's id",
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            maxLength = 35,
                                            pattern = PaymentSchemas.INTENT_ID_PATTERN),
                            example = "pi_3f0c2b1e8d4a4c559a072f1b9c6d0e11")
                    String id,
            @HeaderParam(Idempotency.HEADER) String key,
            Decision request,
            RoutingContext ctx) {
        var by = decider(key, request);
        // the capture goes on after the transaction: the stored answer is provisional until it ends
        var post = decision("approve " + id, request, "approved");
        return calls.run(ctx, key, post, tx -> reviews.approve(by.reviewer(), id, by.reason(), tx));
    }

    @POST
    @Path("/{id}/decline")
    @RolesAllowed({Roles.OPERATOR, Roles.COMPLIANCE_OFFICER})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Decline a payment held for review",
            description =
                    "Its funds are released and it fails with review_declined. The reason is kept with the review.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = Decision.class),
                            examples = @ExampleObject(name = "decline", value = PaymentExamples.DECISION)))
    @APIResponse(
            responseCode = "200",
            description = "The decision and the payment's status",
            content =
                    @Content(
                            schema = @Schema(implementation = Decided.class),
                            examples = @ExampleObject(name = "declined", value = PaymentExamples.DECIDED)))
    @APIResponse(
            responseCode = "400",
            description = "The key or the reason is missing or invalid",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "idempotency_key_required",
                                        summary = "Idempotency-Key header required",
                                        description = "a review decision needs an Idempotency-Key"),
                                @ExampleObject(
                                        name = "invalid_request",
                                        summary = "Invalid request",
                                        description = "reason is required: why the payment is approved or declined"),
                                @ExampleObject(
                                        name = "card_data_in_free_text",
                                        summary = "Card data not allowed here",
                                        description = "reason must not contain a card number"),
                                @ExampleObject(
                                        name = "invalid_idempotency_key",
                                        summary = "Invalid Idempotency-Key",
                                        description =
                                                "an Idempotency-Key has 8 to 255 letters, digits, '.', '_', ':' or '-'")
                            }))
    @APIResponse(
            responseCode = "404",
            description = "No payment is held for review with this id",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(name = "payment_intent_not_found", summary = "No such payment intent")
                            }))
    @APIResponse(
            responseCode = "409",
            description = "The payment is no longer held for review, or the same key is still being processed",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "payment_intent_unexpected_state",
                                        summary = "Payment intent in an unexpected state",
                                        description = "cannot approve a payment in state succeeded"),
                                @ExampleObject(
                                        name = "idempotency_key_in_use",
                                        summary = "Idempotency-Key in use",
                                        description =
                                                "a request with this Idempotency-Key is still being processed; retry later")
                            }))
    @APIResponse(
            responseCode = "422",
            description = "The Idempotency-Key was used for another request",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "idempotency_key_reused",
                                        summary = "Idempotency-Key reused",
                                        description = "this Idempotency-Key was used for a different request")
                            }))
    public Uni<Response> decline(
            @PathParam("id")
                    @Parameter(
                            description = "The held payment's id",
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            maxLength = 35,
                                            pattern = PaymentSchemas.INTENT_ID_PATTERN),
                            example = "pi_3f0c2b1e8d4a4c559a072f1b9c6d0e11")
                    String id,
            @HeaderParam(Idempotency.HEADER) String key,
            Decision request,
            RoutingContext ctx) {
        var by = decider(key, request);
        var post = decision("decline " + id, request, "declined").settledInTransaction();
        return calls.run(ctx, key, post, tx -> reviews.decline(by.reviewer(), id, by.reason(), tx));
    }

    /** A decision on a payment held for review, answered with the decision and the payment's status. */
    private static IdempotentPost<PaymentIntent> decision(String operation, Decision request, String decision) {
        return IdempotentPost.of(OBJECT_TYPE, operation, request, p -> Decided.of(p, decision), PaymentIntent::id);
    }

    /** Who decides (the calling operator or compliance officer) and why. */
    private record Decider(String reviewer, String reason) {}

    private Decider decider(String key, Decision request) {
        String reason = reason(key, request);
        return new Decider(caller.subject(), reason);
    }

    /**
     * The decision's reason: required free text, 1 to 500 characters, not blank, never a card number. An operator's
     * decision moves money: it is never sent without its key (a retry must replay, not decide twice).
     */
    private static String reason(String key, Decision request) {
        if (key == null) {
            throw new ProblemException(
                    400,
                    "idempotency_key_required",
                    "Idempotency-Key header required",
                    "a review decision needs an Idempotency-Key");
        }
        if (request == null || request.reason() == null || request.reason().isBlank()) {
            throw RequestChecks.invalid("reason is required: why the payment is approved or declined");
        }
        return RequestChecks.freeText(request.reason().strip(), REASON_MAX, "reason");
    }

    private static Queued view(ReviewStore.Queued q, Instant now) {
        return new Queued(
                q.paymentId(),
                OBJECT_TYPE,
                q.merchantId(),
                q.amount().minor(),
                q.amount().currencyCode(),
                q.method(),
                q.captureMethod(),
                q.findings().stream()
                        .map(f -> new Rule(f.ruleId(), f.outcome().id(), f.reason()))
                        .toList(),
                q.requestedAt(),
                q.openedAt(),
                q.expiresAt(),
                Math.max(0, Duration.between(q.requestedAt(), now).toSeconds()));
    }

    /** Opaque keyset position: the last row's opened_at and payment id. */
    record Cursor(Instant openedAt, String paymentId) {
        static String position(ReviewStore.Queued q) {
            return q.openedAt() + "|" + q.paymentId();
        }

        static Cursor decode(String cursor) {
            return Pages.decode(cursor, raw -> {
                int bar = raw.indexOf('|');
                String id = raw.substring(bar + 1);
                if (bar < 0 || !id.matches("pi_[0-9a-f]{1,37}")) {
                    throw new IllegalArgumentException();
                }
                return new Cursor(Instant.parse(raw.substring(0, bar)), id);
            });
        }
    }
}

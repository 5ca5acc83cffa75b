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

    public record Decision(String reason) {}

    public record Rule(String id, String outcome, String reason) {}

    public record Queued(
            @JsonProperty("payment_intent") String paymentIntent,
            String object,
            String merchant,
            long amount,
            String currency,
            @JsonProperty("payment_method_type") String paymentMethodType,
            @JsonProperty("capture_method") String captureMethod,
            List<Rule> rules,
            Instant requested,
            Instant opened,
            Instant expires,
            @JsonProperty("age_seconds") long ageSeconds) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Decided(
            @JsonProperty("payment_intent") String paymentIntent,
            String object,
            String merchant,
            String decision,
            String status,
            @JsonProperty("failure_code") String failureCode,
            long amount,
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
    @Operation(summary = "Payments held for risk review, oldest first (keyset pagination with next_cursor)")
    public Uni<PaymentApi.Page<Queued>> list(
            @QueryParam("limit") @DefaultValue("20") int limit,
            @QueryParam("cursor") String cursor,
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
            summary = "Approve a payment held for review: captured (manual capture: requires_capture for the merchant)")
    public Uni<Response> approve(
            @PathParam("id") String id,
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
    @Operation(summary = "Decline a payment held for review: its funds are released, it fails review_declined")
    public Uni<Response> decline(
            @PathParam("id") String id,
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

package io.payguard.payment.adapter.in.rest;

import static io.payguard.payment.adapter.in.rest.RequestChecks.clientAddress;

import java.util.List;
import java.util.Map;

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

import io.payguard.payment.application.Idempotency;
import io.payguard.payment.application.PaymentService;
import io.payguard.payment.application.port.PaymentStore;
import io.payguard.payment.domain.PaymentIntent;
import io.payguard.platform.web.Caller;
import io.payguard.platform.web.RequestAuditor;
import io.payguard.platform.web.RequiresScope;
import io.payguard.platform.web.Roles;
import io.payguard.platform.web.signature.SignedRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Payment intents of the calling merchant. Every POST honours an {@code Idempotency-Key} (Stripe semantics, see
 * {@link Idempotency}, run by {@link IdempotentCalls}); a payment of another merchant answers 404. Wallet payments are
 * confirmed by their customer. Requests are read by {@link IntentRequests}.
 */
@Path("/v1/payment_intents")
@Tag(name = "payment intents")
@Produces(MediaType.APPLICATION_JSON)
public class PaymentIntentResource {

    static final String OBJECT_TYPE = "payment_intent";

    private final PaymentService payments;
    private final Caller caller;
    private final RequestAuditor auditor;
    private final IntentRequests requests;
    private final IdempotentCalls calls;

    public PaymentIntentResource(
            PaymentService payments,
            Caller caller,
            RequestAuditor auditor,
            IntentRequests requests,
            IdempotentCalls calls) {
        this.calls = calls;
        this.payments = payments;
        this.requests = requests;
        this.auditor = auditor;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(Roles.MERCHANT)
    @RequiresScope("payments:write")
    @Consumes(MediaType.APPLICATION_JSON)
    @SignedRequest
    @Operation(summary = "Create a payment intent")
    public Uni<Response> create(
            @HeaderParam(Idempotency.HEADER) String key, PaymentApi.CreateIntent request, RoutingContext ctx) {
        var command = requests.create(request);
        String merchantId = caller.merchantId();
        // the key's answer is stored in the transaction that inserts the intent: a retry can never create a second one
        var post = intent("create", request).created().settledInTransaction();
        return calls.run(ctx, key, post, tx -> payments.create(merchantId, command, tx));
    }

    @GET
    @RolesAllowed(Roles.MERCHANT)
    @RequiresScope("payments:read")
    @Operation(summary = "The merchant's payment intents, newest first (keyset pagination with next_cursor)")
    public Uni<PaymentApi.Page<PaymentApi.Intent>> list(
            @QueryParam("limit") @DefaultValue("20") int limit,
            @QueryParam("cursor") String cursor,
            @QueryParam("status") String status,
            @QueryParam("customer") String customer,
            @QueryParam("created_gte") String createdFrom,
            @QueryParam("created_lt") String createdTo,
            RoutingContext ctx) {
        Pages.requireLimit(limit);
        var query = new PaymentStore.ListQuery(
                caller.merchantId(),
                status,
                customer,
                IntentRequests.instant(createdFrom, "created_gte"),
                IntentRequests.instant(createdTo, "created_lt"),
                IntentRequests.cursor(cursor),
                limit + 1);
        return payments.list(query)
                .call(rows -> audit(ctx, "payment_intent.list", "*"))
                .map(rows -> Pages.of(
                        rows, limit, l -> PaymentApi.Intent.of(l.intent()), l -> IntentRequests.position(l.seq())));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.MERCHANT)
    @RequiresScope("payments:read")
    @Operation(summary = "Retrieve a payment intent")
    public Uni<PaymentApi.Intent> retrieve(@PathParam("id") String id, RoutingContext ctx) {
        return payments.get(caller.merchantId(), id)
                .call(p -> audit(ctx, "payment_intent.read", id))
                .map(PaymentApi.Intent::of);
    }

    @POST
    @Path("/{id}/confirm")
    @RolesAllowed({Roles.MERCHANT, Roles.CUSTOMER})
    @SignedRequest
    @RequiresScope("payments:write")
    @Operation(
            summary =
                    "Confirm: a wallet payment with the paying customer's token; waits a bounded time for the outcome")
    public Uni<Response> confirm(
            @PathParam("id") String id,
            @HeaderParam(Idempotency.HEADER) String key,
            PaymentApi.ConfirmIntent request,
            RoutingContext ctx) {
        var confirm = IntentRequests.confirm(request);
        var method = confirm.method();
        var card = confirm.card();
        var actor = actor();
        var post = intent("confirm " + id, confirm.identity());
        return calls.run(ctx, key, post, tx -> payments.confirm(actor, id, method, card, clientAddress(ctx), tx));
    }

    @POST
    @Path("/{id}/authenticate")
    @RolesAllowed(Roles.CUSTOMER)
    @RequiresScope("payments:write")
    @Operation(summary = "The paying customer answers the one-time-code challenge (bound to amount and payee)")
    public Uni<Response> authenticate(
            @PathParam("id") String id,
            @HeaderParam(Idempotency.HEADER) String key,
            PaymentApi.Authenticate request,
            RoutingContext ctx) {
        String code = IntentRequests.code(request);
        String customer = caller.subject();
        // the code itself is not part of the idempotency hash: a stored digest of a 6-digit code would give it away
        var post = intent("authenticate " + id, Map.of());
        return calls.run(ctx, key, post, tx -> payments.authenticate(customer, id, code, tx));
    }

    @POST
    @Path("/{id}/authenticate/resend")
    @RolesAllowed(Roles.CUSTOMER)
    @RequiresScope("payments:write")
    @Operation(
            summary =
                    "The paying customer asks for a new one-time code; the previous one stops working (limited, 429 over the limit)")
    public Uni<Response> resendCode(
            @PathParam("id") String id, @HeaderParam(Idempotency.HEADER) String key, RoutingContext ctx) {
        String customer = caller.subject();
        var post = intent("resend " + id, Map.of()).settledInTransaction();
        return calls.run(ctx, key, post, tx -> payments.resendCode(customer, id, tx));
    }

    @POST
    @Path("/{id}/capture")
    @RolesAllowed(Roles.MERCHANT)
    @RequiresScope("payments:write")
    @SignedRequest
    @Operation(summary = "Capture all or part of an authorised payment; the rest is released")
    public Uni<Response> capture(
            @PathParam("id") String id,
            @HeaderParam(Idempotency.HEADER) String key,
            PaymentApi.CaptureIntent request,
            RoutingContext ctx) {
        var body = requests.capture(request);
        String merchantId = caller.merchantId();
        var post = intent("capture " + id, body);
        return calls.run(ctx, key, post, tx -> payments.capture(merchantId, id, body.amountToCapture(), tx));
    }

    @POST
    @Path("/{id}/cancel")
    @RolesAllowed(Roles.MERCHANT)
    @RequiresScope("payments:write")
    @Operation(summary = "Cancel a payment that is not yet captured; an authorisation is released")
    public Uni<Response> cancel(
            @PathParam("id") String id,
            @HeaderParam(Idempotency.HEADER) String key,
            PaymentApi.CancelIntent request,
            RoutingContext ctx) {
        var body = IntentRequests.cancel(request);
        String reason = body.cancellationReason();
        String merchantId = caller.merchantId();
        var post = intent("cancel " + id, body).settledInTransaction();
        return calls.run(ctx, key, post, tx -> payments.cancel(merchantId, id, reason, tx));
    }

    @POST
    @Path("/{id}/refunds")
    @RolesAllowed(Roles.MERCHANT)
    @RequiresScope("payments:write")
    @SignedRequest
    @Operation(summary = "Refund all or part of a succeeded payment (several refunds, never more than captured)")
    public Uni<Response> refund(
            @PathParam("id") String id,
            @HeaderParam(Idempotency.HEADER) String key,
            PaymentApi.CreateRefund request,
            RoutingContext ctx) {
        var body = requests.refund(request);
        String merchantId = caller.merchantId();
        var post = IdempotentPost.refund(OBJECT_TYPE, id, body);
        return calls.run(ctx, key, post, tx -> payments.refund(merchantId, id, body.amount(), tx));
    }

    @GET
    @Path("/{id}/refunds")
    @RolesAllowed(Roles.MERCHANT)
    @RequiresScope("payments:read")
    @Operation(summary = "The refunds of a payment, oldest first")
    public Uni<List<PaymentApi.RefundView>> refunds(@PathParam("id") String id, RoutingContext ctx) {
        return payments.refunds(caller.merchantId(), id)
                .call(all -> audit(ctx, "payment_intent.refunds.list", id))
                .map(all -> all.stream().map(PaymentApi.RefundView::of).toList());
    }

    /** A POST on a payment intent answered with the intent. */
    private static IdempotentPost<PaymentIntent> intent(String operation, Object request) {
        return IdempotentPost.of(OBJECT_TYPE, operation, request, PaymentApi.Intent::of, PaymentIntent::id);
    }

    /** A merchant confirms its own payments; a customer the wallet payments they pay. */
    private PaymentService.Actor actor() {
        return caller.hasRole(Roles.MERCHANT)
                ? new PaymentService.Actor.Merchant(caller.merchantId())
                : new PaymentService.Actor.Customer(caller.subject());
    }

    private Uni<Void> audit(RoutingContext ctx, String action, String objectId) {
        return auditor.recordStandalone(caller, ctx, action, OBJECT_TYPE, objectId, "success")
                .replaceWithVoid();
    }
}

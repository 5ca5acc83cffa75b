package io.payguard.payment.adapter.in.rest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

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

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.payguard.payment.application.Idempotency;
import io.payguard.payment.application.InTransaction;
import io.payguard.payment.application.PaymentService;
import io.payguard.payment.application.port.PaymentStore;
import io.payguard.payment.domain.CaptureMethod;
import io.payguard.payment.domain.CardNumbers;
import io.payguard.payment.domain.MethodType;
import io.payguard.payment.domain.PaymentIntent;
import io.payguard.payment.domain.Refund;
import io.payguard.platform.web.Caller;
import io.payguard.platform.web.ProblemException;
import io.payguard.platform.web.RequestAuditor;
import io.payguard.platform.web.RequiresScope;
import io.payguard.platform.web.Roles;
import io.payguard.platform.web.money.MoneyInputs;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Payment intents of the calling merchant. Every POST honours an {@code Idempotency-Key} (Stripe semantics, see
 * {@link Idempotency}); a payment of another merchant answers 404. Wallet payments are confirmed by their customer.
 */
@Path("/v1/payment_intents")
@Tag(name = "payment intents")
@Produces(MediaType.APPLICATION_JSON)
public class PaymentIntentResource {

    private final PaymentService payments;
    private final Caller caller;
    private final ObjectMapper json;

    private final RequestAuditor auditor;
    private final MoneyInputs money;
    private final IdempotentCalls calls;

    public PaymentIntentResource(
            PaymentService payments,
            Caller caller,
            ObjectMapper json,
            RequestAuditor auditor,
            MoneyInputs money,
            IdempotentCalls calls) {
        this.calls = calls;
        this.payments = payments;
        this.money = money;
        this.auditor = auditor;
        this.caller = caller;
        this.json = json;
    }

    @POST
    @RolesAllowed(Roles.MERCHANT)
    @RequiresScope("payments:write")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a payment intent")
    public Uni<Response> create(
            @HeaderParam(Idempotency.HEADER) String key, PaymentApi.CreateIntent request, RoutingContext ctx) {
        if (request == null) {
            throw invalid("a request body is required");
        }
        String merchantId = caller.merchantId();
        var command = new PaymentService.Create(
                money.money(request.amount(), request.currency(), "amount", "currency"),
                freeText(request.description(), 500, "description"),
                customer(request.customer()),
                method(request.paymentMethodType()),
                captureMethod(request.captureMethod()),
                metadata(request.metadata()));
        // the key's answer is stored in the transaction that inserts the intent: a retry can never create a second one
        return idempotent(
                ctx,
                key,
                "create",
                request,
                201,
                true,
                PaymentApi.Intent::of,
                PaymentIntent::id,
                tx -> payments.create(merchantId, command, tx));
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
        if (limit < 1 || limit > 100) {
            throw invalid("limit must be between 1 and 100");
        }
        var query = new PaymentStore.ListQuery(
                caller.merchantId(),
                status,
                customer,
                instant(createdFrom, "created_gte"),
                instant(createdTo, "created_lt"),
                cursor == null ? null : decodeCursor(cursor),
                limit + 1);
        return payments.list(query)
                .call(rows -> audit(ctx, "payment_intent.list", "*", "success"))
                .map(rows -> {
                    boolean more = rows.size() > limit;
                    var page = more ? rows.subList(0, limit) : rows;
                    String next = more ? encodeCursor(page.get(page.size() - 1).seq()) : null;
                    return new PaymentApi.Page<>(
                            "list",
                            page.stream()
                                    .map(l -> PaymentApi.Intent.of(l.intent()))
                                    .toList(),
                            more,
                            next);
                });
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.MERCHANT)
    @RequiresScope("payments:read")
    @Operation(summary = "Retrieve a payment intent")
    public Uni<PaymentApi.Intent> retrieve(@PathParam("id") String id, RoutingContext ctx) {
        return payments.get(caller.merchantId(), id)
                .call(p -> audit(ctx, "payment_intent.read", id, "success"))
                .map(PaymentApi.Intent::of);
    }

    @POST
    @Path("/{id}/confirm")
    @RolesAllowed({Roles.MERCHANT, Roles.CUSTOMER})
    @RequiresScope("payments:write")
    @Operation(
            summary =
                    "Confirm: a wallet payment with the paying customer's token; waits a bounded time for the outcome")
    public Uni<Response> confirm(
            @PathParam("id") String id,
            @HeaderParam(Idempotency.HEADER) String key,
            PaymentApi.ConfirmIntent request,
            RoutingContext ctx) {
        var body = request == null ? new PaymentApi.ConfirmIntent(null, null, null) : request;
        MethodType method = method(body.paymentMethodType());
        PaymentService.Actor actor = caller.hasRole(Roles.MERCHANT)
                ? new PaymentService.Actor.Merchant(caller.merchantId())
                : new PaymentService.Actor.Customer(caller.subject());
        var card = body.paymentMethod() == null && body.cvc() == null
                ? null
                : new PaymentService.CardDetails(body.paymentMethod(), body.cvc());
        return idempotent(
                ctx,
                key,
                "confirm " + id,
                body.withoutCvc(),
                200,
                false,
                PaymentApi.Intent::of,
                PaymentIntent::id,
                tx -> payments.confirm(actor, id, method, card, address(ctx), tx));
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
        if (request == null || request.code() == null || !request.code().matches("\\d{6}")) {
            throw invalid("code must be the 6-digit one-time code");
        }
        String customer = caller.subject();
        // the code itself is not part of the idempotency hash: a stored digest of a 6-digit code would give it away
        return idempotent(
                ctx,
                key,
                "authenticate " + id,
                Map.of(),
                200,
                false,
                PaymentApi.Intent::of,
                PaymentIntent::id,
                tx -> payments.authenticate(customer, id, request.code(), tx));
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
        return idempotent(
                ctx,
                key,
                "resend " + id,
                Map.of(),
                200,
                true,
                PaymentApi.Intent::of,
                PaymentIntent::id,
                tx -> payments.resendCode(customer, id, tx));
    }

    private static String address(RoutingContext ctx) {
        var remote = ctx.request().remoteAddress();
        return remote == null ? null : remote.hostAddress();
    }

    @POST
    @Path("/{id}/capture")
    @RolesAllowed(Roles.MERCHANT)
    @RequiresScope("payments:write")
    @Operation(summary = "Capture all or part of an authorised payment; the rest is released")
    public Uni<Response> capture(
            @PathParam("id") String id,
            @HeaderParam(Idempotency.HEADER) String key,
            PaymentApi.CaptureIntent request,
            RoutingContext ctx) {
        var body = request == null ? new PaymentApi.CaptureIntent(null) : request;
        if (body.amountToCapture() != null) {
            money.amount(body.amountToCapture(), "amount_to_capture");
        }
        String merchantId = caller.merchantId();
        return idempotent(
                ctx,
                key,
                "capture " + id,
                body,
                200,
                false,
                PaymentApi.Intent::of,
                PaymentIntent::id,
                tx -> payments.capture(merchantId, id, body.amountToCapture(), tx));
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
        var body = request == null ? new PaymentApi.CancelIntent(null) : request;
        String reason = body.cancellationReason();
        if (reason != null
                && !List.of("duplicate", "fraudulent", "requested_by_customer", "abandoned")
                        .contains(reason)) {
            throw invalid("cancellation_reason must be duplicate, fraudulent, requested_by_customer or abandoned");
        }
        String merchantId = caller.merchantId();
        return idempotent(
                ctx,
                key,
                "cancel " + id,
                body,
                200,
                true,
                PaymentApi.Intent::of,
                PaymentIntent::id,
                tx -> payments.cancel(merchantId, id, reason, tx));
    }

    @POST
    @Path("/{id}/refunds")
    @RolesAllowed(Roles.MERCHANT)
    @RequiresScope("payments:write")
    @Operation(summary = "Refund all or part of a succeeded payment (several refunds, never more than captured)")
    public Uni<Response> refund(
            @PathParam("id") String id,
            @HeaderParam(Idempotency.HEADER) String key,
            PaymentApi.CreateRefund request,
            RoutingContext ctx) {
        var body = request == null ? new PaymentApi.CreateRefund(null) : request;
        if (body.amount() != null) {
            money.amount(body.amount(), "amount");
        }
        String merchantId = caller.merchantId();
        // the pending refund is the stored answer from the moment it exists (the final state replaces it afterwards)
        return idempotent(
                ctx,
                key,
                "refund " + id,
                body,
                201,
                false,
                PaymentApi.RefundView::of,
                Refund::paymentId,
                tx -> payments.refund(merchantId, id, body.amount(), tx));
    }

    @GET
    @Path("/{id}/refunds")
    @RolesAllowed(Roles.MERCHANT)
    @RequiresScope("payments:read")
    @Operation(summary = "The refunds of a payment, oldest first")
    public Uni<List<PaymentApi.RefundView>> refunds(@PathParam("id") String id, RoutingContext ctx) {
        return payments.refunds(caller.merchantId(), id)
                .call(all -> audit(ctx, "payment_intent.refunds.list", id, "success"))
                .map(all -> all.stream().map(PaymentApi.RefundView::of).toList());
    }

    private <T> Uni<Response> idempotent(
            RoutingContext ctx,
            String key,
            String operation,
            Object request,
            int status,
            boolean settledInTransaction,
            Function<T, Object> view,
            Function<T, String> objectId,
            Function<InTransaction<T>, Uni<T>> call) {
        return calls.run(
                ctx, key, "payment_intent", operation, request, status, settledInTransaction, view, objectId, call);
    }

    private Uni<Void> audit(RoutingContext ctx, String action, String objectId, String outcome) {
        return auditor.recordStandalone(caller, ctx, action, "payment_intent", objectId, outcome)
                .replaceWithVoid();
    }

    private static String write(ObjectMapper mapper, Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String customer(String customer) {
        if (customer != null && !customer.matches("[A-Za-z0-9._:@-]{1,128}")) {
            throw invalid("customer must be the customer's PayGuard subject");
        }
        return customer;
    }

    static MethodType method(String value) {
        return value == null
                ? null
                : MethodType.parse(value).orElseThrow(() -> invalid("payment_method_type must be wallet or card"));
    }

    static CaptureMethod captureMethod(String value) {
        return value == null
                ? CaptureMethod.AUTOMATIC
                : CaptureMethod.parse(value).orElseThrow(() -> invalid("capture_method must be automatic or manual"));
    }

    /** Free text never carries card numbers: a PAN in a description or metadata is refused, not stored. */
    static String freeText(String value, int max, String field) {
        if (value == null) {
            return null;
        }
        if (value.length() > max) {
            throw invalid(field + " is longer than " + max + " characters");
        }
        if (CardNumbers.containsPan(value)) {
            throw new ProblemException(
                    400,
                    "card_data_in_free_text",
                    "Card data not allowed here",
                    field + " must not contain a card number");
        }
        return value;
    }

    static Map<String, String> metadata(Map<String, String> metadata) {
        if (metadata == null) {
            return Map.of();
        }
        if (metadata.size() > 20) {
            throw invalid("metadata has at most 20 keys");
        }
        metadata.forEach((k, v) -> {
            if (k == null || !k.matches("[A-Za-z0-9_.-]{1,40}")) {
                throw invalid("metadata keys have 1 to 40 letters, digits, '_', '.' or '-'");
            }
            freeText(v == null ? "" : v, 500, "metadata." + k);
        });
        return metadata;
    }

    private static Instant instant(String value, String name) {
        try {
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw invalid(name + " must be an ISO-8601 instant");
        }
    }

    private static String encodeCursor(long seq) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("s" + seq).getBytes(StandardCharsets.UTF_8));
    }

    static long decodeCursor(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!raw.startsWith("s")) {
                throw new IllegalArgumentException();
            }
            return Long.parseLong(raw.substring(1));
        } catch (IllegalArgumentException e) {
            throw invalid("invalid cursor");
        }
    }

    static ProblemException invalid(String detail) {
        return new ProblemException(400, "invalid_request", "Invalid request", detail);
    }
}

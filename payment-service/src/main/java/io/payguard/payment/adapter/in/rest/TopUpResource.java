package io.payguard.payment.adapter.in.rest;

import static io.payguard.payment.adapter.in.rest.RequestChecks.clientAddress;

import java.time.Instant;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.payguard.payment.application.Idempotency;
import io.payguard.payment.application.PaymentService;
import io.payguard.payment.application.TopUpService;
import io.payguard.platform.web.Caller;
import io.payguard.platform.web.ProblemException;
import io.payguard.platform.web.RequestAuditor;
import io.payguard.platform.web.RequiresScope;
import io.payguard.platform.web.Roles;
import io.payguard.platform.web.money.MoneyInputs;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * A customer tops up their own wallet from their own card: create the top-up (wallet, amount), then confirm it with
 * the card token and CVV. The wallet is credited by the wallet service once the charge is captured, never before
 * ({@code credit_status}). Another customer's top-up answers 404.
 */
@Path("/v1/top_ups")
@Tag(name = "top-ups")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.CUSTOMER)
public class TopUpResource {

    public record CreateTopUp(@JsonProperty("wallet_id") String walletId, Long amount, String currency) {}

    /** {@code cvc} is passed to the authorisation once: never stored, logged, hashed or echoed. */
    public record ConfirmTopUp(
            @JsonProperty("payment_method") String paymentMethod, String cvc) {
        @Override
        public String toString() {
            return "ConfirmTopUp[" + paymentMethod + "]";
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TopUpView(
            String id,
            String object,
            @JsonProperty("wallet_id") String walletId,
            long amount,
            String currency,
            String status,
            @JsonProperty("credit_status") String creditStatus,
            @JsonProperty("credit_refusal_reason") String creditRefusalReason,
            @JsonProperty("wallet_entry_id") String walletEntryId,
            @JsonProperty("amount_refunded") long amountRefunded,
            @JsonProperty("failure_code") String failureCode,
            @JsonProperty("next_action") PaymentApi.NextAction nextAction,
            Instant created,
            Instant updated) {

        static TopUpView of(TopUpService.View v) {
            var p = PaymentApi.Intent.of(v.payment());
            var t = v.topUp();
            return new TopUpView(
                    p.id(),
                    "top_up",
                    t.walletId(),
                    p.amount(),
                    p.currency(),
                    p.status(),
                    t.creditStatus().id(),
                    t.refusalReason(),
                    t.creditEntryId(),
                    p.amountRefunded(),
                    p.failureCode(),
                    p.nextAction(),
                    p.created(),
                    p.updated());
        }
    }

    static final String OBJECT_TYPE = "top_up";

    private final TopUpService topUps;
    private final IdempotentCalls calls;
    private final Caller caller;
    private final RequestAuditor auditor;
    private final MoneyInputs money;
    private final IntentRequests requests;

    public TopUpResource(
            TopUpService topUps,
            IdempotentCalls calls,
            Caller caller,
            RequestAuditor auditor,
            MoneyInputs money,
            IntentRequests requests) {
        this.topUps = topUps;
        this.calls = calls;
        this.caller = caller;
        this.auditor = auditor;
        this.money = money;
        this.requests = requests;
    }

    @POST
    @RequiresScope("payments:write")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary =
                    "Top up the caller's own wallet from their own card: creates the top-up (confirm it with the card next)")
    public Uni<Response> create(@HeaderParam(Idempotency.HEADER) String key, CreateTopUp request, RoutingContext ctx) {
        RequestChecks.requireBody(request);
        String walletId = RequestChecks.walletId(request.walletId());
        var amount = money.money(request.amount(), request.currency(), "amount", "currency");
        String customer = caller.subject();
        var post = topUp("create", request).created().settledInTransaction();
        return calls.run(ctx, key, post, tx -> topUps.create(customer, walletId, amount, tx));
    }

    @POST
    @Path("/{id}/confirm")
    @RequiresScope("payments:write")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary =
                    "Charge the caller's own card (payment_method token + cvc); the wallet is credited once the charge is captured")
    public Uni<Response> confirm(
            @PathParam("id") String id,
            @HeaderParam(Idempotency.HEADER) String key,
            ConfirmTopUp request,
            RoutingContext ctx) {
        var card = card(request);
        String customer = caller.subject();
        String ip = clientAddress(ctx);
        var post = topUp("confirm " + id, new ConfirmTopUp(request.paymentMethod(), null));
        return calls.run(ctx, key, post, tx -> topUps.confirm(customer, id, card, ip, tx));
    }

    @POST
    @Path("/{id}/refunds")
    @RequiresScope("payments:write")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary =
                    "Refund all or part of the caller's credited top-up to its card: the wallet gives the money back first, or the refund fails")
    public Uni<Response> refund(
            @PathParam("id") String id,
            @HeaderParam(Idempotency.HEADER) String key,
            PaymentApi.CreateRefund request,
            RoutingContext ctx) {
        String customer = caller.subject();
        var body = requests.refund(request);
        var post = IdempotentPost.refund(OBJECT_TYPE, id, body);
        return calls.run(ctx, key, post, tx -> topUps.refund(customer, id, body.amount(), tx));
    }

    @GET
    @Path("/{id}")
    @RequiresScope("payments:read")
    @Operation(summary = "One of the caller's top-ups: the card payment's status and the wallet credit's")
    public Uni<TopUpView> retrieve(@PathParam("id") String id, RoutingContext ctx) {
        return topUps.get(caller.subject(), id)
                .call(v -> auditor.recordStandalone(caller, ctx, "top_up.read", OBJECT_TYPE, id, "success"))
                .map(TopUpView::of);
    }

    /** A POST on a top-up answered with the top-up. */
    private static IdempotentPost<TopUpService.View> topUp(String operation, Object request) {
        return IdempotentPost.of(
                OBJECT_TYPE, operation, request, TopUpView::of, v -> v.payment().id());
    }

    /** A top-up is charged to the caller's own card: its token and CVV are both required. */
    private static PaymentService.CardDetails card(ConfirmTopUp request) {
        if (request == null
                || request.paymentMethod() == null
                || request.cvc() == null
                || !request.cvc().matches("\\d{3,4}")) {
            throw new ProblemException(
                    400,
                    "card_required",
                    "Card required",
                    "a top-up is confirmed with payment_method (your card token) and cvc");
        }
        return new PaymentService.CardDetails(request.paymentMethod(), request.cvc());
    }
}

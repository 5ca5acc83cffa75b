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
import io.payguard.payment.application.PaymentService;
import io.payguard.payment.application.TopUpService;
import io.payguard.platform.web.Caller;
import io.payguard.platform.web.ProblemException;
import io.payguard.platform.web.RequestAuditor;
import io.payguard.platform.web.RequiresScope;
import io.payguard.platform.web.Roles;
import io.payguard.platform.web.money.MoneyInputs;
import io.payguard.platform.web.openapi.ApiSchemas;
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

    public record CreateTopUp(
            @Schema(required = true, maxLength = 38, pattern = ApiSchemas.WALLET_ID_PATTERN) @JsonProperty("wallet_id")
            String walletId,

            @Schema(required = true, minimum = "1", maximum = ApiSchemas.MAX_AMOUNT, description = ApiSchemas.AMOUNT)
            Long amount,

            @Schema(
                    required = true,
                    maxLength = 3,
                    pattern = ApiSchemas.CURRENCY_PATTERN,
                    description = ApiSchemas.CURRENCY)
            String currency) {}

    /** {@code cvc} is passed to the authorisation once: never stored, logged, hashed or echoed. */
    public record ConfirmTopUp(
            @Schema(required = true, maxLength = 36, pattern = PaymentSchemas.TOKEN_ID_PATTERN)
            @JsonProperty("payment_method")
            String paymentMethod,

            @Schema(required = true, maxLength = 4, pattern = "^[0-9]{3,4}$", writeOnly = true)
            String cvc) {
        @Override
        public String toString() {
            return "ConfirmTopUp[" + paymentMethod + "]";
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TopUpView(
            @Schema(maxLength = 35, pattern = PaymentSchemas.INTENT_ID_PATTERN)
            String id,

            @Schema(enumeration = "top_up") String object,

            @Schema(maxLength = 38, pattern = ApiSchemas.WALLET_ID_PATTERN) @JsonProperty("wallet_id")
            String walletId,

            @Schema(minimum = "1", maximum = ApiSchemas.MAX_AMOUNT)
            long amount,

            @Schema(maxLength = 3, pattern = ApiSchemas.CURRENCY_PATTERN)
            String currency,

            @Schema(
                    enumeration = {
                        "requires_payment_method",
                        "requires_confirmation",
                        "requires_action",
                        "requires_review",
                        "processing",
                        "requires_capture",
                        "succeeded",
                        "canceled",
                        "failed"
                    })
            String status,

            @Schema(enumeration = {"awaiting_charge", "crediting", "credited", "refused"})
            @JsonProperty("credit_status")
            String creditStatus,

            @Schema(maxLength = 64, pattern = ApiSchemas.CODE_PATTERN) @JsonProperty("credit_refusal_reason")
            String creditRefusalReason,

            @Schema(maxLength = 36, format = "uuid") @JsonProperty("wallet_entry_id")
            String walletEntryId,

            @Schema(minimum = "0", maximum = ApiSchemas.MAX_AMOUNT) @JsonProperty("amount_refunded")
            long amountRefunded,

            @Schema(maxLength = 64, pattern = ApiSchemas.CODE_PATTERN) @JsonProperty("failure_code")
            String failureCode,

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
            summary = "Create a top-up",
            description =
                    "Tops up the caller's own wallet from their own card: creates the top-up; confirm it with the card next.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = CreateTopUp.class),
                            examples = @ExampleObject(name = "cny", value = PaymentExamples.CREATE_TOP_UP)))
    @APIResponse(
            responseCode = "201",
            description = "The new top-up",
            content =
                    @Content(
                            schema = @Schema(implementation = TopUpView.class),
                            examples = @ExampleObject(name = "created", value = PaymentExamples.TOP_UP)))
    @APIResponse(
            responseCode = "400",
            description = "A field is missing or out of bounds",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "invalid_wallet_id",
                                        summary = "Invalid wallet id",
                                        description = "wallet_id is the id of one of your wallets (w-…)"),
                                @ExampleObject(
                                        name = "invalid_amount",
                                        summary = "Invalid amount",
                                        description =
                                                "'amount' must be a whole number of minor units from 1 to 99999999999"),
                                @ExampleObject(
                                        name = "invalid_currency",
                                        summary = "Invalid currency",
                                        description =
                                                "'currency' must be one of the enabled currencies: [CNY, HKD, USD, EUR, GBP, JPY, SGD]"),
                                @ExampleObject(
                                        name = "invalid_request",
                                        summary = "Invalid request",
                                        description = "a request body is required"),
                                @ExampleObject(
                                        name = "invalid_idempotency_key",
                                        summary = "Invalid Idempotency-Key",
                                        description =
                                                "an Idempotency-Key has 8 to 255 letters, digits, '.', '_', ':' or '-'")
                            }))
    @APIResponse(
            responseCode = "409",
            description = "The same Idempotency-Key is still being processed",
            content =
                    @Content(
                            examples = {
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
            summary = "Confirm a top-up",
            description =
                    "Charges the caller's own card (payment_method token and cvc); the wallet is credited once the charge is captured (credit_status).")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ConfirmTopUp.class),
                            examples = @ExampleObject(name = "card", value = PaymentExamples.CONFIRM_TOP_UP)))
    @APIResponse(
            responseCode = "200",
            description = "The top-up after the charge",
            content =
                    @Content(
                            schema = @Schema(implementation = TopUpView.class),
                            examples = @ExampleObject(name = "credited", value = PaymentExamples.TOP_UP)))
    @APIResponse(
            responseCode = "400",
            description = "The card is missing or invalid",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "card_required",
                                        summary = "Card required",
                                        description =
                                                "a top-up is confirmed with payment_method (your card token) and cvc"),
                                @ExampleObject(
                                        name = "invalid_payment_method",
                                        summary = "Invalid payment method",
                                        description = "payment_method is not one of your card tokens")
                            }))
    @APIResponse(
            responseCode = "404",
            description = "No top-up of the caller has this id",
            content = @Content(examples = {@ExampleObject(name = "top_up_not_found", summary = "No such top-up")}))
    @APIResponse(
            responseCode = "409",
            description = "The top-up's state does not allow this now, or the same key is still being processed",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "payment_intent_unexpected_state",
                                        summary = "Payment intent in an unexpected state",
                                        description = "cannot confirm a payment in state succeeded"),
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
    public Uni<Response> confirm(
            @PathParam("id")
                    @Parameter(
                            description = "The top-up's id (its card payment's)",
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            maxLength = 35,
                                            pattern = PaymentSchemas.INTENT_ID_PATTERN),
                            example = "pi_a1b2c3d4e5f60718293a4b5c6d7e8f90")
                    String id,
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
            summary = "Refund a top-up",
            description =
                    "Refunds all or part of the caller's credited top-up to its card: the wallet gives the money back first, or the refund fails.")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = PaymentApi.CreateRefund.class),
                            examples = @ExampleObject(name = "partial", value = PaymentExamples.CREATE_REFUND)))
    @APIResponse(
            responseCode = "201",
            description = "The new refund",
            content =
                    @Content(
                            schema = @Schema(implementation = PaymentApi.RefundView.class),
                            examples = @ExampleObject(name = "pending", value = PaymentExamples.REFUND)))
    @APIResponse(
            responseCode = "400",
            description = "The amount is out of bounds",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "invalid_amount",
                                        summary = "Invalid amount",
                                        description = "cannot refund more than the 9500 left")
                            }))
    @APIResponse(
            responseCode = "404",
            description = "No top-up of the caller has this id",
            content = @Content(examples = {@ExampleObject(name = "top_up_not_found", summary = "No such top-up")}))
    @APIResponse(
            responseCode = "409",
            description = "The top-up's state does not allow this now, or the same key is still being processed",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "payment_intent_unexpected_state",
                                        summary = "Payment intent in an unexpected state",
                                        description = "cannot confirm a payment in state succeeded"),
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
    public Uni<Response> refund(
            @PathParam("id")
                    @Parameter(
                            description = "The top-up's id (its card payment's)",
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            maxLength = 35,
                                            pattern = PaymentSchemas.INTENT_ID_PATTERN),
                            example = "pi_a1b2c3d4e5f60718293a4b5c6d7e8f90")
                    String id,
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
    @Operation(
            summary = "Retrieve a top-up",
            description = "One of the caller's top-ups: the card payment's status and the wallet credit's.")
    @APIResponse(
            responseCode = "200",
            description = "The top-up",
            content =
                    @Content(
                            schema = @Schema(implementation = TopUpView.class),
                            examples = @ExampleObject(name = "credited", value = PaymentExamples.TOP_UP)))
    @APIResponse(
            responseCode = "404",
            description = "No top-up of the caller has this id",
            content = @Content(examples = {@ExampleObject(name = "top_up_not_found", summary = "No such top-up")}))
    public Uni<TopUpView> retrieve(
            @PathParam("id")
                    @Parameter(
                            description = "The top-up's id (its card payment's)",
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            maxLength = 35,
                                            pattern = PaymentSchemas.INTENT_ID_PATTERN),
                            example = "pi_a1b2c3d4e5f60718293a4b5c6d7e8f90")
                    String id,
            RoutingContext ctx) {
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

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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
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
    @Operation(
            summary = "Create a payment intent",
            description = "Creates a payment of `amount` minor units for the calling merchant, answered 201 with the"
                    + " intent in requires_payment_method or requires_confirmation. A retry with the same"
                    + " Idempotency-Key answers the first call's answer and never creates a second intent. A wallet"
                    + " payment without `customer` is an in-app payment: the answer carries `client_secret` once (a"
                    + " replay does not), which the customer's app confirms with, using the customer's own token.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = PaymentApi.CreateIntent.class),
                            examples = {
                                @ExampleObject(name = "card_manual_capture", value = PaymentExamples.CREATE_INTENT),
                                @ExampleObject(name = "in_app", value = PaymentExamples.CREATE_IN_APP)
                            }))
    @APIResponse(
            responseCode = "201",
            description = "The new payment intent",
            content =
                    @Content(
                            schema = @Schema(implementation = PaymentApi.Intent.class),
                            examples = {
                                @ExampleObject(name = "created", value = PaymentExamples.INTENT),
                                @ExampleObject(name = "in_app", value = PaymentExamples.INTENT_IN_APP)
                            }))
    @APIResponse(
            responseCode = "400",
            description = "A field is missing or out of bounds",
            content =
                    @Content(
                            examples = {
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
                                        description = "metadata has at most 20 keys"),
                                @ExampleObject(
                                        name = "card_data_in_free_text",
                                        summary = "Card data not allowed here",
                                        description = "description must not contain a card number"),
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
    public Uni<Response> create(
            @HeaderParam(Idempotency.HEADER) String key, PaymentApi.CreateIntent request, RoutingContext ctx) {
        var command = requests.create(request);
        String merchantId = caller.merchantId();
        // the key's answer is stored in the transaction that inserts the intent: a retry can never create a second one
        // an in-app payment's client secret is sent once: the stored answer (and a replay) is without it
        var post = IdempotentPost.<PaymentService.Created>of(
                        OBJECT_TYPE,
                        "create",
                        request,
                        c -> PaymentApi.Intent.of(c.intent()),
                        c -> c.intent().id())
                .created()
                .settledInTransaction()
                .sentOnce(c -> PaymentApi.Intent.of(c.intent()).withClientSecret(c.clientSecret()));
        return calls.run(ctx, key, post, tx -> payments.createIntent(merchantId, command, tx));
    }

    @GET
    @RolesAllowed(Roles.MERCHANT)
    @RequiresScope("payments:read")
    @Operation(
            summary = "The merchant's payment intents, newest first",
            description = "Keyset pagination: pass `next_cursor` as `cursor` for the next page while `has_more`.")
    @APIResponse(
            responseCode = "200",
            description = "A page of payment intents",
            content =
                    @Content(
                            schema = @Schema(implementation = PaymentApi.IntentPage.class),
                            examples = @ExampleObject(name = "page", value = PaymentExamples.INTENT_PAGE)))
    @APIResponse(
            responseCode = "400",
            description = "A filter or the cursor is malformed",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "invalid_request",
                                        summary = "Invalid request",
                                        description = "limit must be between 1 and 100")
                            }))
    public Uni<PaymentApi.Page<PaymentApi.Intent>> list(
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
            @QueryParam("status")
                    @Parameter(
                            description = "Only intents in this status",
                            schema =
                                    @Schema(
                                            maxLength = 8192,
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
                                            }))
                    String status,
            @QueryParam("customer")
                    @Parameter(
                            description = "Only intents of this customer",
                            schema = @Schema(maxLength = 8192, pattern = "^[A-Za-z0-9._:@-]{1,128}$"))
                    String customer,
            @QueryParam("created_gte")
                    @Parameter(
                            description = "An ISO-8601 instant: created at or after it",
                            schema = @Schema(maxLength = 37, format = "date-time"))
                    String createdFrom,
            @QueryParam("created_lt")
                    @Parameter(
                            description = "An ISO-8601 instant: created before it",
                            schema = @Schema(maxLength = 37, format = "date-time"))
                    String createdTo,
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
    @Operation(summary = "Retrieve a payment intent", description = "One of the calling merchant's payment intents.")
    @APIResponse(
            responseCode = "200",
            description = "The payment intent",
            content =
                    @Content(
                            schema = @Schema(implementation = PaymentApi.Intent.class),
                            examples = @ExampleObject(name = "succeeded", value = PaymentExamples.INTENT_SUCCEEDED)))
    @APIResponse(
            responseCode = "404",
            description = "No payment intent of the caller has this id",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(name = "payment_intent_not_found", summary = "No such payment intent")
                            }))
    public Uni<PaymentApi.Intent> retrieve(
            @PathParam("id")
                    @Parameter(
                            description = "The payment intent's id",
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            maxLength = 35,
                                            pattern = PaymentSchemas.INTENT_ID_PATTERN),
                            example = "pi_3f0c2b1e8d4a4c559a072f1b9c6d0e11")
                    String id,
            RoutingContext ctx) {
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
            summary = "Confirm a payment intent",
            description = "A card payment with the card's token and CVC (merchant), a wallet payment with the paying"
                    + " customer's token; waits a bounded time for the outcome. The answer may be requires_action"
                    + " (see next_action), requires_review, processing, requires_capture, succeeded or failed.")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = PaymentApi.ConfirmIntent.class),
                            examples = {
                                @ExampleObject(name = "card", value = PaymentExamples.CONFIRM_CARD),
                                @ExampleObject(name = "in_app", value = PaymentExamples.CONFIRM_IN_APP)
                            }))
    @APIResponse(
            responseCode = "200",
            description = "The payment intent after confirmation",
            content =
                    @Content(
                            schema = @Schema(implementation = PaymentApi.Intent.class),
                            examples = {
                                @ExampleObject(name = "authorised", value = PaymentExamples.INTENT_REQUIRES_CAPTURE),
                                @ExampleObject(
                                        name = "strong_authentication",
                                        value = PaymentExamples.INTENT_REQUIRES_ACTION)
                            }))
    @APIResponse(
            responseCode = "400",
            description = "The payment method or card is missing or invalid",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "invalid_request",
                                        summary = "Invalid request",
                                        description = "payment_method_type must be wallet or card"),
                                @ExampleObject(
                                        name = "card_required",
                                        summary = "Card required",
                                        description = "a card payment is confirmed with payment_method and cvc"),
                                @ExampleObject(
                                        name = "invalid_payment_method",
                                        summary = "Invalid payment method",
                                        description = "payment_method is not one of your card tokens"),
                                @ExampleObject(
                                        name = "customer_required",
                                        summary = "Customer required",
                                        description = "a wallet payment needs the paying customer")
                            }))
    @APIResponse(
            responseCode = "403",
            description = "The caller may not confirm this payment",
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "customer_authorisation_required",
                                            summary = "Customer authorisation required",
                                            description = "a wallet payment is confirmed by the paying customer")))
    @APIResponse(
            responseCode = "404",
            description = "No payment intent of the caller has this id",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(name = "payment_intent_not_found", summary = "No such payment intent")
                            }))
    @APIResponse(
            responseCode = "409",
            description =
                    "The payment's state does not allow this now (payment_intent_status names it), or the same key is still being processed",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "payment_intent_unexpected_state",
                                        summary = "Payment intent in an unexpected state",
                                        description = "cannot capture a payment in state succeeded"),
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
                            description = "The payment intent's id",
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            maxLength = 35,
                                            pattern = PaymentSchemas.INTENT_ID_PATTERN),
                            example = "pi_3f0c2b1e8d4a4c559a072f1b9c6d0e11")
                    String id,
            @HeaderParam(Idempotency.HEADER) String key,
            PaymentApi.ConfirmIntent request,
            RoutingContext ctx) {
        var confirm = IntentRequests.confirm(request);
        var method = confirm.method();
        var card = confirm.card();
        var actor = actor();
        var post = intent("confirm " + id, confirm.identity());
        if (confirm.clientSecret() != null && actor instanceof PaymentService.Actor.Customer c) {
            String secret = confirm.clientSecret();
            return calls.run(
                    ctx,
                    key,
                    post,
                    tx -> payments.confirmWithSecret(c.subject(), id, secret, method, clientAddress(ctx), tx));
        }
        return calls.run(ctx, key, post, tx -> payments.confirm(actor, id, method, card, clientAddress(ctx), tx));
    }

    @POST
    @Path("/{id}/authenticate")
    @RolesAllowed(Roles.CUSTOMER)
    @RequiresScope("payments:write")
    @Operation(
            summary = "Answer the one-time-code challenge",
            description = "The paying customer sends the 6-digit code of a requires_action payment (the code is bound"
                    + " to the amount and payee), or a WebAuthn assertion (webauthn) over the challenge of"
                    + " GET authenticate_url (device-bound confirmation, dynamic linking); the payment then proceeds"
                    + " by itself.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = PaymentApi.Authenticate.class),
                            examples = {
                                @ExampleObject(name = "code", value = PaymentExamples.AUTHENTICATE),
                                @ExampleObject(name = "webauthn", value = PaymentExamples.AUTHENTICATE_WEBAUTHN)
                            }))
    @APIResponse(
            responseCode = "200",
            description = "The payment intent after the challenge",
            content =
                    @Content(
                            schema = @Schema(implementation = PaymentApi.Intent.class),
                            examples = @ExampleObject(name = "succeeded", value = PaymentExamples.INTENT_SUCCEEDED)))
    @APIResponse(
            responseCode = "400",
            description = "The code is malformed, wrong or expired",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "invalid_request",
                                        summary = "Invalid request",
                                        description = "code must be the 6-digit one-time code"),
                                @ExampleObject(
                                        name = "sca_code_invalid",
                                        summary = "Authentication failed",
                                        description = "the code is not the one sent"),
                                @ExampleObject(
                                        name = "sca_code_expired",
                                        summary = "Authentication failed",
                                        description = "the code has expired; ask for a new one"),
                                @ExampleObject(
                                        name = "webauthn_assertion_invalid",
                                        summary = "Authentication failed",
                                        description = "the assertion did not verify over this payment's challenge"
                                                + " (other amount or payee, unknown or revoked authenticator, no user"
                                                + " verification, counter not increasing); counts as an attempt")
                            }))
    @APIResponse(
            responseCode = "403",
            description = "This payment needs a device-bound confirmation",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "device_confirmation_required",
                                        summary = "Device confirmation required",
                                        description =
                                                "the risk decision asks for a registered authenticator (WebAuthn);"
                                                        + " a one-time code is refused")
                            }))
    @APIResponse(
            responseCode = "404",
            description = "No payment intent of the caller has this id",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(name = "payment_intent_not_found", summary = "No such payment intent")
                            }))
    @APIResponse(
            responseCode = "409",
            description = "The payment has no open challenge, or the same key is still being processed",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(name = "no_challenge", summary = "No challenge"),
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
    public Uni<Response> authenticate(
            @PathParam("id")
                    @Parameter(
                            description = "The payment intent's id",
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            maxLength = 35,
                                            pattern = PaymentSchemas.INTENT_ID_PATTERN),
                            example = "pi_3f0c2b1e8d4a4c559a072f1b9c6d0e11")
                    String id,
            @HeaderParam(Idempotency.HEADER) String key,
            PaymentApi.Authenticate request,
            RoutingContext ctx) {
        String customer = caller.subject();
        if (request != null && request.webauthn() != null && request.code() == null) {
            var assertion = request.webauthn().assertion();
            var post = intent("authenticate " + id, Map.of("method", "webauthn"));
            return calls.run(ctx, key, post, tx -> payments.authenticateWithDevice(customer, id, assertion, tx));
        }
        String code = IntentRequests.code(request);
        // the code itself is not part of the idempotency hash: a stored digest of a 6-digit code would give it away
        var post = intent("authenticate " + id, Map.of());
        return calls.run(ctx, key, post, tx -> payments.authenticate(customer, id, code, tx));
    }

    @GET
    @Path("/{id}/authenticate")
    @RolesAllowed(Roles.CUSTOMER)
    @Operation(
            summary = "How to answer the challenge",
            description = "The paying customer's options for a requires_action payment: methods (webauthn when they"
                    + " have an active authenticator, code unless the payment needs a device), the WebAuthn request"
                    + " options whose challenge commits to payment id, amount, currency and payee (dynamic linking),"
                    + " and the channel the one-time code goes to (masked).")
    @APIResponse(
            responseCode = "200",
            description = "The options",
            content =
                    @Content(
                            schema = @Schema(implementation = AuthenticatorApi.AuthenticationOptions.class),
                            examples =
                                    @ExampleObject(name = "options", value = PaymentExamples.AUTHENTICATION_OPTIONS)))
    @APIResponse(
            responseCode = "404",
            description = "No payment intent of the caller has this id",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(name = "payment_intent_not_found", summary = "No such payment intent")
                            }))
    @APIResponse(
            responseCode = "409",
            description = "The payment has no open challenge",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "payment_intent_unexpected_state",
                                        summary = "No authentication outstanding")
                            }))
    public Uni<AuthenticatorApi.AuthenticationOptions> authenticationOptions(
            @PathParam("id")
                    @Parameter(
                            description = "The payment intent's id",
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            maxLength = 35,
                                            pattern = PaymentSchemas.INTENT_ID_PATTERN),
                            example = "pi_3f0c2b1e8d4a4c559a072f1b9c6d0e11")
                    String id) {
        return payments.authenticationOptions(caller.subject(), id).map(AuthenticatorApi.AuthenticationOptions::of);
    }

    @POST
    @Path("/{id}/authenticate/resend")
    @RolesAllowed(Roles.CUSTOMER)
    @RequiresScope("payments:write")
    @Operation(
            summary = "Send a new one-time code",
            description = "The paying customer asks for a new code; the previous one stops working. Limited: 429"
                    + " sca_resend_too_soon or sca_resend_limit_reached over the limit.")
    @APIResponse(
            responseCode = "200",
            description = "The payment intent with its new challenge",
            content =
                    @Content(
                            schema = @Schema(implementation = PaymentApi.Intent.class),
                            examples = @ExampleObject(name = "resent", value = PaymentExamples.INTENT_REQUIRES_ACTION)))
    @APIResponse(
            responseCode = "404",
            description = "No payment intent of the caller has this id",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(name = "payment_intent_not_found", summary = "No such payment intent")
                            }))
    @APIResponse(
            responseCode = "409",
            description = "The payment has no open challenge, or the same key is still being processed",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(name = "no_challenge", summary = "No challenge"),
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
    @APIResponse(
            responseCode = "429",
            description = "Too many codes asked for",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "sca_resend_too_soon",
                                        summary = "Too soon",
                                        description = "a new code can be asked for 30 s after the last one"),
                                @ExampleObject(
                                        name = "sca_resend_limit_reached",
                                        summary = "Resend limit reached",
                                        description = "no more codes for this payment")
                            }))
    public Uni<Response> resendCode(
            @PathParam("id")
                    @Parameter(
                            description = "The payment intent's id",
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            maxLength = 35,
                                            pattern = PaymentSchemas.INTENT_ID_PATTERN),
                            example = "pi_3f0c2b1e8d4a4c559a072f1b9c6d0e11")
                    String id,
            @HeaderParam(Idempotency.HEADER) String key,
            RoutingContext ctx) {
        String customer = caller.subject();
        var post = intent("resend " + id, Map.of()).settledInTransaction();
        return calls.run(ctx, key, post, tx -> payments.resendCode(customer, id, tx));
    }

    @POST
    @Path("/{id}/capture")
    @RolesAllowed(Roles.MERCHANT)
    @RequiresScope("payments:write")
    @SignedRequest
    @Operation(
            summary = "Capture an authorised payment",
            description = "Captures all (no `amount_to_capture`) or part of a requires_capture payment; the rest of"
                    + " the authorisation is released.")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = PaymentApi.CaptureIntent.class),
                            examples = @ExampleObject(name = "partial", value = PaymentExamples.CAPTURE)))
    @APIResponse(
            responseCode = "200",
            description = "The captured payment intent",
            content =
                    @Content(
                            schema = @Schema(implementation = PaymentApi.Intent.class),
                            examples = @ExampleObject(name = "captured", value = PaymentExamples.INTENT_SUCCEEDED)))
    @APIResponse(
            responseCode = "400",
            description = "The amount is out of bounds",
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "invalid_amount",
                                            summary = "Invalid amount",
                                            description = "cannot capture more than the capturable 2599")))
    @APIResponse(
            responseCode = "404",
            description = "No payment intent of the caller has this id",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(name = "payment_intent_not_found", summary = "No such payment intent")
                            }))
    @APIResponse(
            responseCode = "409",
            description =
                    "The payment's state does not allow this now (payment_intent_status names it), or the same key is still being processed",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "payment_intent_unexpected_state",
                                        summary = "Payment intent in an unexpected state",
                                        description = "cannot capture a payment in state succeeded"),
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
    public Uni<Response> capture(
            @PathParam("id")
                    @Parameter(
                            description = "The payment intent's id",
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            maxLength = 35,
                                            pattern = PaymentSchemas.INTENT_ID_PATTERN),
                            example = "pi_3f0c2b1e8d4a4c559a072f1b9c6d0e11")
                    String id,
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
    @Operation(
            summary = "Cancel a payment intent",
            description = "Cancels a payment that is not yet captured; an authorisation is released.")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = PaymentApi.CancelIntent.class),
                            examples = @ExampleObject(name = "customer", value = PaymentExamples.CANCEL)))
    @APIResponse(
            responseCode = "200",
            description = "The canceled payment intent",
            content =
                    @Content(
                            schema = @Schema(implementation = PaymentApi.Intent.class),
                            examples = @ExampleObject(name = "canceled", value = PaymentExamples.INTENT_CANCELED)))
    @APIResponse(
            responseCode = "400",
            description = "The reason is not one of the listed ones",
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "invalid_request",
                                            summary = "Invalid request",
                                            description =
                                                    "cancellation_reason must be duplicate, fraudulent, requested_by_customer or abandoned")))
    @APIResponse(
            responseCode = "404",
            description = "No payment intent of the caller has this id",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(name = "payment_intent_not_found", summary = "No such payment intent")
                            }))
    @APIResponse(
            responseCode = "409",
            description =
                    "The payment's state does not allow this now (payment_intent_status names it), or the same key is still being processed",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "payment_intent_unexpected_state",
                                        summary = "Payment intent in an unexpected state",
                                        description = "cannot capture a payment in state succeeded"),
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
    public Uni<Response> cancel(
            @PathParam("id")
                    @Parameter(
                            description = "The payment intent's id",
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            maxLength = 35,
                                            pattern = PaymentSchemas.INTENT_ID_PATTERN),
                            example = "pi_3f0c2b1e8d4a4c559a072f1b9c6d0e11")
                    String id,
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
    @Operation(
            summary = "Refund a payment",
            description = "Refunds all (no `amount`) or part of what is left of a succeeded payment; several refunds"
                    + " may be made, never more than captured. Answered 201 with the pending refund.")
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
                            examples =
                                    @ExampleObject(
                                            name = "invalid_amount",
                                            summary = "Invalid amount",
                                            description = "cannot refund more than the 2099 left")))
    @APIResponse(
            responseCode = "404",
            description = "No payment intent of the caller has this id",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(name = "payment_intent_not_found", summary = "No such payment intent")
                            }))
    @APIResponse(
            responseCode = "409",
            description =
                    "The payment's state does not allow this now (payment_intent_status names it), or the same key is still being processed",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "payment_intent_unexpected_state",
                                        summary = "Payment intent in an unexpected state",
                                        description = "cannot capture a payment in state succeeded"),
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
                            description = "The payment intent's id",
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            maxLength = 35,
                                            pattern = PaymentSchemas.INTENT_ID_PATTERN),
                            example = "pi_3f0c2b1e8d4a4c559a072f1b9c6d0e11")
                    String id,
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
    @Operation(summary = "The refunds of a payment", description = "Oldest first.")
    @APIResponse(
            responseCode = "200",
            description = "The payment's refunds",
            content =
                    @Content(
                            schema =
                                    @Schema(
                                            implementation = PaymentApi.RefundView.class,
                                            type = SchemaType.ARRAY,
                                            maxItems = Integer.MAX_VALUE,
                                            description =
                                                    "Unpaginated: bounded by the amount, each refund being at least 1 minor unit"),
                            examples = @ExampleObject(name = "one", value = PaymentExamples.REFUNDS)))
    @APIResponse(
            responseCode = "404",
            description = "No payment intent of the caller has this id",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(name = "payment_intent_not_found", summary = "No such payment intent")
                            }))
    public Uni<List<PaymentApi.RefundView>> refunds(
            @PathParam("id")
                    @Parameter(
                            description = "The payment intent's id",
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            maxLength = 35,
                                            pattern = PaymentSchemas.INTENT_ID_PATTERN),
                            example = "pi_3f0c2b1e8d4a4c559a072f1b9c6d0e11")
                    String id,
            RoutingContext ctx) {
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

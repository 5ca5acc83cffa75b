package io.payguard.payment.adapter.in.rest;

import static io.payguard.payment.adapter.in.rest.RequestChecks.clientAddress;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
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

import io.payguard.kernel.failure.ApplicationException;
import io.payguard.payment.application.Idempotency;
import io.payguard.payment.application.InTransaction;
import io.payguard.payment.application.PaymentCodeService;
import io.payguard.payment.domain.PaymentCode;
import io.payguard.payment.domain.PaymentCodeNumber;
import io.payguard.payment.domain.PaymentIntent;
import io.payguard.platform.web.Caller;
import io.payguard.platform.web.RequestAuditor;
import io.payguard.platform.web.RequiresScope;
import io.payguard.platform.web.Roles;
import io.payguard.platform.web.money.MoneyInputs;
import io.payguard.platform.web.signature.SignedRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Customer-presented payment codes ({@link PaymentCodeService}): the customer's app creates one with its DPoP-bound
 * token and shows it (digits, or the image drawn here); the merchant's POS scans it and charges it once.
 */
@Path("/v1/payment_codes")
@Tag(name = "payment codes")
@Produces(MediaType.APPLICATION_JSON)
public class PaymentCodeResource {

    static final String OBJECT_TYPE = "payment_code";

    private final PaymentCodeService codes;
    private final Caller caller;
    private final RequestAuditor auditor;
    private final IdempotentCalls calls;
    private final MoneyInputs money;

    public PaymentCodeResource(
            PaymentCodeService codes, Caller caller, RequestAuditor auditor, IdempotentCalls calls, MoneyInputs money) {
        this.codes = codes;
        this.caller = caller;
        this.auditor = auditor;
        this.calls = calls;
        this.money = money;
    }

    @POST
    @RolesAllowed(Roles.CUSTOMER)
    @RequiresScope("payments:write")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Create a payment code",
            description = "The customer's app asks for a one-time code to show at a till: 18 digits (Luhn check digit),"
                    + " valid at most 60 s, paying once, bound to the customer, the key of the DPoP-bound token (cnf.jkt)"
                    + " and the funding source. The digits are in this answer only: PayGuard keeps a keyed hash. No"
                    + " Idempotency-Key: a retry simply gets another code.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = PaymentCodeApi.CreateCode.class),
                            examples = @ExampleObject(name = "wallet", value = PaymentCodeExamples.CREATE)))
    @APIResponse(
            responseCode = "201",
            description = "The new payment code",
            content =
                    @Content(
                            schema = @Schema(implementation = PaymentCodeApi.Code.class),
                            examples = @ExampleObject(name = "created", value = PaymentCodeExamples.CODE)))
    @APIResponse(
            responseCode = "400",
            description = "The funding source is missing or unknown",
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "invalid_request",
                                            summary = "Invalid request",
                                            description = "funding must be wallet")))
    @APIResponse(
            responseCode = "403",
            description = "The token is not bound to a key",
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "dpop_bound_token_required",
                                            summary = "DPoP-bound token required",
                                            description = "a payment code is bound to the key of a DPoP-bound token")))
    public Uni<Response> create(PaymentCodeApi.CreateCode request, RoutingContext ctx) {
        var funding = PaymentCode.Funding.parse(
                        RequestChecks.requireBody(request).funding())
                .orElseThrow(() -> RequestChecks.invalid("funding must be wallet"));
        String customer = caller.subject();
        String key = boundKey();
        InTransaction<PaymentCodeService.Issued> audited = new InTransaction<>() {
            @Override
            public Uni<Void> begin() {
                return Uni.createFrom().voidItem();
            }

            @Override
            public Uni<Void> end(PaymentCodeService.Issued issued) {
                return auditor.record(
                                caller,
                                ctx,
                                "payment_code.create",
                                OBJECT_TYPE,
                                issued.code().id(),
                                "success")
                        .replaceWithVoid();
            }
        };
        return codes.create(customer, key, funding, audited)
                .map(issued -> Response.status(201)
                        .entity(PaymentCodeApi.Code.of(issued))
                        .header("Cache-Control", "no-store")
                        .build());
    }

    @GET
    @Path("/{id}/image")
    @RolesAllowed(Roles.CUSTOMER)
    @RequiresScope("payments:read")
    @Produces({"image/png", "image/svg+xml", MediaType.APPLICATION_JSON})
    @Operation(
            summary = "Draw a payment code",
            description =
                    "The caller's own active code as a Code 128 barcode above a QR code, PNG or SVG; only with the"
                            + " token key the code was created with. Served by the instance that issued the code (the digits"
                            + " are kept in memory only, until the code expires); an app can always draw the digits itself.")
    @APIResponse(
            responseCode = "200",
            description = "The image",
            content = {
                @Content(
                        mediaType = "image/svg+xml",
                        schema = @Schema(type = SchemaType.STRING, maxLength = 1_000_000, pattern = "^<svg .*</svg>$"),
                        examples = @ExampleObject(name = "svg", value = PaymentCodeExamples.SVG)),
                @Content(
                        mediaType = "image/png",
                        schema = @Schema(type = SchemaType.STRING, format = "binary", maxLength = 1_000_000),
                        examples = @ExampleObject(name = "png", value = "(a PNG image)"))
            })
    @APIResponse(
            responseCode = "400",
            description = "The format is not png or svg",
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "invalid_request",
                                            summary = "Invalid request",
                                            description = "format must be png or svg")))
    @APIResponse(
            responseCode = "403",
            description = "The token is not bound to a key",
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "dpop_bound_token_required",
                                            summary = "DPoP-bound token required",
                                            description = "a payment code is bound to the key of a DPoP-bound token")))
    @APIResponse(
            responseCode = "404",
            description = "No code of the caller (and its key) has this id",
            content =
                    @Content(
                            examples =
                                    @ExampleObject(name = "payment_code_not_found", summary = "No such payment code")))
    @APIResponse(
            responseCode = "422",
            description = "The code can no longer be shown",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "payment_code_used",
                                        summary = "Payment code already used",
                                        description = "a payment code pays once; ask for a new one"),
                                @ExampleObject(
                                        name = "payment_code_expired",
                                        summary = "Payment code expired",
                                        description = "the payment code is no longer valid; ask for a new one"),
                                @ExampleObject(
                                        name = "payment_code_image_unavailable",
                                        summary = "Payment code image unavailable",
                                        description = "draw the code from the digits answered when it was created")
                            }))
    public Uni<Response> image(
            @PathParam("id")
                    @Parameter(
                            description = "The payment code's id",
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            maxLength = 35,
                                            pattern = PaymentCodeApi.ID_PATTERN),
                            example = "pc_0d5e4c3b2a1948f7a6e5d4c3b2a19f80")
                    String id,
            @QueryParam("format")
                    @Parameter(
                            description = "png (default) or svg",
                            schema =
                                    @Schema(
                                            enumeration = {"png", "svg"},
                                            maxLength = 3))
                    String format,
            RoutingContext ctx) {
        boolean svg = "svg".equals(format);
        if (format != null && !svg && !"png".equals(format)) {
            throw RequestChecks.invalid("format must be png or svg");
        }
        if (id == null || !id.matches(PaymentCodeApi.ID_PATTERN)) {
            throw ApplicationException.notFound("payment_code_not_found", "No such payment code");
        }
        return codes.digits(caller.subject(), boundKey(), id)
                .call(digits -> auditor.recordStandalone(caller, ctx, "payment_code.image", OBJECT_TYPE, id, "success"))
                .map(digits -> Response.ok(svg ? BarcodeImages.svg(digits) : BarcodeImages.png(digits))
                        .type(svg ? "image/svg+xml" : "image/png")
                        .header("Cache-Control", "no-store")
                        .build());
    }

    @POST
    @Path("/charge")
    @RolesAllowed(Roles.MERCHANT)
    @RequiresScope("payments:write")
    @Consumes(MediaType.APPLICATION_JSON)
    @SignedRequest
    @Operation(
            summary = "Charge a scanned payment code",
            description = "The merchant's POS charges the code the customer shows: a wallet payment of the code's"
                    + " customer (channel payment_code) is created and confirmed for them (risk rules with the PBoC"
                    + " barcode limits at the code's authentication level, SCA, the wallet). Answers the payment intent,"
                    + " usually succeeded; failed with failure_code risk_declined and risk_rules when a limit declines"
                    + " it. A code pays once. Charges of unknown codes are counted: past the limit 429.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = PaymentCodeApi.ChargeCode.class),
                            examples = @ExampleObject(name = "till", value = PaymentCodeExamples.CHARGE)))
    @APIResponse(
            responseCode = "200",
            description = "The payment intent",
            content =
                    @Content(
                            schema = @Schema(implementation = PaymentApi.Intent.class),
                            examples = {
                                @ExampleObject(name = "succeeded", value = PaymentCodeExamples.CHARGED),
                                @ExampleObject(name = "declined", value = PaymentCodeExamples.DECLINED)
                            }))
    @APIResponse(
            responseCode = "400",
            description = "The code's format or check digit is wrong, or a field is out of bounds",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "payment_code_invalid",
                                        summary = "Invalid payment code",
                                        description = "a payment code has 18 digits and a valid check digit"),
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
                                        name = "card_data_in_free_text",
                                        summary = "Card data not allowed here",
                                        description = "description must not contain a card number")
                            }))
    @APIResponse(
            responseCode = "404",
            description = "No payment code has these digits",
            content =
                    @Content(
                            examples =
                                    @ExampleObject(name = "payment_code_not_found", summary = "No such payment code")))
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
            description = "The code was used or has expired, or the Idempotency-Key was used for another request",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "payment_code_used",
                                        summary = "Payment code already used",
                                        description = "a payment code pays once; ask for a new one"),
                                @ExampleObject(
                                        name = "payment_code_expired",
                                        summary = "Payment code expired",
                                        description = "the payment code is no longer valid; ask for a new one"),
                                @ExampleObject(
                                        name = "idempotency_key_reused",
                                        summary = "Idempotency-Key reused",
                                        description = "this Idempotency-Key was used for a different request")
                            }))
    @APIResponse(
            responseCode = "429",
            description = "Too many charges of unknown codes (or the rate limit); see Retry-After",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "payment_code_misses_exceeded",
                                        summary = "Too many unknown payment codes",
                                        description = "too many charges of unknown payment codes; retry later")
                            }))
    public Uni<Response> charge(
            @HeaderParam(Idempotency.HEADER) String key, PaymentCodeApi.ChargeCode request, RoutingContext ctx) {
        var charge = charge(request);
        String merchantId = caller.merchantId();
        var post = IdempotentPost.<PaymentIntent>of(
                OBJECT_TYPE, "charge", request, PaymentApi.Intent::of, PaymentIntent::id);
        return calls.run(ctx, key, post, tx -> codes.charge(merchantId, charge, clientAddress(ctx), tx));
    }

    /** The charge as the use case takes it: a code of 18 digits whose check digit is right (no lookup otherwise). */
    private PaymentCodeService.Charge charge(PaymentCodeApi.ChargeCode request) {
        RequestChecks.requireBody(request);
        if (!PaymentCodeNumber.valid(request.code())) {
            throw PaymentCodeService.invalid();
        }
        return new PaymentCodeService.Charge(
                request.code(),
                money.money(request.amount(), request.currency(), "amount", "currency"),
                RequestChecks.freeText(request.description(), 500, "description"));
    }

    /** The key the caller's token is bound to: a payment code is bound to it, so a plain bearer token is refused. */
    private String boundKey() {
        String key = caller.keyThumbprint();
        if (key == null) {
            throw ApplicationException.notPermitted(
                    "dpop_bound_token_required",
                    "DPoP-bound token required",
                    "a payment code is bound to the key of a DPoP-bound token");
        }
        return key;
    }
}

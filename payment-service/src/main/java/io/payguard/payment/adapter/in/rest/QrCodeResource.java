package io.payguard.payment.adapter.in.rest;

import static io.payguard.payment.adapter.in.rest.RequestChecks.clientAddress;

import java.time.Duration;

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
import io.payguard.payment.application.QrCodeService;
import io.payguard.payment.domain.PaymentIntent;
import io.payguard.payment.domain.qr.QrCode;
import io.payguard.platform.web.Caller;
import io.payguard.platform.web.ProblemException;
import io.payguard.platform.web.RequestAuditor;
import io.payguard.platform.web.RequiresScope;
import io.payguard.platform.web.Roles;
import io.payguard.platform.web.money.MoneyInputs;
import io.payguard.platform.web.signature.SignedRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Merchant-presented QR codes (EMVCo MPM): the merchant issues dynamic and static codes and renders them (ZXing); the
 * customer's app scans and pays with the customer's own DPoP-bound token. Refusals: 400 {@code qr_payload_invalid},
 * 404 {@code qr_code_not_found}, 422 {@code qr_code_altered}, {@code qr_code_expired}, {@code qr_code_used}.
 */
@Path("/v1/qr_codes")
@Tag(name = "QR codes")
@Produces(MediaType.APPLICATION_JSON)
public class QrCodeResource {

    static final String OBJECT_TYPE = "qr_code";

    private final QrCodeService codes;
    private final Caller caller;
    private final RequestAuditor auditor;
    private final IdempotentCalls calls;
    private final MoneyInputs money;

    public QrCodeResource(
            QrCodeService codes, Caller caller, RequestAuditor auditor, IdempotentCalls calls, MoneyInputs money) {
        this.codes = codes;
        this.caller = caller;
        this.auditor = auditor;
        this.calls = calls;
        this.money = money;
    }

    @POST
    @RolesAllowed(Roles.MERCHANT)
    @RequiresScope("payments:write")
    @Consumes(MediaType.APPLICATION_JSON)
    @SignedRequest
    @Operation(
            summary = "Create a QR code",
            description = "A dynamic code (amount fixed, expires after expires_in, pays once) with its wallet payment"
                    + " intent (channel qr_dynamic, the customer joins when paying), or a static code for a till"
                    + " (the customer enters the amount; each payment is a new intent). The payload is EMVCo MPM.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = QrApi.CreateQrCode.class),
                            examples = {
                                @ExampleObject(name = "dynamic", value = QrExamples.CREATE_DYNAMIC),
                                @ExampleObject(name = "static", value = QrExamples.CREATE_STATIC)
                            }))
    @APIResponse(
            responseCode = "201",
            description = "The new code",
            content =
                    @Content(
                            schema = @Schema(implementation = QrApi.QrCodeView.class),
                            examples = @ExampleObject(name = "dynamic", value = QrExamples.DYNAMIC)))
    @APIResponse(
            responseCode = "400",
            description = "A field is missing or out of bounds",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "invalid_request",
                                        summary = "Invalid request",
                                        description = "type must be dynamic or static"),
                                @ExampleObject(
                                        name = "invalid_amount",
                                        summary = "Invalid amount",
                                        description =
                                                "'amount' must be a whole number of minor units from 1 to 99999999999"),
                                @ExampleObject(
                                        name = "invalid_currency",
                                        summary = "Invalid currency",
                                        description = "'currency' must be one of the enabled currencies"),
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
                            examples =
                                    @ExampleObject(
                                            name = "idempotency_key_in_use",
                                            summary = "Idempotency-Key in use",
                                            description =
                                                    "a request with this Idempotency-Key is still being processed; retry later")))
    @APIResponse(
            responseCode = "422",
            description = "The Idempotency-Key was used for another request",
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "idempotency_key_reused",
                                            summary = "Idempotency-Key reused",
                                            description = "this Idempotency-Key was used for a different request")))
    public Uni<Response> create(
            @HeaderParam(Idempotency.HEADER) String key, QrApi.CreateQrCode request, RoutingContext ctx) {
        var command = create(request);
        String merchantId = caller.merchantId();
        var post = IdempotentPost.<QrCode>of(OBJECT_TYPE, "create", request, QrApi.QrCodeView::of, QrCode::id)
                .created()
                .settledInTransaction();
        return calls.run(ctx, key, post, tx -> codes.create(merchantId, command, tx));
    }

    private QrCodeService.Create create(QrApi.CreateQrCode request) {
        RequestChecks.requireBody(request);
        var type = "dynamic".equals(request.type())
                ? QrCode.Type.DYNAMIC
                : "static".equals(request.type()) ? QrCode.Type.STATIC : null;
        if (type == null) {
            throw RequestChecks.invalid("type must be dynamic or static");
        }
        if (request.label() != null && !request.label().matches("[A-Za-z0-9 ._-]{1,25}")) {
            throw RequestChecks.invalid("label has 1 to 25 letters, digits, spaces, '.', '_' or '-'");
        }
        var currency = money.currency(request.currency(), "currency");
        if (type == QrCode.Type.STATIC) {
            if (request.amount() != null || request.expiresIn() != null || request.description() != null) {
                throw RequestChecks.invalid("a static code has no amount, expires_in or description");
            }
            return new QrCodeService.Create(type, null, currency, null, request.label(), null);
        }
        return new QrCodeService.Create(
                type,
                money.money(request.amount(), request.currency(), "amount", "currency"),
                currency,
                RequestChecks.freeText(request.description(), 500, "description"),
                request.label(),
                request.expiresIn() == null ? null : Duration.ofSeconds(request.expiresIn()));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.MERCHANT)
    @RequiresScope("payments:read")
    @Operation(summary = "Retrieve a QR code", description = "One of the calling merchant's QR codes, with its status.")
    @APIResponse(
            responseCode = "200",
            description = "The code",
            content =
                    @Content(
                            schema = @Schema(implementation = QrApi.QrCodeView.class),
                            examples = @ExampleObject(name = "dynamic", value = QrExamples.DYNAMIC)))
    @APIResponse(
            responseCode = "404",
            description = "No QR code of the caller has this id",
            content = @Content(examples = @ExampleObject(name = "qr_code_not_found", summary = "No such QR code")))
    public Uni<QrApi.QrCodeView> retrieve(
            @PathParam("id")
                    @Parameter(
                            description = "The QR code's id",
                            schema = @Schema(type = SchemaType.STRING, maxLength = 35, pattern = QrApi.QR_ID_PATTERN),
                            example = "qr_8e1f0c2b3a4d4e5f9a0b1c2d3e4f5a6b")
                    String id,
            RoutingContext ctx) {
        return codes.get(caller.merchantId(), id)
                .call(c -> audit(ctx, "qr_code.read", id))
                .map(QrApi.QrCodeView::of);
    }

    @GET
    @Path("/{id}/image")
    @RolesAllowed(Roles.MERCHANT)
    @RequiresScope("payments:read")
    @Produces({"image/png", "image/svg+xml", MediaType.APPLICATION_JSON})
    @Operation(
            summary = "The QR code as an image",
            description = "The payload drawn as a QR code (ZXing; error correction M, quiet zone 4 modules): PNG of"
                    + " 512x512 pixels or SVG.")
    @APIResponse(
            responseCode = "200",
            description = "The image",
            content = {
                @Content(
                        mediaType = "image/png",
                        schema = @Schema(type = SchemaType.STRING, format = "binary", maxLength = 65536)),
                @Content(
                        mediaType = "image/svg+xml",
                        schema = @Schema(type = SchemaType.STRING, format = "binary", maxLength = 1048576),
                        examples = @ExampleObject(name = "svg", value = QrExamples.SVG))
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
            responseCode = "404",
            description = "No QR code of the caller has this id",
            content = @Content(examples = @ExampleObject(name = "qr_code_not_found", summary = "No such QR code")))
    public Uni<Response> image(
            @PathParam("id")
                    @Parameter(
                            description = "The QR code's id",
                            schema = @Schema(type = SchemaType.STRING, maxLength = 35, pattern = QrApi.QR_ID_PATTERN),
                            example = "qr_8e1f0c2b3a4d4e5f9a0b1c2d3e4f5a6b")
                    String id,
            @QueryParam("format")
                    @DefaultValue("png")
                    @Parameter(
                            description = "png or svg",
                            schema =
                                    @Schema(
                                            enumeration = {"png", "svg"},
                                            maxLength = 3))
                    String format,
            RoutingContext ctx) {
        if (!"png".equals(format) && !"svg".equals(format)) {
            throw RequestChecks.invalid("format must be png or svg");
        }
        return codes.get(caller.merchantId(), id)
                .call(c -> audit(ctx, "qr_code.image", id))
                .map(c -> "png".equals(format)
                        ? Response.ok(QrImages.png(c.payload()), "image/png").build()
                        : Response.ok(QrImages.svg(c.payload()), "image/svg+xml")
                                .build());
    }

    @POST
    @Path("/scan")
    @RolesAllowed(Roles.CUSTOMER)
    @RequiresScope("payments:write")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Scan a QR code",
            description = "The customer's app sends the payload it decoded; the answer is what to show before paying:"
                    + " merchant, amount and currency from the server, never from the payload's display fields.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = QrApi.Scan.class),
                            examples = @ExampleObject(name = "dynamic", value = QrExamples.SCAN)))
    @APIResponse(
            responseCode = "200",
            description = "The code as the server knows it",
            content =
                    @Content(
                            schema = @Schema(implementation = QrApi.ScanView.class),
                            examples = @ExampleObject(name = "dynamic", value = QrExamples.SCANNED)))
    @APIResponse(
            responseCode = "400",
            description = "Not an EMVCo MPM payload",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "qr_payload_invalid",
                                        summary = "Invalid QR payload",
                                        description = "the CRC does not match"),
                                @ExampleObject(
                                        name = "invalid_request",
                                        summary = "Invalid request",
                                        description = "payload is required")
                            }))
    @APIResponse(
            responseCode = "404",
            description = "No QR code was issued with this reference (a forged code)",
            content = @Content(examples = @ExampleObject(name = "qr_code_not_found", summary = "No such QR code")))
    @APIResponse(
            responseCode = "422",
            description = "The code cannot be paid",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "qr_code_altered",
                                        summary = "QR code altered",
                                        description = "the payload differs from the code issued"),
                                @ExampleObject(
                                        name = "qr_code_expired",
                                        summary = "QR code expired",
                                        description = "the code has expired"),
                                @ExampleObject(
                                        name = "qr_code_used",
                                        summary = "QR code used",
                                        description = "a dynamic code pays once")
                            }))
    public Uni<QrApi.ScanView> scan(QrApi.Scan request, RoutingContext ctx) {
        String payload = payload(request == null ? null : request.payload());
        return codes.scan(payload)
                .call(s -> audit(ctx, "qr_code.scan", s.code().id()))
                .map(QrApi.ScanView::of);
    }

    @POST
    @Path("/pay")
    @RolesAllowed(Roles.CUSTOMER)
    @RequiresScope("payments:write")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Pay a QR code",
            description = "The customer pays the scanned code from their wallet: a dynamic code's payment intent, or"
                    + " a new one for the amount entered for a static code. Risk rules, SCA and the wallet as for any"
                    + " confirm; the answer is the payment intent (succeeded, processing, requires_action, failed).")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = QrApi.Pay.class),
                            examples = {
                                @ExampleObject(name = "dynamic", value = QrExamples.SCAN),
                                @ExampleObject(name = "static", value = QrExamples.PAY_STATIC)
                            }))
    @APIResponse(
            responseCode = "200",
            description = "The payment intent after confirmation",
            content =
                    @Content(
                            schema = @Schema(implementation = PaymentApi.Intent.class),
                            examples = @ExampleObject(name = "succeeded", value = QrExamples.PAID)))
    @APIResponse(
            responseCode = "400",
            description = "Not an EMVCo MPM payload, or the amount",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "qr_payload_invalid",
                                        summary = "Invalid QR payload",
                                        description = "the CRC does not match"),
                                @ExampleObject(
                                        name = "invalid_amount",
                                        summary = "Invalid amount",
                                        description = "a static code is paid with the amount the customer enters"),
                                @ExampleObject(
                                        name = "invalid_request",
                                        summary = "Invalid request",
                                        description = "payload is required"),
                                @ExampleObject(
                                        name = "invalid_idempotency_key",
                                        summary = "Invalid Idempotency-Key",
                                        description =
                                                "an Idempotency-Key has 8 to 255 letters, digits, '.', '_', ':' or '-'")
                            }))
    @APIResponse(
            responseCode = "404",
            description = "No QR code was issued with this reference (a forged code)",
            content = @Content(examples = @ExampleObject(name = "qr_code_not_found", summary = "No such QR code")))
    @APIResponse(
            responseCode = "409",
            description = "The payment's state does not allow it, or the same key is still being processed",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "payment_intent_unexpected_state",
                                        summary = "Payment intent in an unexpected state",
                                        description = "cannot confirm a payment in state canceled"),
                                @ExampleObject(
                                        name = "idempotency_key_in_use",
                                        summary = "Idempotency-Key in use",
                                        description =
                                                "a request with this Idempotency-Key is still being processed; retry later")
                            }))
    @APIResponse(
            responseCode = "422",
            description = "The code cannot be paid, or the Idempotency-Key was used for another request",
            content =
                    @Content(
                            examples = {
                                @ExampleObject(
                                        name = "qr_code_altered",
                                        summary = "QR code altered",
                                        description = "the payload differs from the code issued"),
                                @ExampleObject(
                                        name = "qr_code_expired",
                                        summary = "QR code expired",
                                        description = "the code has expired"),
                                @ExampleObject(
                                        name = "qr_code_used",
                                        summary = "QR code used",
                                        description = "a dynamic code pays once"),
                                @ExampleObject(
                                        name = "idempotency_key_reused",
                                        summary = "Idempotency-Key reused",
                                        description = "this Idempotency-Key was used for a different request")
                            }))
    public Uni<Response> pay(@HeaderParam(Idempotency.HEADER) String key, QrApi.Pay request, RoutingContext ctx) {
        String payload = payload(request == null ? null : request.payload());
        Long amount = request.amount() == null ? null : money.amount(request.amount(), "amount");
        String customer = caller.subject();
        var post =
                IdempotentPost.<PaymentIntent>of(OBJECT_TYPE, "pay", request, PaymentApi.Intent::of, PaymentIntent::id);
        return calls.run(ctx, key, post, tx -> codes.pay(customer, payload, amount, clientAddress(ctx), tx));
    }

    private static String payload(String payload) {
        if (payload == null || payload.isEmpty()) {
            throw RequestChecks.invalid("payload is required");
        }
        if (payload.length() > 512) {
            throw new ProblemException(
                    400, "qr_payload_invalid", "Invalid QR payload", "a payload has at most 512 characters");
        }
        return payload;
    }

    private Uni<Void> audit(RoutingContext ctx, String action, String objectId) {
        return auditor.recordStandalone(caller, ctx, action, OBJECT_TYPE, objectId, "success")
                .replaceWithVoid();
    }
}

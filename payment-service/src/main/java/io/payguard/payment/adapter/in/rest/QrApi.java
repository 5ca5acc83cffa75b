package io.payguard.payment.adapter.in.rest;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.payguard.payment.application.QrCodeService;
import io.payguard.payment.domain.qr.QrCode;
import io.payguard.platform.web.openapi.ApiSchemas;

/** Request and response models of the merchant-presented QR codes API (EMVCo MPM). */
public final class QrApi {

    static final String QR_ID_PATTERN = "^qr_[0-9a-f]{32}$";

    /** An EMVCo MPM payload as a QR code carries it: printable ASCII, CRC included. */
    static final String PAYLOAD_PATTERN = "^[ -~]{1,512}$";

    static final String LABEL_PATTERN = "^[A-Za-z0-9 ._-]{1,25}$";

    private QrApi() {}

    public record CreateQrCode(
            @Schema(
                    required = true,
                    enumeration = {"dynamic", "static"})
            String type,

            @Schema(
                    minimum = "1",
                    maximum = ApiSchemas.MAX_AMOUNT,
                    description = "Dynamic codes only (required): " + ApiSchemas.AMOUNT)
            Long amount,

            @Schema(
                    required = true,
                    minLength = 3,
                    maxLength = 3,
                    pattern = ApiSchemas.CURRENCY_PATTERN,
                    description = ApiSchemas.CURRENCY)
            String currency,

            @Schema(
                    maxLength = 500,
                    description = "Dynamic codes: the payment intent's description (not in the payload)")
            String description,

            @Schema(
                    maxLength = 25,
                    pattern = LABEL_PATTERN,
                    description = "The reference label in the payload (tag 62, sub-tag 05), e.g. the till")
            String label,

            @Schema(
                    minimum = "30",
                    maximum = "3600",
                    format = "int32",
                    description = "Dynamic codes: seconds until the code expires (default 300)")
            @JsonProperty("expires_in")
            Integer expiresIn) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record QrCodeView(
            @Schema(maxLength = 35, pattern = QR_ID_PATTERN) String id,
            @Schema(enumeration = "qr_code") String object,
            @Schema(enumeration = {"dynamic", "static"}) String type,

            @Schema(enumeration = {"active", "used", "expired"})
            String status,

            @Schema(maxLength = 35, pattern = PaymentSchemas.INTENT_ID_PATTERN) @JsonProperty("payment_intent")
            String paymentIntent,

            @Schema(minimum = "1", maximum = ApiSchemas.MAX_AMOUNT)
            Long amount,

            @Schema(maxLength = 3, pattern = ApiSchemas.CURRENCY_PATTERN)
            String currency,

            @Schema(maxLength = 25, pattern = LABEL_PATTERN) String label,
            @JsonProperty("expires_at") Instant expiresAt,

            @Schema(maxLength = 512, pattern = PAYLOAD_PATTERN, description = "The EMVCo MPM payload the code carries")
            String payload,

            @JsonProperty("created_at") Instant createdAt) {

        static QrCodeView of(QrCode c) {
            return new QrCodeView(
                    c.id(),
                    "qr_code",
                    c.type().id(),
                    c.status().id(),
                    c.paymentId(),
                    c.amount() == null ? null : c.amount().minor(),
                    c.currency().getCurrencyCode(),
                    c.label(),
                    c.expiresAt(),
                    c.payload(),
                    c.createdAt());
        }
    }

    public record Scan(
            @Schema(required = true, maxLength = 512, pattern = PAYLOAD_PATTERN, description = "The payload decoded")
            String payload) {}

    public record Pay(
            @Schema(required = true, maxLength = 512, pattern = PAYLOAD_PATTERN, description = "The payload decoded")
            String payload,

            @Schema(
                    minimum = "1",
                    maximum = ApiSchemas.MAX_AMOUNT,
                    description = "Static codes only (required): the amount the customer entered, in minor units")
            Long amount) {}

    public record Merchant(
            @Schema(maxLength = 128, pattern = "^[A-Za-z0-9._:@-]{1,128}$")
            String id,

            @Schema(maxLength = 128, pattern = "^[ -~]{1,128}$", description = "As the merchant directory knows it")
            String name) {}

    /** What the app shows before the customer pays: from the server, never the payload's display fields. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ScanView(
            @Schema(maxLength = 35, pattern = QR_ID_PATTERN) @JsonProperty("qr_code")
            String qrCode,

            @Schema(enumeration = {"dynamic", "static"}) String type,
            Merchant merchant,

            @Schema(minimum = "1", maximum = ApiSchemas.MAX_AMOUNT, description = "Dynamic codes: the amount to pay")
            Long amount,

            @Schema(maxLength = 3, pattern = ApiSchemas.CURRENCY_PATTERN)
            String currency,

            @Schema(maxLength = 25, pattern = LABEL_PATTERN) String label,
            @JsonProperty("expires_at") Instant expiresAt) {

        static ScanView of(QrCodeService.Scanned s) {
            var c = s.code();
            return new ScanView(
                    c.id(),
                    c.type().id(),
                    new Merchant(c.merchantId(), s.merchantName()),
                    c.amount() == null ? null : c.amount().minor(),
                    c.currency().getCurrencyCode(),
                    c.label(),
                    c.expiresAt());
        }
    }
}

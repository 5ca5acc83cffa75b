package io.payguard.payment.adapter.in.rest;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.payguard.payment.application.PaymentCodeService;
import io.payguard.platform.web.openapi.ApiSchemas;

/** Request and response models of the payment codes API. */
public final class PaymentCodeApi {

    static final String ID_PATTERN = "^pc_[0-9a-f]{32}$";
    static final String CODE_PATTERN = "^[0-9]{18}$";

    private PaymentCodeApi() {}

    public record CreateCode(
            @Schema(
                    required = true,
                    enumeration = {"wallet"},
                    description = "Where the money comes from: the customer's wallet")
            String funding) {}

    /** A new code: its digits are in this answer only, never stored or shown again. */
    public record Code(
            @Schema(maxLength = 35, pattern = ID_PATTERN) String id,
            @Schema(enumeration = "payment_code") String object,

            @Schema(
                    maxLength = 18,
                    pattern = CODE_PATTERN,
                    description = "The 18 digits to show (QR code and Code 128): configured prefix, random digits,"
                            + " Luhn check digit; one payment, until expires_at")
            String code,

            @Schema(enumeration = {"wallet"}) String funding,

            @Schema(
                    enumeration = {"A", "B", "C"},
                    description = "The customer's authentication level the code carries (PBoC barcode rules)")
            String level,

            @JsonProperty("expires_at") Instant expiresAt,
            @JsonProperty("created_at") Instant createdAt) {

        static Code of(PaymentCodeService.Issued issued) {
            var c = issued.code();
            return new Code(
                    c.id(),
                    "payment_code",
                    issued.number(),
                    c.funding().id(),
                    c.level().id(),
                    c.expiresAt(),
                    c.createdAt());
        }

        @Override
        public String toString() {
            return "Code[" + id + "]";
        }
    }

    /** A merchant's charge of a scanned code. */
    public record ChargeCode(
            @Schema(
                    required = true,
                    maxLength = 18,
                    pattern = CODE_PATTERN,
                    writeOnly = true,
                    description = "The 18 digits the POS scanned")
            String code,

            @Schema(required = true, minimum = "1", maximum = ApiSchemas.MAX_AMOUNT, description = ApiSchemas.AMOUNT)
            Long amount,

            @Schema(
                    required = true,
                    minLength = 3,
                    maxLength = 3,
                    pattern = ApiSchemas.CURRENCY_PATTERN,
                    description = ApiSchemas.CURRENCY)
            String currency,

            @Schema(maxLength = 500, description = "Free text shown to the merchant; a card number here is refused")
            String description) {
        @Override
        public String toString() {
            return "ChargeCode[" + amount + " " + currency + "]";
        }
    }

    /** A risk rule's id, as in the risk decision ({@code risk_rules} of a declined payment). */
    @Schema(name = "RiskRuleId", type = SchemaType.STRING, maxLength = 64, pattern = ApiSchemas.CODE_PATTERN)
    static final class RuleId {}
}

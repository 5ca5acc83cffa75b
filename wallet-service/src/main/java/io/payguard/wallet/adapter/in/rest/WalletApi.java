package io.payguard.wallet.adapter.in.rest;

import java.time.Instant;
import java.util.Currency;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import io.payguard.platform.web.openapi.ApiSchemas;
import io.payguard.wallet.domain.Account;

/** The wallet API's request and response bodies: API records, never entities. Unknown fields are refused. */
final class WalletApi {

    private WalletApi() {}

    /** Money on the wire: {@code {"minor": 1250, "currency": "CNY"}}, minor a JSON integer (see StrictNumbersCustomizer). */
    record Amount(
            @Schema(
                    required = true,
                    minimum = "-9223372036854775808",
                    maximum = "9223372036854775807",
                    description = "Whole minor units. Sent: 1 to 99999999999; a balance: any (negative only"
                            + " with an overdraft)")
            Long minor,

            @Schema(
                    required = true,
                    maxLength = 3,
                    pattern = ApiSchemas.CURRENCY_PATTERN,
                    description = ApiSchemas.CURRENCY)
            String currency) {
        static Amount of(long minor, Currency currency) {
            return new Amount(minor, currency.getCurrencyCode());
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    record OpenWallet(
            @Schema(
                    maxLength = 3,
                    pattern = ApiSchemas.CURRENCY_PATTERN,
                    defaultValue = "CNY",
                    description = ApiSchemas.CURRENCY)
            String currency,

            @Schema(
                    enumeration = {"class_i", "class_ii", "class_iii"},
                    description = "Absent: the highest the caller's KYC tier allows")
            String walletClass) {}

    @JsonIgnoreProperties(ignoreUnknown = false)
    record Transfer(
            @Schema(required = true) Amount amount,

            @Schema(required = true, maxLength = 38, pattern = ApiSchemas.WALLET_ID_PATTERN)
            String toWalletId) {}

    @JsonIgnoreProperties(ignoreUnknown = false)
    record Payment(
            @Schema(required = true) Amount amount,

            @Schema(required = true, maxLength = 100, pattern = "^[A-Za-z0-9._-]{1,100}$")
            String merchantId) {}

    record Wallet(
            @Schema(maxLength = 38, pattern = ApiSchemas.WALLET_ID_PATTERN)
            String id,

            @Schema(enumeration = {"class_i", "class_ii", "class_iii"})
            String walletClass,

            Amount balance,
            Amount held,
            Amount available,
            boolean frozen) {
        static Wallet of(Account a) {
            return new Wallet(
                    a.id().value(),
                    a.walletClass().id(),
                    Amount.of(a.balance(), a.currency()),
                    Amount.of(a.held(), a.currency()),
                    Amount.of(a.available(), a.currency()),
                    a.frozen());
        }
    }

    record StatementItem(
            @Schema(format = "uuid", maxLength = 36) String entryId,

            @Schema(
                    enumeration = {
                        "top_up",
                        "transfer",
                        "merchant_payment",
                        "withdrawal",
                        "hold_capture",
                        "refund",
                        "reversal",
                        "payout_return",
                        "top_up_refund"
                    })
            String type,

            @Schema(enumeration = {"credit", "debit"}) String direction,
            Amount amount,
            Instant postedAt,

            @Schema(maxLength = 200, description = "The business reference that caused the entry (payment id, ...)")
            String reference) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record StatementPage(
            @Schema(maxItems = 200, description = "Up to limit lines")
            List<StatementItem> items,

            @Schema(maxLength = 128, pattern = "^[A-Za-z0-9_-]+$", description = "Absent on the last page")
            String nextCursor) {}
}

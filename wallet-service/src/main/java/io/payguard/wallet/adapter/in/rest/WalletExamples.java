package io.payguard.wallet.adapter.in.rest;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.payguard.platform.web.openapi.ApiSchemas;

/**
 * Examples of the wallet API, and the schemas of the answers built as JSON trees (a move's 201, a reversal's 201, the
 * invariants report), for the API document only.
 */
final class WalletExamples {

    static final String WALLET_ID = "w-6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f";

    static final String OPEN = """
            {"currency": "CNY", "walletClass": "class_ii"}""";

    static final String WALLET = """
            {"id": "w-6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f", "walletClass": "class_ii",
             "balance": {"minor": 125000, "currency": "CNY"}, "held": {"minor": 5000, "currency": "CNY"},
             "available": {"minor": 120000, "currency": "CNY"}, "frozen": false}""";

    static final String WALLETS = "[" + WALLET + "]";

    static final String STATEMENT = """
            {"items": [{"entryId": "0b6e2f8a-3c4d-4e5f-9a8b-7c6d5e4f3a2b", "type": "merchant_payment",
             "direction": "debit", "amount": {"minor": 2599, "currency": "CNY"},
             "postedAt": "2026-12-07T06:15:52.123456Z", "reference": "pi_3f0c2b1e8d4a4c559a072f1b9c6d0e11"}],
             "nextCursor": "MTc2NTA4ODE1MjEyMzQ1NjoxMDIz"}""";

    static final String TRANSFER = """
            {"amount": {"minor": 10000, "currency": "CNY"}, "toWalletId": "w-0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"}""";

    static final String PAYMENT = """
            {"amount": {"minor": 2599, "currency": "CNY"}, "merchantId": "acme-shop"}""";

    static final String MOVED = """
            {"entryId": "0b6e2f8a-3c4d-4e5f-9a8b-7c6d5e4f3a2b", "kind": "transfer",
             "walletId": "w-6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f", "amount": {"minor": 10000, "currency": "CNY"},
             "balance": {"minor": 115000, "currency": "CNY"}, "available": {"minor": 110000, "currency": "CNY"},
             "postedAt": "2026-12-07T06:15:52.123456Z"}""";

    static final String REVERSAL = """
            {"reason": "duplicate posting INC-2041"}""";

    static final String REVERSED = """
            {"entryId": "7c9e6679-7425-40de-944b-e07fc1f90ae7", "reverses": "0b6e2f8a-3c4d-4e5f-9a8b-7c6d5e4f3a2b"}""";

    static final String INVARIANTS = """
            {"ok": true, "balanceSumByCurrency": {"CNY": 0, "USD": 0}, "accounts": 1204, "violations": []}""";

    static final String ENTRY_KINDS_DETAIL = "type is one of top_up, transfer, merchant_payment, withdrawal,"
            + " hold_capture, refund, reversal, payout_return, top_up_refund";

    private WalletExamples() {}

    /** The 201 of a transfer or payment (built as a JSON tree by {@code WalletResource}). */
    @Schema(name = "Moved")
    record Moved(
            @Schema(format = "uuid", maxLength = 36) String entryId,

            @Schema(enumeration = {"transfer", "merchant_payment"})
            String kind,

            @Schema(maxLength = 38, pattern = ApiSchemas.WALLET_ID_PATTERN)
            String walletId,

            WalletApi.Amount amount,
            WalletApi.Amount balance,
            WalletApi.Amount available,
            @Schema(format = "date-time", maxLength = 37) String postedAt) {}

    /** The 201 of a reversal (built as a JSON tree by {@code WalletAdminResource}). */
    @Schema(name = "Reversed")
    record Reversed(
            @Schema(format = "uuid", maxLength = 36) String entryId,
            @Schema(format = "uuid", maxLength = 36) String reverses) {}

    /** {@code LedgerInvariants.Report} as written (the domain record carries no annotations). */
    @Schema(name = "InvariantsReport")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record InvariantsReport(
            boolean ok,

            @Schema(
                    maxProperties = 1000,
                    additionalProperties = SignedMinor.class,
                    description = "Per ISO 4217 currency: the sum of all balances (0 when the ledger balances)")
            Map<String, Long> balanceSumByCurrency,

            @Schema(minimum = "0", maximum = "2147483647") int accounts,

            @Schema(type = SchemaType.ARRAY, implementation = Violation.class, maxItems = Integer.MAX_VALUE)
            List<String> violations) {}

    @Schema(
            name = "SignedMinor",
            type = SchemaType.INTEGER,
            format = "int64",
            minimum = "-9223372036854775808",
            maximum = "9223372036854775807")
    static final class SignedMinor {}

    @Schema(
            name = "InvariantViolation",
            type = SchemaType.STRING,
            maxLength = 1000,
            description = "What is wrong, for people")
    static final class Violation {}
}

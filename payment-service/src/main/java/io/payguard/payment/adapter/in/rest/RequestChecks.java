package io.payguard.payment.adapter.in.rest;

import io.payguard.payment.domain.CardNumbers;
import io.payguard.platform.web.ProblemException;
import io.vertx.ext.web.RoutingContext;

/** The checks every resource of this service makes on what a client sends; a refusal is a 400 problem. */
final class RequestChecks {

    private RequestChecks() {}

    static ProblemException invalid(String detail) {
        return new ProblemException(400, "invalid_request", "Invalid request", detail);
    }

    static <T> T requireBody(T request) {
        if (request == null) {
            throw invalid("a request body is required");
        }
        return request;
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

    /** The id of one of the caller's wallets ({@code w-<uuid>}). */
    static String walletId(String walletId) {
        if (walletId == null || !walletId.matches("w-[0-9a-f-]{36}")) {
            throw new ProblemException(
                    400, "invalid_wallet_id", "Invalid wallet id", "wallet_id is the id of one of your wallets (w-…)");
        }
        return walletId;
    }

    /** The client's IP address, for the card authorisation's risk checks; null when unknown. */
    static String clientAddress(RoutingContext ctx) {
        var remote = ctx.request().remoteAddress();
        return remote == null ? null : remote.hostAddress();
    }
}

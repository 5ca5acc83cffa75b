package io.payguard.platform.web.merchant;

import java.util.Currency;
import java.util.Locale;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What other services may know about a merchant: whether it may be paid, its settlement currency and the limits set at
 * onboarding (integer minor units of that currency). Deliberately minimal: no name, no contact, nothing personal.
 */
public record MerchantState(
        String merchantId, Status status, Currency currency, long perTransactionLimitMinor, long dailyLimitMinor) {

    public enum Status {
        ACTIVE,
        SUSPENDED
    }

    public MerchantState {
        Objects.requireNonNull(merchantId, "merchantId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(currency, "currency");
        if (perTransactionLimitMinor <= 0 || dailyLimitMinor < perTransactionLimitMinor) {
            throw new IllegalArgumentException("limits: per transaction > 0 and daily >= per transaction");
        }
    }

    public boolean active() {
        return status == Status.ACTIVE;
    }

    /** The {@code data} of a {@link MerchantStates#STATE_TYPE} event. */
    public ObjectNode toData(ObjectMapper mapper) {
        var d = mapper.createObjectNode();
        d.put("merchantId", merchantId);
        d.put("status", status.name());
        d.put("currency", currency.getCurrencyCode());
        d.put("perTransactionLimitMinor", perTransactionLimitMinor);
        d.put("dailyLimitMinor", dailyLimitMinor);
        return d;
    }

    /** Reads the {@code data} of a state event; anything missing or malformed is an {@link IllegalArgumentException}. */
    public static MerchantState fromData(JsonNode d) {
        if (d == null || !d.isObject()) {
            throw new IllegalArgumentException("merchant state without data");
        }
        return new MerchantState(
                text(d, "merchantId"),
                Status.valueOf(text(d, "status").toUpperCase(Locale.ROOT)),
                Currency.getInstance(text(d, "currency")),
                integer(d, "perTransactionLimitMinor"),
                integer(d, "dailyLimitMinor"));
    }

    private static String text(JsonNode d, String field) {
        var v = d.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException("merchant state needs '" + field + "'");
        }
        return v.asText();
    }

    private static long integer(JsonNode d, String field) {
        var v = d.get(field);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new IllegalArgumentException("merchant state needs an integer '" + field + "'");
        }
        return v.asLong();
    }
}

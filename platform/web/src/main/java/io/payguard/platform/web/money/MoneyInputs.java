package io.payguard.platform.web.money;

import java.util.Currency;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;

import io.payguard.kernel.Money;
import io.payguard.kernel.MoneyRules;
import io.payguard.platform.messaging.MalformedEventException;
import io.payguard.platform.web.ProblemException;
import io.quarkus.runtime.Startup;

/**
 * Reads amounts and currencies that come from outside ({@link MoneyConfig}): from a request, where anything else
 * is a 400 problem naming the field ({@code invalid_amount}, {@code invalid_currency}); and from an event or
 * command of another service, where it is a poison message ({@link MalformedEventException}). Built at start, so a
 * configuration that is not money stops the service there.
 */
@Singleton
@Startup
public class MoneyInputs {

    private final MoneyRules rules;

    public MoneyInputs(MoneyConfig config) {
        this.rules = MoneyRules.of(config.currencies(), config.maxAmount());
    }

    public MoneyRules rules() {
        return rules;
    }

    /** A requested amount: 1 up to the maximum, in an enabled currency. */
    public Money money(Long minor, String currency, String amountField, String currencyField) {
        return new Money(amount(minor, amountField), currency(currency, currencyField));
    }

    /** A requested amount in the currency of what it applies to (a capture, a refund): 1 up to the maximum. */
    public long amount(Long minor, String field) {
        if (minor == null || !rules.accepts(minor)) {
            throw new ProblemException(
                    400,
                    "invalid_amount",
                    "Invalid amount",
                    "'" + field + "' must be a whole number of minor units from 1 to " + rules.maxMinor());
        }
        return minor;
    }

    /** An enabled currency, by its upper-case ISO 4217 code. */
    public Currency currency(String code, String field) {
        return rules.currency(code)
                .orElseThrow(() -> new ProblemException(
                        400,
                        "invalid_currency",
                        "Invalid currency",
                        "'" + field + "' must be one of the enabled currencies: " + rules.codes()));
    }

    /**
     * The amount {@code {"minor": <integer>, "currency": "<code>"}} of an event or command: a positive JSON integer
     * (never a decimal such as {@code 1.5} or {@code 1.0}, never a string) in an enabled currency.
     *
     * @throws MalformedEventException for anything else: the message can never be processed
     */
    public Money event(JsonNode amount, String field) {
        var minor = amount == null ? null : amount.get("minor");
        if (minor == null || !minor.isIntegralNumber() || !minor.canConvertToLong() || minor.longValue() < 1) {
            throw new MalformedEventException("malformed '" + field + ".minor'");
        }
        var code = amount.get("currency");
        var currency = code == null || !code.isTextual()
                ? null
                : rules.currency(code.textValue()).orElse(null);
        if (currency == null) {
            throw new MalformedEventException("'" + field + ".currency' is not an enabled currency");
        }
        return new Money(minor.longValue(), currency);
    }
}

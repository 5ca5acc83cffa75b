package io.payguard.payment.domain;

import java.util.Currency;
import java.util.Objects;

/** An amount in minor units of an ISO 4217 currency; never negative. */
public record Money(long minor, Currency currency) {

    public Money {
        Objects.requireNonNull(currency, "currency");
        if (minor < 0) {
            throw new IllegalArgumentException("amount must not be negative");
        }
    }

    public static Money of(long minor, String currencyCode) {
        return new Money(minor, Currency.getInstance(currencyCode));
    }

    public Money withMinor(long value) {
        return new Money(value, currency);
    }

    public String currencyCode() {
        return currency.getCurrencyCode();
    }
}

package io.payguard.kernel;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;

/**
 * An amount in integer minor units of an ISO 4217 currency (fen of CNY, cents of EUR, yen of JPY: the
 * currency's {@link Currency#getDefaultFractionDigits() minor units} give the scale). Only currencies with minor
 * units are money: funds, precious metals, the SDR and the test and "no currency" codes (XXX, XTS, XAU, XAG, XPT,
 * XPD, XDR, ...) have none and are refused. Signed: balances and ledger postings may be negative; what a caller may
 * ask for is decided by {@link MoneyRules}.
 */
public record Money(long minor, Currency currency) {

    public Money {
        minorDigits(currency);
    }

    /** @throws IllegalArgumentException for a code that is not ISO 4217 or not money */
    public static Money of(long minor, String currencyCode) {
        return new Money(minor, Currency.getInstance(currencyCode));
    }

    /**
     * The exact amount of {@code major} units ({@code 12.34} CNY is 1234 fen).
     *
     * @throws ArithmeticException when {@code major} has more decimals than the currency's minor units, or does not fit
     * @throws IllegalArgumentException when {@code currency} is not money
     */
    public static Money ofMajor(BigDecimal major, Currency currency) {
        Objects.requireNonNull(major, "major");
        return new Money(major.movePointRight(minorDigits(currency)).longValueExact(), currency);
    }

    /** The amount in major units, at the currency's scale ({@code 1234} fen is {@code 12.34}). */
    public BigDecimal toMajor() {
        return BigDecimal.valueOf(minor, currency.getDefaultFractionDigits());
    }

    /** Whether amounts can be held in {@code currency}: it has ISO 4217 minor units (0 or more). */
    public static boolean isMoney(Currency currency) {
        return currency.getDefaultFractionDigits() >= 0;
    }

    public Money withMinor(long value) {
        return new Money(value, currency);
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.addExact(minor, other.minor), currency);
    }

    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.subtractExact(minor, other.minor), currency);
    }

    public Money negate() {
        return new Money(Math.negateExact(minor), currency);
    }

    public boolean isPositive() {
        return minor > 0;
    }

    public String currencyCode() {
        return currency.getCurrencyCode();
    }

    private static int minorDigits(Currency currency) {
        if (!isMoney(Objects.requireNonNull(currency, "currency"))) {
            throw new IllegalArgumentException(
                    currency.getCurrencyCode() + " has no minor units: it is not a currency money can be held in");
        }
        return currency.getDefaultFractionDigits();
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("currency mismatch: " + currency + " vs " + other.currency);
        }
    }
}

package io.payguard.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Currency;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

/** Invariants of money over many amounts and every ISO 4217 currency the JDK knows. */
class MoneyPropertiesTest {

    @Provide
    Arbitrary<Currency> money() {
        return Arbitraries.of(Currency.getAvailableCurrencies().stream().filter(Money::isMoney).toList());
    }

    @Provide
    Arbitrary<Currency> notMoney() {
        return Arbitraries.of(Currency.getAvailableCurrencies().stream().filter(c -> !Money.isMoney(c)).toList());
    }

    @Property
    void minorAndMajorUnitsRoundTripExactly(@ForAll long minor, @ForAll("money") Currency currency) {
        var m = new Money(minor, currency);
        assertThat(m.toMajor().scale()).isEqualTo(currency.getDefaultFractionDigits());
        assertThat(Money.ofMajor(m.toMajor(), currency)).isEqualTo(m);
    }

    @Property
    void aFractionOfTheMinorUnitIsNeverRounded(@ForAll @LongRange(min = -1_000_000_000_000L, max = 1_000_000_000_000L) long minor,
            @ForAll("money") Currency currency) {
        var beyond = new Money(minor, currency).toMajor().add(BigDecimal.ONE.movePointLeft(currency.getDefaultFractionDigits() + 1));
        assertThatThrownBy(() -> Money.ofMajor(beyond, currency)).isInstanceOf(ArithmeticException.class);
    }

    @Property
    void addingThenSubtractingGivesTheAmountBack(@ForAll @LongRange(min = -1_000_000_000_000L, max = 1_000_000_000_000L) long a,
            @ForAll @LongRange(min = -1_000_000_000_000L, max = 1_000_000_000_000L) long b, @ForAll("money") Currency currency) {
        var x = new Money(a, currency);
        var y = new Money(b, currency);
        assertThat(x.plus(y).minus(y)).isEqualTo(x);
        assertThat(x.plus(y)).isEqualTo(y.plus(x));
        assertThat(x.plus(x.negate()).minor()).isZero();
    }

    @Property
    void codesWithoutMinorUnitsNeverHoldMoney(@ForAll long minor, @ForAll("notMoney") Currency currency) {
        assertThatThrownBy(() -> new Money(minor, currency)).isInstanceOf(IllegalArgumentException.class);
    }
}

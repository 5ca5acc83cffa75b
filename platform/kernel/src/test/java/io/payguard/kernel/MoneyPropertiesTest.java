package io.payguard.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Invariants of money for every ISO 4217 currency the JDK knows, over edge amounts and a fixed-seed sample (the same
 * amounts on every run, so a failure reproduces).
 */
class MoneyPropertiesTest {

    static final List<Long> AMOUNTS = amounts();

    static List<Long> amounts() {
        var all = new ArrayList<>(List.of(
                0L,
                1L,
                -1L,
                99L,
                100L,
                99_999_999_999L,
                Long.MAX_VALUE,
                Long.MIN_VALUE,
                Long.MAX_VALUE / 10,
                Long.MIN_VALUE / 10));
        var random = new Random(20261206L);
        for (int i = 0; i < 200; i++) {
            all.add(i % 2 == 0 ? random.nextLong() : random.nextLong(-1_000_000_000_000L, 1_000_000_000_000L));
        }
        return List.copyOf(all);
    }

    static Stream<Currency> money() {
        return Currency.getAvailableCurrencies().stream().filter(Money::isMoney);
    }

    static Stream<Currency> notMoney() {
        return Currency.getAvailableCurrencies().stream().filter(c -> !Money.isMoney(c));
    }

    @ParameterizedTest
    @MethodSource("money")
    void minorAndMajorUnitsRoundTripExactly(Currency currency) {
        for (long minor : AMOUNTS) {
            var m = new Money(minor, currency);
            assertThat(m.toMajor().scale()).isEqualTo(currency.getDefaultFractionDigits());
            assertThat(Money.ofMajor(m.toMajor(), currency)).isEqualTo(m);
        }
    }

    @ParameterizedTest
    @MethodSource("money")
    void aFractionOfTheMinorUnitIsNeverRounded(Currency currency) {
        var tenth = BigDecimal.ONE.movePointLeft(currency.getDefaultFractionDigits() + 1);
        for (long minor : AMOUNTS) {
            var beyond = new Money(minor, currency).toMajor().add(tenth);
            assertThatThrownBy(() -> Money.ofMajor(beyond, currency))
                    .as("%s + %s", minor, tenth)
                    .isInstanceOf(ArithmeticException.class);
        }
    }

    @ParameterizedTest
    @MethodSource("money")
    void addingThenSubtractingGivesTheAmountBack(Currency currency) {
        for (int i = 0; i + 1 < AMOUNTS.size(); i++) {
            long a = AMOUNTS.get(i) / 4;
            long b = AMOUNTS.get(i + 1) / 4;
            var x = new Money(a, currency);
            var y = new Money(b, currency);
            assertThat(x.plus(y).minus(y)).isEqualTo(x);
            assertThat(x.plus(y)).isEqualTo(y.plus(x));
            assertThat(x.plus(x.negate()).minor()).isZero();
        }
    }

    @ParameterizedTest
    @MethodSource("notMoney")
    void codesWithoutMinorUnitsNeverHoldMoney(Currency currency) {
        for (long minor : AMOUNTS) {
            assertThatThrownBy(() -> new Money(minor, currency)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}

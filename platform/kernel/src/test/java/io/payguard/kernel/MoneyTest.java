package io.payguard.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Currency;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MoneyTest {

    static final Currency CNY = Currency.getInstance("CNY");
    static final Currency JPY = Currency.getInstance("JPY");
    static final Currency KWD = Currency.getInstance("KWD");

    @ParameterizedTest
    @ValueSource(strings = {"XXX", "XTS", "XAU", "XAG", "XPT", "XPD", "XDR", "XBA", "XSU", "XUA"})
    void codesWithoutMinorUnitsAreNotMoney(String code) {
        var currency = Currency.getInstance(code);
        assertThat(Money.isMoney(currency)).isFalse();
        assertThatThrownBy(() -> new Money(100, currency))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(code);
        assertThatThrownBy(() -> Money.of(100, code)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.ofMajor(BigDecimal.ONE, currency)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unknownCodesAndNoCurrencyAreRefused() {
        assertThatThrownBy(() -> Money.of(1, "XYZ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.of(1, "cny")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Money(1, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void majorUnitsFollowTheCurrencysMinorUnits() {
        assertThat(Money.ofMajor(new BigDecimal("12.34"), CNY)).isEqualTo(new Money(1234, CNY));
        assertThat(Money.ofMajor(new BigDecimal("1234"), JPY)).isEqualTo(new Money(1234, JPY));
        assertThat(Money.ofMajor(new BigDecimal("1.234"), KWD)).isEqualTo(new Money(1234, KWD));
        assertThat(new Money(1234, CNY).toMajor()).isEqualTo(new BigDecimal("12.34"));
        assertThat(new Money(1234, JPY).toMajor()).isEqualTo(new BigDecimal("1234"));
        assertThat(new Money(-5, CNY).toMajor()).isEqualByComparingTo("-0.05");
    }

    @Test
    void fractionsOfTheMinorUnitAreRefusedNeverRounded() {
        assertThatThrownBy(() -> Money.ofMajor(new BigDecimal("1.999"), CNY)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Money.ofMajor(new BigDecimal("1.5"), JPY)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Money.ofMajor(new BigDecimal("1e30"), CNY)).isInstanceOf(ArithmeticException.class);
        assertThat(Money.ofMajor(new BigDecimal("1.50"), CNY).minor()).isEqualTo(150);
        assertThat(Money.ofMajor(new BigDecimal("100.0"), JPY).minor()).isEqualTo(100);
    }

    @Test
    void arithmeticStaysInOneCurrencyAndNeverOverflows() {
        var a = new Money(1000, CNY);
        assertThat(a.plus(new Money(250, CNY))).isEqualTo(new Money(1250, CNY));
        assertThat(a.minus(new Money(1250, CNY))).isEqualTo(new Money(-250, CNY));
        assertThat(a.negate().isPositive()).isFalse();
        assertThat(a.withMinor(7)).isEqualTo(new Money(7, CNY));
        assertThat(a.currencyCode()).isEqualTo("CNY");
        assertThatThrownBy(() -> a.plus(new Money(1, JPY)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mismatch");
        assertThatThrownBy(() -> new Money(Long.MAX_VALUE, CNY).plus(new Money(1, CNY)))
                .isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> new Money(Long.MIN_VALUE, CNY).negate()).isInstanceOf(ArithmeticException.class);
    }
}

package io.payguard.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LuhnTest {

    @Test
    void schemeTestNumbersPass() {
        assertThat(Luhn.valid("4111111111111111")).isTrue();
        assertThat(Luhn.valid("5555555555554444")).isTrue();
        assertThat(Luhn.valid("378282246310005")).isTrue();
        assertThat(Luhn.valid("6212345678901265")).isTrue();
    }

    @Test
    void aChangedDigitOrATranspositionFails() {
        assertThat(Luhn.valid("4111111111111112")).isFalse();
        assertThat(Luhn.valid("4111111111111121")).isFalse();
        assertThat(Luhn.valid("5555555555554445")).isFalse();
    }

    @Test
    void nonDigitsNullAndEmptyFail() {
        assertThat(Luhn.valid("4111 1111 1111 1111")).isFalse();
        assertThat(Luhn.valid("411111111111111x")).isFalse();
        assertThat(Luhn.valid("４１１１")).isFalse(); // full-width digits are not ASCII digits
        assertThat(Luhn.valid("")).isFalse();
        assertThat(Luhn.valid(null)).isFalse();
    }

    @Test
    void theCheckDigitIsTheOnlyOneThatCompletesANumber() {
        String body = "411111111111111";
        int passing = 0;
        for (char c = '0'; c <= '9'; c++) {
            passing += Luhn.valid(body + c) ? 1 : 0;
        }
        assertThat(passing).isEqualTo(1);
        assertThat(Luhn.valid(body + '1')).isTrue();
    }
}

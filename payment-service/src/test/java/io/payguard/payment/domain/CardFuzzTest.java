package io.payguard.payment.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Card numbers and expiry dates as a client sends them to tokenisation, and free text searched for PANs: the check
 * answers valid or a reason, never an exception; a valid card is 12-19 digits passing Luhn, in date, and its
 * {@code toString} never shows the number.
 */
class CardFuzzTest {

    @FuzzTest(maxDuration = "5s")
    void aCardIsValidOrRefusedWithAReason(FuzzedDataProvider data) {
        int month = data.consumeInt();
        int year = data.consumeBoolean() ? data.consumeInt(1990, 2060) : data.consumeInt();
        String number = data.consumeRemainingAsString();
        var today = YearMonth.of(2026, 6);

        var checked = Card.check(number, month, year, today);
        if (checked instanceof Card.Checked.Valid valid) {
            var card = valid.card();
            assertThat(card.pan()).matches("\\d{12,19}");
            assertThat(CardNumbers.luhn(card.pan())).isTrue();
            assertThat(YearMonth.of(card.expYear(), card.expMonth()).isBefore(today))
                    .isFalse();
            assertThat(card.toString()).doesNotContain(card.pan());
        }
        CardNumbers.containsPan(number);
    }
}

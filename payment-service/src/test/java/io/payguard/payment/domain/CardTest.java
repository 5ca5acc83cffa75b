package io.payguard.payment.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;

import org.junit.jupiter.api.Test;

class CardTest {

    static final YearMonth NOW = YearMonth.of(2026, 11);

    @Test
    void brandsByRangeAndLuhn() {
        assertThat(valid("4242424242424242").brand()).isEqualTo(Card.Brand.VISA);
        assertThat(valid("5555555555554444").brand()).isEqualTo(Card.Brand.MASTERCARD);
        assertThat(valid("2223003122003222").brand()).isEqualTo(Card.Brand.MASTERCARD);
        assertThat(valid("378282246310005").brand()).isEqualTo(Card.Brand.AMEX);
        assertThat(valid("6200000000000005").brand()).isEqualTo(Card.Brand.UNIONPAY);
        assertThat(valid("3566002020360505").brand()).isEqualTo(Card.Brand.JCB);
        assertThat(valid("6011111111111117").brand()).isEqualTo(Card.Brand.DISCOVER);
        assertThat(Card.check("4242424242424241", 12, 2030, NOW))
                .isEqualTo(new Card.Checked.Invalid(Card.Problem.INVALID_NUMBER));
        assertThat(Card.check("abc", 12, 2030, NOW)).isEqualTo(new Card.Checked.Invalid(Card.Problem.INVALID_NUMBER));
        assertThat(Card.check("9999999999999995", 12, 2030, NOW))
                .isEqualTo(new Card.Checked.Invalid(Card.Problem.UNKNOWN_BRAND));
    }

    @Test
    void expiryIsTheEndOfItsMonth() {
        assertThat(Card.check("4242424242424242", 11, 2026, NOW)).isInstanceOf(Card.Checked.Valid.class);
        assertThat(Card.check("4242424242424242", 10, 2026, NOW))
                .isEqualTo(new Card.Checked.Invalid(Card.Problem.EXPIRED));
        assertThat(Card.check("4242424242424242", 13, 2030, NOW))
                .isEqualTo(new Card.Checked.Invalid(Card.Problem.INVALID_EXPIRY));
    }

    @Test
    void toStringNeverShowsThePanAndTheDetectorFindsOne() {
        var card = valid("4242 4242 4242 4242");
        assertThat(card.toString()).doesNotContain("4242424242424242").contains("424242******4242");
        assertThat(CardNumbers.containsPan("paid with 4242-4242-4242-4242 yesterday"))
                .isTrue();
        assertThat(CardNumbers.containsPan("{\"card\":\"4000000000009995\"}")).isTrue();
        // a digit run glued to letters or '_' is part of an identifier, not a card number: ids must never be flagged
        // (this payment id holds the Luhn-valid run 401921787189457 and made the PAN scan flaky before)
        assertThat(CardNumbers.containsPan("pi_401921787189457ba020481822fa3f23"))
                .isFalse();
        assertThat(CardNumbers.containsPan("{\"card\":\"x4000000000009995\"}")).isFalse();
        assertThat(CardNumbers.containsPan("424242******4242 pi_3f2a order 1234567"))
                .isFalse();
        assertThat(CardNumbers.containsPan("/v1/x/00000000-0000-4000-8000-000000000000"))
                .as("a UUID is not a card")
                .isFalse();
        assertThat(CardNumbers.containsPan("eb583222-58bb-48b9-9714-945875175d57"))
                .as("digit groups of a UUID")
                .isFalse();
        assertThat(CardNumbers.containsPan("amex 3782 822463 10005 and visa 4242 4242 4242 4242"))
                .isTrue();
        assertThat(CardNumbers.containsPan("amex 3782-822463-10005")).isTrue();
        assertThat(CardNumbers.containsPan("run 424242424242424299999 of digits"))
                .as("part of a longer number")
                .isFalse();
    }

    static Card valid(String pan) {
        return ((Card.Checked.Valid) Card.check(pan, 12, 2030, NOW)).card();
    }
}

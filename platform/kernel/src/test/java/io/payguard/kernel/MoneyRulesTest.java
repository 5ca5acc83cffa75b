package io.payguard.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Currency;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class MoneyRulesTest {

    final MoneyRules rules = MoneyRules.of(List.of("CNY", " JPY", "EUR"), 99_999_999_999L);

    @Test
    void onlyEnabledCurrenciesAreFound() {
        assertThat(rules.currency("CNY")).contains(Currency.getInstance("CNY"));
        assertThat(rules.currency("JPY")).contains(Currency.getInstance("JPY"));
        for (var refused : new String[] {"USD", "XXX", "XTS", "XAU", "cny", "CN", "", "ABC"}) {
            assertThat(rules.currency(refused)).as(refused).isEmpty();
        }
        assertThat(rules.currency(null)).isEmpty();
        assertThat(rules.codes()).isEqualTo("CNY, EUR, JPY");
    }

    @Test
    void amountsRunFromOneMinorUnitToTheMaximum() {
        assertThat(rules.accepts(1)).isTrue();
        assertThat(rules.accepts(99_999_999_999L)).isTrue();
        assertThat(rules.accepts(0)).isFalse();
        assertThat(rules.accepts(-1)).isFalse();
        assertThat(rules.accepts(100_000_000_000L)).isFalse();
        assertThat(rules.accepts(Long.MIN_VALUE)).isFalse();
    }

    @Test
    void aConfigurationThatIsNotMoneyDoesNotStart() {
        assertThatThrownBy(() -> MoneyRules.of(List.of("CNY", "XAU"), 100))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("XAU");
        assertThatThrownBy(() -> MoneyRules.of(List.of("CNY", "XYZ"), 100))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MoneyRules.of(List.of(), 100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MoneyRules(Set.of(Currency.getInstance("CNY")), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

package io.payguard.platform.web.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.payguard.kernel.Money;
import io.payguard.platform.messaging.MalformedEventException;
import io.payguard.platform.web.ProblemException;

class MoneyInputsTest {

    static final ObjectMapper JSON = new ObjectMapper();

    final MoneyInputs inputs = cnyJpyEur();

    /** CNY, JPY and EUR enabled, up to 99,999,999,999 minor units. */
    static MoneyInputs cnyJpyEur() {
        return new MoneyInputs(new MoneyConfig() {
            @Override
            public List<String> currencies() {
                return List.of("CNY", "JPY", "EUR");
            }

            @Override
            public long maxAmount() {
                return 99_999_999_999L;
            }
        });
    }

    @Test
    void requestsNameTheFieldTheyGotWrong() {
        assertThat(inputs.money(1999L, "CNY", "amount", "currency")).isEqualTo(Money.of(1999, "CNY"));
        assertThat(inputs.money(1500L, "JPY", "amount", "currency")).isEqualTo(Money.of(1500, "JPY"));
        for (var minor : new Long[] {null, 0L, -1L, 100_000_000_000L, Long.MIN_VALUE}) {
            assertThatThrownBy(() -> inputs.money(minor, "CNY", "amount.minor", "amount.currency"))
                    .isInstanceOfSatisfying(ProblemException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.code()).isEqualTo("invalid_amount");
                        assertThat(e.getMessage()).contains("'amount.minor'").contains("99999999999");
                    });
        }
        for (var code : new String[] {null, "", "XXX", "XTS", "XAU", "USD", "cny", "CNYX"}) {
            assertThatThrownBy(() -> inputs.money(1L, code, "amount", "currency"))
                    .isInstanceOfSatisfying(ProblemException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.code()).isEqualTo("invalid_currency");
                        assertThat(e.getMessage()).contains("'currency'").contains("CNY, EUR, JPY");
                    });
        }
    }

    @Test
    void eventsCarryAPositiveJsonIntegerInAnEnabledCurrency() throws Exception {
        assertThat(inputs.event(JSON.readTree("{\"minor\":2500,\"currency\":\"CNY\"}"), "amount"))
                .isEqualTo(Money.of(2500, "CNY"));
        assertThat(inputs.event(JSON.readTree("{\"minor\":9223372036854775807,\"currency\":\"JPY\"}"), "amount")
                        .minor())
                .isEqualTo(Long.MAX_VALUE);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"minor\":1.5,\"currency\":\"CNY\"}",
                "{\"minor\":1.0,\"currency\":\"CNY\"}",
                "{\"minor\":1e2,\"currency\":\"CNY\"}",
                "{\"minor\":\"100\",\"currency\":\"CNY\"}",
                "{\"minor\":0,\"currency\":\"CNY\"}",
                "{\"minor\":-5,\"currency\":\"CNY\"}",
                "{\"minor\":99999999999999999999,\"currency\":\"CNY\"}",
                "{\"currency\":\"CNY\"}",
                "{\"minor\":100,\"currency\":\"XXX\"}",
                "{\"minor\":100,\"currency\":\"XAU\"}",
                "{\"minor\":100,\"currency\":\"USD\"}",
                "{\"minor\":100,\"currency\":1}",
                "{\"minor\":100}",
                "7",
                "null"
            })
    void anythingElseInAnEventIsPoison(String amount) throws Exception {
        var node = JSON.readTree(amount);
        assertThatThrownBy(() -> inputs.event(node, "amount"))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("amount");
        assertThatThrownBy(() -> inputs.event(null, "amount")).isInstanceOf(MalformedEventException.class);
    }

    @Test
    void aConfigurationThatIsNotMoneyStopsTheService() {
        assertThatThrownBy(() -> new MoneyInputs(new MoneyConfig() {
                    @Override
                    public List<String> currencies() {
                        return List.of("CNY", "XTS");
                    }

                    @Override
                    public long maxAmount() {
                        return 1;
                    }
                }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("XTS");
    }
}

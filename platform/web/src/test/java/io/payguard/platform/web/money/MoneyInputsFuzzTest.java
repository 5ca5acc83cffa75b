package io.payguard.platform.web.money;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;

import io.payguard.platform.messaging.MalformedEventException;
import io.payguard.platform.web.FuzzJson;
import io.payguard.platform.web.ProblemException;

/**
 * Amounts and currencies as they come: from a request (a 400 problem naming the field, or money within the rules) and
 * from another service's event (poison, or money within the rules). Money accepted is always 1 up to the maximum, in an
 * enabled currency.
 */
class MoneyInputsFuzzTest {

    @FuzzTest(maxDuration = "5s")
    @DictionaryEntries({"\"minor\"", "\"currency\"", "\"CNY\"", "\"JPY\"", "\"EUR\"", "99999999999", "1e2", "1.0", "-1"
    })
    void moneyFromOutsideIsWithinTheRulesOrRefused(FuzzedDataProvider data) {
        var inputs = MoneyInputsTest.cnyJpyEur();
        if (data.consumeBoolean()) {
            Long minor = data.consumeBoolean() ? null : data.consumeLong();
            try {
                var money = inputs.money(minor, data.consumeRemainingAsString(), "amount", "currency");
                assertThat(money.minor()).isBetween(1L, 99_999_999_999L);
            } catch (ProblemException e) {
                assertThat(e.status()).isEqualTo(400);
            }
            return;
        }
        try {
            var node = FuzzJson.mapper().readTree(data.consumeRemainingAsString());
            var money = inputs.event(node, "amount");
            assertThat(money.minor()).isPositive();
            assertThat(inputs.rules().codes()).contains(money.currency().getCurrencyCode());
        } catch (JsonProcessingException | MalformedEventException e) {
            // not JSON, or poison
        }
    }
}

package io.payguard.platform.testing;

import java.util.List;

import io.payguard.platform.web.money.MoneyConfig;
import io.payguard.platform.web.money.MoneyInputs;

/** Money input rules for unit tests that decode amounts without a Quarkus application: the given currencies, the default largest amount. */
public final class TestMoney {

    private TestMoney() {}

    public static MoneyInputs inputs(String... currencies) {
        return new MoneyInputs(new MoneyConfig() {
            @Override
            public List<String> currencies() {
                return List.of(currencies);
            }

            @Override
            public long maxAmount() {
                return 99_999_999_999L;
            }
        });
    }
}

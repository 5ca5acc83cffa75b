package io.payguard.archfixture.good.application;

import io.payguard.archfixture.good.application.port.AmountStore;
import io.payguard.archfixture.good.config.Limits;
import io.payguard.archfixture.good.domain.Amount;
import io.payguard.kernel.failure.ApplicationException;

/** Fixture: a use case that refuses in the application's words. */
public class AmountService {
    private final AmountStore store;
    private final Limits limits;

    public AmountService(AmountStore store, Limits limits) {
        this.store = store;
        this.limits = limits;
    }

    public void record(Amount amount) {
        if (amount.money().minor() > limits.max()) {
            throw ApplicationException.refused("too_large", "Too large", null);
        }
        store.save(amount);
    }
}

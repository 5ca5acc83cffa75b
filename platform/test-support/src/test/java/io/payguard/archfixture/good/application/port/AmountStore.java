package io.payguard.archfixture.good.application.port;

import io.payguard.archfixture.good.domain.Amount;

/** Fixture: an outbound port. */
public interface AmountStore {
    void save(Amount amount);
}

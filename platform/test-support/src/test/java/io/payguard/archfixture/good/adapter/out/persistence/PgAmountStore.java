package io.payguard.archfixture.good.adapter.out.persistence;

import io.payguard.archfixture.good.application.port.AmountStore;
import io.payguard.archfixture.good.domain.Amount;

/** Fixture: an outbound adapter implementing a port. */
public class PgAmountStore implements AmountStore {
    @Override
    public void save(Amount amount) {}
}

package io.payguard.auth.merchant.application.port;

import java.util.List;
import java.util.Optional;

import io.payguard.auth.merchant.domain.Merchant;
import io.smallrye.mutiny.Uni;

/**
 * Where merchants are kept. Every call runs in the caller's session or transaction (the use case opens it), so a
 * change made here commits with the events that announce it.
 */
public interface MerchantStore {

    Uni<Optional<Merchant>> find(String id);

    /** Like {@link #find}, with the row locked until the transaction ends: changes of one merchant are serialised. */
    Uni<Optional<Merchant>> lock(String id);

    Uni<List<Merchant>> list();

    /** Records a new merchant; {@code createdBy} is who onboarded (or seeded) it. */
    Uni<Void> add(Merchant merchant, String createdBy);

    /** Stores a merchant's new status (the only thing that changes after onboarding). */
    Uni<Void> updateStatus(Merchant merchant);
}

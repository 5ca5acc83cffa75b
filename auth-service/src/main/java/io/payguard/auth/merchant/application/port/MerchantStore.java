package io.payguard.auth.merchant.application.port;

import java.util.List;
import java.util.Optional;

import io.payguard.auth.merchant.domain.Merchant;
import io.payguard.auth.merchant.domain.SigningKey;
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

    /** Stores a merchant's new status. */
    Uni<Void> updateStatus(Merchant merchant);

    /** Stores whether the merchant must sign its money-moving calls. */
    Uni<Void> updateSigningRequired(Merchant merchant);

    /** Every signing key of the merchant, active and revoked, oldest first. */
    Uni<List<SigningKey>> signingKeys(String merchantId);

    /** Records a new key; {@code createdBy} is who registered it. */
    Uni<Void> addSigningKey(SigningKey key, String createdBy);

    /** Stores a key's revocation ({@code key} as revoked), by {@code revokedBy}. */
    Uni<Void> revokeSigningKey(SigningKey key, String revokedBy);
}

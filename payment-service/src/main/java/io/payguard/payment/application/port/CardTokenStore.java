package io.payguard.payment.application.port;

import java.util.Optional;

import io.payguard.payment.application.CardVault;
import io.smallrye.mutiny.Uni;

/** The card tokens: what may be shown of a card in clear, and its PAN encrypted with the owner's data key. */
public interface CardTokenStore {

    /** A stored token with its key subject, key version and the PAN's ciphertext. */
    record Stored(CardVault.Token token, String keySubject, int keyVersion, String panEnc) {}

    Uni<Void> insert(CardVault.Token token, String keySubject, int keyVersion, String panEnc);

    /** The token with its key subject, key version and ciphertext. */
    Uni<Optional<Stored>> find(String id);
}

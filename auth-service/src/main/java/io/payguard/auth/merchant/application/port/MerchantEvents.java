package io.payguard.auth.merchant.application.port;

import java.time.Instant;
import java.util.List;

import io.payguard.auth.merchant.domain.Merchant;
import io.payguard.auth.merchant.domain.SigningKey;
import io.smallrye.mutiny.Uni;

/**
 * Announces merchant changes in the transaction that made them (through the outbox): the merchant's state for the
 * services that keep a merchant directory, and the operator's action for the audit trail.
 */
public interface MerchantEvents {

    /**
     * {@code action} is the audit verb ({@code onboard}, {@code suspend}, ...), {@code lifecycle} the event type's word;
     * {@code keys} all the merchant's signing keys (the published state carries {@link SigningKey#published}).
     */
    Uni<Void> changed(
            Merchant merchant, List<SigningKey> keys, String action, String lifecycle, String actor, Instant at);

    /**
     * A change of request signing ({@code action}: {@code signing_key.register}, {@code signing_key.revoke},
     * {@code request_signing.set}; {@code keyId} null for the last): the new state and the security event.
     */
    Uni<Void> signingChanged(
            Merchant merchant, List<SigningKey> keys, String action, String keyId, String actor, Instant at);
}

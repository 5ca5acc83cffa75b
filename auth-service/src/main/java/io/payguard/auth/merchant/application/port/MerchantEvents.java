package io.payguard.auth.merchant.application.port;

import java.time.Instant;

import io.payguard.auth.merchant.domain.Merchant;
import io.smallrye.mutiny.Uni;

/**
 * Announces merchant changes in the transaction that made them (through the outbox): the merchant's state for the
 * services that keep a merchant directory, and the operator's action for the audit trail.
 */
public interface MerchantEvents {

    /** {@code action} is the audit verb ({@code onboard}, {@code suspend}, ...), {@code lifecycle} the event type's word. */
    Uni<Void> changed(Merchant merchant, String action, String lifecycle, String actor, Instant at);
}

package io.payguard.auth.apikey.application.port;

import java.time.Instant;

import io.payguard.auth.apikey.domain.ApiKey;
import io.smallrye.mutiny.Uni;

/**
 * Announces key changes in the transaction that made them (through the outbox): the key's state (with its hash,
 * never the secret) for every service that verifies keys, and a lifecycle record for the security trail.
 */
public interface ApiKeyEvents {

    /** {@code lifecycle} is the change's word in the event type ({@code created}, {@code rotated}, {@code revoked}). */
    Uni<Void> changed(ApiKey key, String lifecycle, String actor, Instant at);
}

package io.payguard.auth.apikey.application.port;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.payguard.auth.apikey.domain.ApiKey;
import io.smallrye.mutiny.Uni;

/**
 * Where API keys are kept. Every call runs in the caller's session or transaction (the use case opens it), so a change
 * made here commits with the events that announce it.
 */
public interface ApiKeyStore {

    /** A key as stored, with when it was last used (null if never), from the usage aggregates. */
    record KeyWithLastUse(ApiKey key, Instant lastUsedAt) {}

    /** How many of the merchant's keys are neither revoked nor expired at {@code now}. */
    Uni<Long> countActive(String merchantId, Instant now);

    /** The merchant's keys, newest first. */
    Uni<List<ApiKey>> listByMerchant(String merchantId);

    /** The merchant's key of that id, if any (someone else's key and no key look the same). */
    Uni<Optional<KeyWithLastUse>> findOwned(String merchantId, String keyId);

    /** Like {@link #findOwned}, with the row locked until the transaction ends, so changes of one key are serialised. */
    Uni<Optional<ApiKey>> lockOwned(String merchantId, String keyId);

    Uni<Void> add(ApiKey key);

    /** Stores a key's new lifecycle state (its identity and secret hash never change). */
    Uni<Void> update(ApiKey key);

    /** Moves the key's last use forward to {@code lastUsedAt}; an older time changes nothing (idempotent, order-free). */
    Uni<Void> recordUse(String keyId, Instant lastUsedAt);
}

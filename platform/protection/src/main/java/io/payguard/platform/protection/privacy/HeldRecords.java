package io.payguard.platform.protection.privacy;

import io.smallrye.mutiny.Uni;

/**
 * The records a service keeps pseudonymised under a retention hold (issue 18), deleted by {@link PrivacyHoldEnd} when
 * the hold has ended. A service that holds records after an erasure has one bean of it (its own deletion SQL); without
 * one, {@link PrivacyHoldEnd} does not run.
 */
public interface HeldRecords {

    /**
     * Deletes every record held under the pseudonym, in the caller's transaction (a service may set transaction-local
     * settings for it); how many rows went.
     */
    Uni<Long> deleteHeld(String pseudonym);
}

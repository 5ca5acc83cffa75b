package io.payguard.auth.webhook.domain;

import java.time.Instant;

/**
 * A due delivery this dispatcher has leased for one attempt: everything the attempt needs, secrets still sealed.
 *
 * @param leaseToken proves the lease when the outcome is recorded (a lease taken over after expiry no longer matches)
 * @param attempt    the number of this attempt (claims count attempts, so a crash mid-send leaves a gap, never a repeat)
 */
public record ClaimedDelivery(
        String deliveryId,
        String leaseToken,
        int attempt,
        Instant createdAt,
        String eventId,
        String endpointId,
        String merchantId,
        EndpointMode mode,
        String url,
        SealedSecrets secrets,
        String payload) {}

package io.payguard.auth.webhook.domain;

import java.time.Instant;

/**
 * A fact another part of the suite published that a merchant is told about, as a consumer decoded it: where it came
 * from ({@code source} and {@code sourceId}, the CloudEvent's), the public type it becomes, and its masked data.
 */
public record MerchantFact(
        String source,
        String sourceId,
        String type,
        String merchantId,
        EndpointMode mode,
        String objectType,
        String objectId,
        Instant occurredAt,
        String data) {

    public MerchantEvent toEvent() {
        return new MerchantEvent(
                EventIds.fromSource(source, sourceId), merchantId, mode, type, objectType, objectId, occurredAt, data);
    }
}

package io.payguard.auth.webhook.domain;

import java.time.Instant;

/**
 * A merchant-facing event: what the events API lists and the webhooks deliver.
 *
 * @param mode       the mode of the fact, or null when the fact has none (it reaches endpoints of both modes)
 * @param objectType what {@code objectId} names ({@code payment_intent}, {@code refund}, {@code payout}, ...)
 * @param data       the event's {@code data} object as JSON text (built by an adapter; masked data only)
 */
public record MerchantEvent(
        String id,
        String merchantId,
        EndpointMode mode,
        String type,
        String objectType,
        String objectId,
        Instant createdAt,
        String data) {}

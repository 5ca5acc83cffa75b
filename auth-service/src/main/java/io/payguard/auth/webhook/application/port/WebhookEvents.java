package io.payguard.auth.webhook.application.port;

import java.time.Instant;

import io.payguard.auth.webhook.domain.MerchantEvent;
import io.payguard.auth.webhook.domain.WebhookEndpoint;
import io.smallrye.mutiny.Uni;

/** What the webhook feature announces, through the outbox in the caller's transaction. */
public interface WebhookEvents {

    /**
     * An endpoint was disabled for failing: appends {@code io.payguard.security.webhook.endpoint_disabled.v1} to
     * {@code security.events} and returns the merchant's own event {@code webhook_endpoint.disabled} to record.
     */
    Uni<MerchantEvent> endpointDisabled(WebhookEndpoint endpoint, String eventId, Instant failingSince, Instant at);
}

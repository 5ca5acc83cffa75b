package io.payguard.auth.webhook.domain;

import java.time.Instant;
import java.util.List;

/**
 * A merchant's webhook endpoint as the API shows it (never its secrets).
 *
 * @param failingSince the first failed attempt since the last successful one, or null while it is healthy
 */
public record WebhookEndpoint(
        String id,
        String merchantId,
        EndpointMode mode,
        String url,
        String description,
        List<String> enabledEvents,
        EndpointStatus status,
        Instant createdAt,
        Instant updatedAt,
        Instant previousSecretExpiresAt,
        Instant failingSince,
        String disabledReason) {

    public WebhookEndpoint {
        enabledEvents = List.copyOf(enabledEvents);
    }

    public boolean receives(String type, EndpointMode eventMode) {
        return status == EndpointStatus.ENABLED
                && (eventMode == null || eventMode == mode)
                && EventTypes.matches(enabledEvents, type);
    }

    public WebhookEndpoint withChanges(
            String newUrl, String newDescription, List<String> newEvents, EndpointStatus newStatus, Instant now) {
        boolean reEnabled = newStatus == EndpointStatus.ENABLED && status != EndpointStatus.ENABLED;
        return new WebhookEndpoint(
                id,
                merchantId,
                mode,
                newUrl == null ? url : newUrl,
                newDescription == null ? description : newDescription,
                newEvents == null ? enabledEvents : newEvents,
                newStatus == null ? status : newStatus,
                createdAt,
                now,
                previousSecretExpiresAt,
                reEnabled ? null : failingSince,
                newStatus == EndpointStatus.DISABLED ? "merchant" : reEnabled ? null : disabledReason);
    }
}

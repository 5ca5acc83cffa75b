package io.payguard.auth.webhook.application.port;

import java.time.Instant;
import java.util.List;

import io.payguard.auth.webhook.domain.Attempt;
import io.payguard.auth.webhook.domain.EndpointMode;
import io.smallrye.mutiny.Uni;

/** Signs and sends one webhook, under the outbound policy of the endpoint's mode. Never fails: the outcome says how it went. */
public interface WebhookTransport {

    Uni<Attempt> send(
            int attemptNumber,
            EndpointMode mode,
            String url,
            String messageId,
            Instant timestamp,
            byte[] body,
            List<String> secrets);

    /** Why the URL is refused for an endpoint of this mode (scheme, address ranges), or null when it is acceptable. */
    String refusal(EndpointMode mode, String url);
}

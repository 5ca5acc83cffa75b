package io.payguard.auth.webhook.application.port;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.payguard.auth.webhook.domain.SealedSecrets;
import io.payguard.auth.webhook.domain.WebhookEndpoint;
import io.smallrye.mutiny.Uni;

/** The merchants' webhook endpoints; called inside the use case's session or transaction. */
public interface EndpointStore {

    /** An endpoint with its sealed secrets. */
    record Stored(WebhookEndpoint endpoint, SealedSecrets secrets) {}

    /** Endpoints the merchant has (not deleted). */
    Uni<Long> count(String merchantId);

    Uni<Void> add(WebhookEndpoint endpoint, SealedSecrets secrets);

    /** The merchant's endpoint, not deleted; someone else's looks absent. */
    Uni<Optional<Stored>> findOwned(String merchantId, String id);

    /** As {@link #findOwned}, with the row locked until the transaction ends. */
    Uni<Optional<Stored>> lockOwned(String merchantId, String id);

    /** Newest first, after the endpoint {@code startingAfter} (null: from the newest). */
    Uni<List<WebhookEndpoint>> list(String merchantId, String startingAfter, int limit);

    Uni<Void> update(WebhookEndpoint endpoint);

    Uni<Void> updateSecrets(String id, SealedSecrets secrets, Instant now);

    /** Marks it deleted, drops its sealed secrets and cancels its pending deliveries. */
    Uni<Void> delete(String id, Instant now);
}

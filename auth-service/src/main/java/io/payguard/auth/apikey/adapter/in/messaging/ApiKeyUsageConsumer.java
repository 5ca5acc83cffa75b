package io.payguard.auth.apikey.adapter.in.messaging;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.payguard.auth.apikey.application.ApiKeyService;
import io.payguard.platform.messaging.CloudEvent;
import io.payguard.platform.messaging.ConsumerFailures;
import io.payguard.platform.web.apikey.ApiKeyUsage;
import io.smallrye.mutiny.Uni;

/**
 * Keeps each key's last use ({@code api_key.last_used_at}) from the usage aggregates every service publishes: decodes
 * the aggregate and hands the key id and time to {@link ApiKeyService#recordUse}. The update only moves the
 * time forward, so redeliveries and out-of-order aggregates are harmless (idempotent by construction).
 * Failures follow the platform's policy ({@link ConsumerFailures}): an unreadable aggregate goes to
 * {@code security.events.dlq} at once, a database outage is retried until it passes.
 */
@ApplicationScoped
public class ApiKeyUsageConsumer {

    static final String CONSUMER = "auth-service.apikey-usage";

    private final ConsumerFailures failures;
    private final ApiKeyService keys;

    public ApiKeyUsageConsumer(ConsumerFailures failures, ApiKeyService keys) {
        this.failures = failures;
        this.keys = keys;
    }

    @Incoming("apikey-usage")
    public Uni<Void> consume(Message<String> message) {
        return failures.process(CONSUMER, message, this::apply);
    }

    private Uni<Void> apply(CloudEvent event) {
        if (!ApiKeyUsage.EVENT_TYPE.equals(event.type()) || event.data() == null) {
            return Uni.createFrom().voidItem();
        }
        String keyId = event.data().path("keyId").asText(null);
        Instant last = Instant.parse(event.data().path("lastUsedAt").asText());
        return keys.recordUse(keyId, last);
    }
}

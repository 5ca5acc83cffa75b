package io.payguard.auth.apikey.adapter.in.messaging;

import java.time.Instant;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.payguard.platform.messaging.CloudEvent;
import io.payguard.platform.messaging.ConsumerFailures;
import io.payguard.platform.web.apikey.ApiKeyUsage;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Keeps {@code api_key.last_used_at} from the usage aggregates every service publishes. The update only moves
 * the time forward, so redeliveries and out-of-order aggregates are harmless (idempotent by construction).
 * Failures follow the platform's policy ({@link ConsumerFailures}): an unreadable aggregate goes to
 * {@code security.events.dlq} at once, a database outage is retried until it passes.
 */
@ApplicationScoped
public class ApiKeyUsageConsumer {

    static final String CONSUMER = "auth-service.apikey-usage";

    private final ConsumerFailures failures;
    private final Pool pool;

    public ApiKeyUsageConsumer(ConsumerFailures failures, Pool pool) {
        this.failures = failures;
        this.pool = pool;
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
        return pool.preparedQuery("UPDATE api_key SET last_used_at = $2 WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < $2)")
                .execute(Tuple.of(keyId, last.atOffset(ZoneOffset.UTC))).replaceWithVoid();
    }
}

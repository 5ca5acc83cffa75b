package io.payguard.auth.apikey.adapter.in.messaging;

import java.time.Instant;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.payguard.platform.messaging.CloudEventCodec;
import io.payguard.platform.web.apikey.ApiKeyUsage;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Keeps {@code api_key.last_used_at} from the usage aggregates every service publishes. The update only moves
 * the time forward, so redeliveries and out-of-order aggregates are harmless (idempotent by construction).
 */
@ApplicationScoped
public class ApiKeyUsageConsumer {

    private final CloudEventCodec codec;
    private final Pool pool;

    public ApiKeyUsageConsumer(CloudEventCodec codec, Pool pool) {
        this.codec = codec;
        this.pool = pool;
    }

    @Incoming("apikey-usage")
    public Uni<Void> consume(String payload) {
        var event = codec.read(payload);
        if (!ApiKeyUsage.EVENT_TYPE.equals(event.type()) || event.data() == null) {
            return Uni.createFrom().voidItem();
        }
        String keyId = event.data().path("keyId").asText(null);
        Instant last = Instant.parse(event.data().path("lastUsedAt").asText());
        return pool.preparedQuery("UPDATE api_key SET last_used_at = $2 WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < $2)")
                .execute(Tuple.of(keyId, last.atOffset(ZoneOffset.UTC))).replaceWithVoid();
    }
}

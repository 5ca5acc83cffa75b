package io.payguard.platform.web.apikey;

import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.payguard.kernel.ApiKeyFormat;
import io.payguard.platform.messaging.CloudEvent;

/**
 * Every API key's state, by secret hash, kept in memory in every service and fed by the {@code auth.apikeys}
 * topic (read from the beginning at start). Verification is a map look-up: no call to the auth service per
 * request, and a revocation reaches every instance as fast as Kafka delivers it.
 */
@ApplicationScoped
public class ApiKeyRegistry {

    private final Map<String, ApiKeyGrant> byHash = new ConcurrentHashMap<>();
    private final Map<String, String> hashByKeyId = new ConcurrentHashMap<>();

    public ApiKeyRegistry(MeterRegistry meters) {
        Gauge.builder("payguard.apikeys.known", byHash, Map::size)
                .description("API keys known to this instance")
                .register(meters);
    }

    public Optional<ApiKeyGrant> lookup(String presentedSecret) {
        return Optional.ofNullable(byHash.get(ApiKeyFormat.hash(presentedSecret)));
    }

    /** Applies one state event; events for the same key arrive in order (same partition key). */
    public void apply(CloudEvent event) {
        if (!ApiKeyStates.STATE_TYPE.equals(event.type()) || event.data() == null) {
            return;
        }
        JsonNode d = event.data();
        String hash = d.path("secretHash").asText(null);
        String keyId = d.path("keyId").asText(null);
        if (hash == null || keyId == null) {
            return;
        }
        Set<String> scopes = new HashSet<>();
        d.path("scopes").forEach(s -> scopes.add(s.asText()));
        var grant = new ApiKeyGrant(
                keyId,
                d.path("merchantId").asText(),
                d.path("kind").asText(),
                d.path("mode").asText(),
                scopes,
                instant(d, "expiresAt"),
                instant(d, "revokedAt"));
        String previous = hashByKeyId.put(keyId, hash);
        if (previous != null && !previous.equals(hash)) {
            byHash.remove(previous);
        }
        byHash.put(hash, grant);
    }

    public int size() {
        return byHash.size();
    }

    private static Instant instant(JsonNode d, String field) {
        JsonNode v = d.get(field);
        return v == null || v.isNull() ? null : Instant.parse(v.asText());
    }
}

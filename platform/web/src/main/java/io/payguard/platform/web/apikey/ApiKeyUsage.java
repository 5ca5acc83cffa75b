package io.payguard.platform.web.apikey;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.payguard.platform.messaging.CloudEvent;
import io.payguard.platform.messaging.Outbox;
import io.payguard.platform.messaging.PeriodicTask;
import io.payguard.platform.messaging.Topics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * Records when each API key was last used, without a write per request: uses are folded in memory and
 * published per key at most once per flush interval ({@code io.payguard.security.apikey.used.v1} on
 * {@code security.events}); the auth service keeps the latest time on the key.
 */
@ApplicationScoped
public class ApiKeyUsage {

    public static final String EVENT_TYPE = "io.payguard.security.apikey.used.v1";
    private static final Logger LOG = Logger.getLogger(ApiKeyUsage.class);

    private record Use(String merchantId, Instant last, long count) {}

    private final Map<String, Use> pending = new ConcurrentHashMap<>();
    private final Outbox outbox;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final Duration flushInterval;
    private final String service;
    private final PeriodicTask task = new PeriodicTask("API key usage flush", this::flush);

    public ApiKeyUsage(
            Outbox outbox,
            ObjectMapper mapper,
            Clock clock,
            @ConfigProperty(name = "payguard.apikeys.usage-flush-interval", defaultValue = "PT30S")
                    Duration flushInterval,
            @ConfigProperty(name = "quarkus.application.name") String service) {
        this.outbox = outbox;
        this.mapper = mapper;
        this.clock = clock;
        this.flushInterval = flushInterval;
        this.service = service;
    }

    public void used(ApiKeyGrant grant) {
        Instant now = clock.instant();
        pending.merge(grant.keyId(), new Use(grant.merchantId(), now, 1), ApiKeyUsage::merge);
    }

    void start(@Observes StartupEvent ignored, Vertx vertx) {
        task.start(vertx, flushInterval);
    }

    void stop(@Observes ShutdownEvent ignored, Vertx vertx) {
        task.stop(vertx);
    }

    /**
     * Records the uses gathered since the last round, one security event per key. A use whose event could not be
     * written (the database down) goes back into the pending counts and is written by a later round, not lost.
     */
    Uni<Void> flush() {
        var appends = new java.util.ArrayList<Uni<Void>>();
        for (String keyId : pending.keySet()) {
            Use use = pending.remove(keyId);
            if (use == null) {
                continue;
            }
            var data = mapper.createObjectNode()
                    .put("keyId", keyId)
                    .put("merchantId", use.merchantId())
                    .put("lastUsedAt", use.last().toString())
                    .put("uses", use.count())
                    .put("service", service);
            var event = CloudEvent.of(
                    UUID.randomUUID().toString(),
                    "/payguard/" + service,
                    EVENT_TYPE,
                    "api-key/" + keyId,
                    use.last(),
                    data);
            appends.add(outbox.appendStandalone(Topics.SECURITY_EVENTS, "api-key", keyId, event)
                    .onFailure()
                    .recoverWithUni(e -> {
                        pending.merge(keyId, use, ApiKeyUsage::merge);
                        LOG.warnf(
                                "could not record API key use, kept for the next round: %s",
                                e.getClass().getName());
                        return Uni.createFrom().voidItem();
                    }));
        }
        return appends.isEmpty()
                ? Uni.createFrom().voidItem()
                : Uni.join().all(appends).andCollectFailures().replaceWithVoid();
    }

    private static Use merge(Use a, Use b) {
        return new Use(a.merchantId(), a.last().isAfter(b.last()) ? a.last() : b.last(), a.count() + b.count());
    }
}

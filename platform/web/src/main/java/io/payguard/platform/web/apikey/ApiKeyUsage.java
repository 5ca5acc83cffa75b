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
import io.payguard.platform.messaging.Topics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
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

    private record Use(String merchantId, Instant last, long count) {
    }

    private final Map<String, Use> pending = new ConcurrentHashMap<>();
    private final Outbox outbox;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final Duration flushInterval;
    private final String service;
    private long timer = -1;

    public ApiKeyUsage(Outbox outbox, ObjectMapper mapper, Clock clock,
            @ConfigProperty(name = "payguard.apikeys.usage-flush-interval", defaultValue = "PT30S") Duration flushInterval,
            @ConfigProperty(name = "quarkus.application.name") String service) {
        this.outbox = outbox;
        this.mapper = mapper;
        this.clock = clock;
        this.flushInterval = flushInterval;
        this.service = service;
    }

    public void used(ApiKeyGrant grant) {
        Instant now = clock.instant();
        pending.merge(grant.keyId(), new Use(grant.merchantId(), now, 1), (a, b) -> new Use(a.merchantId(), b.last(), a.count() + 1));
    }

    void start(@Observes StartupEvent ignored, Vertx vertx) {
        timer = vertx.setPeriodic(flushInterval.toMillis(), id -> flush());
    }

    void stop(@Observes ShutdownEvent ignored, Vertx vertx) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    void flush() {
        for (String keyId : pending.keySet()) {
            Use use = pending.remove(keyId);
            if (use == null) {
                continue;
            }
            var data = mapper.createObjectNode().put("keyId", keyId).put("merchantId", use.merchantId())
                    .put("lastUsedAt", use.last().toString()).put("uses", use.count()).put("service", service);
            var event = CloudEvent.of(UUID.randomUUID().toString(), "/payguard/" + service, EVENT_TYPE, "api-key/" + keyId, use.last(), data);
            outbox.appendStandalone(Topics.SECURITY_EVENTS, "api-key", keyId, event).subscribe().with(ok -> { },
                    e -> LOG.warnf("could not record API key use: %s", e.toString()));
        }
    }
}

package io.payguard.platform.web.apikey;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.smallrye.common.annotation.Identifier;

/**
 * Ready only once this instance's {@link ApiKeyRegistry} has read {@code auth.apikeys} up to where the topic ended
 * when the instance first asked: until then a revoked key could still be honoured (or a valid one refused) by a
 * freshly started replica. The end offsets are read once through a Kafka admin client with the service's own
 * {@code kafka.*} settings; after the registry caught up, the check stays UP (revocations that arrive later are
 * applied as they come, like on any running replica). The outbox producer is not transactional, so the end offset
 * is one past the last record: no commit marker can keep the check DOWN.
 */
@Readiness
@jakarta.enterprise.inject.Default
@ApplicationScoped
public class ApiKeyRegistryReadiness implements HealthCheck {

    static final String NAME = "API key registry";

    private final Map<Integer, Long> consumed = new ConcurrentHashMap<>();
    private volatile Map<Integer, Long> targets;
    private volatile boolean caughtUp;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    /** The registry applied the record at {@code offset} of {@code partition}. */
    public void consumed(int partition, long offset) {
        consumed.merge(partition, offset + 1, Math::max);
    }

    @Override
    public HealthCheckResponse call() {
        if (!caughtUp) {
            if (targets == null) {
                try {
                    targets = endOffsets();
                } catch (Exception e) {
                    return HealthCheckResponse.named(NAME).down().withData("reason", "cannot read the end of " + ApiKeyStates.TOPIC).build();
                }
            }
            caughtUp = caughtUp(targets, consumed);
        }
        var builder = HealthCheckResponse.named(NAME).status(caughtUp);
        if (!caughtUp) {
            builder.withData("behind", behind(targets, consumed));
        }
        return builder.build();
    }

    static boolean caughtUp(Map<Integer, Long> targets, Map<Integer, Long> consumed) {
        return behind(targets, consumed) == 0;
    }

    static long behind(Map<Integer, Long> targets, Map<Integer, Long> consumed) {
        long behind = 0;
        for (var target : targets.entrySet()) {
            behind += Math.max(0, target.getValue() - consumed.getOrDefault(target.getKey(), 0L));
        }
        return behind;
    }

    private Map<Integer, Long> endOffsets() throws Exception {
        Map<String, Object> config = new HashMap<>();
        kafkaConfig.forEach((k, v) -> {
            if (AdminClientConfig.configNames().contains(k)) {
                config.put(k, v);
            }
        });
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        try (var admin = AdminClient.create(config)) {
            var topics = admin.listTopics().names().get(3, TimeUnit.SECONDS);
            if (!topics.contains(ApiKeyStates.TOPIC)) {
                return Map.of(); // no key was ever issued: nothing to catch up on
            }
            var partitions = admin.describeTopics(List.of(ApiKeyStates.TOPIC)).allTopicNames().get(3, TimeUnit.SECONDS)
                    .get(ApiKeyStates.TOPIC).partitions();
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            partitions.forEach(p -> request.put(new TopicPartition(ApiKeyStates.TOPIC, p.partition()), OffsetSpec.latest()));
            Map<Integer, Long> ends = new HashMap<>();
            admin.listOffsets(request).all().get(3, TimeUnit.SECONDS).forEach((tp, info) -> ends.put(tp.partition(), info.offset()));
            return ends;
        }
    }
}

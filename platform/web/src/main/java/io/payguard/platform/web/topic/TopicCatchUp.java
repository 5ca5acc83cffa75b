package io.payguard.platform.web.topic;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * How far an in-memory view has read a compacted state topic (from its beginning, never committing) compared with
 * where the topic ended when the instance first asked. Until it has caught up, the view can still miss a state
 * (a revoked key, a suspended merchant); afterwards later records are applied as they come, like on any running
 * replica, and the view stays caught up. The end offsets are read once through a Kafka admin client with the
 * service's own {@code kafka.*} settings. The outbox producer is not transactional, so the end offset is one past the
 * last record: no commit marker can keep a view behind.
 */
public final class TopicCatchUp {

    private final String topic;
    private final Map<String, Object> kafkaConfig;
    private final Map<Integer, Long> consumed = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> reached = new CompletableFuture<>();
    private volatile Map<Integer, Long> targets;

    public TopicCatchUp(String topic, Map<String, Object> kafkaConfig) {
        this.topic = topic;
        this.kafkaConfig = kafkaConfig;
    }

    public String topic() {
        return topic;
    }

    /** The view applied the record at {@code offset} of {@code partition}. */
    public void consumed(int partition, long offset) {
        consumed.merge(partition, offset + 1, Math::max);
        check();
    }

    /** Without blocking: has the view caught up (false while the end offsets are not known yet)? */
    public boolean caughtUp() {
        return reached.isDone();
    }

    /** Completes once the view has caught up. */
    public CompletableFuture<Void> reached() {
        return reached;
    }

    /**
     * Reads the end offsets if they are not known yet (blocking, at most a few seconds); false when the broker could
     * not answer.
     */
    public boolean readTargets() {
        if (targets == null) {
            try {
                targets = endOffsets();
            } catch (Exception e) {
                return false;
            }
        }
        check();
        return true;
    }

    /** A readiness response named {@code name}: DOWN until caught up (blocking while it asks the broker). */
    public HealthCheckResponse health(String name) {
        if (!caughtUp() && !readTargets()) {
            return HealthCheckResponse.named(name)
                    .down()
                    .withData("reason", "cannot read the end of " + topic)
                    .build();
        }
        var builder = HealthCheckResponse.named(name).status(caughtUp());
        if (!caughtUp()) {
            builder.withData("behind", behind(targets, consumed));
        }
        return builder.build();
    }

    private void check() {
        var t = targets;
        if (t != null && !reached.isDone() && behind(t, consumed) == 0) {
            reached.complete(null);
        }
    }

    public static long behind(Map<Integer, Long> targets, Map<Integer, Long> consumed) {
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
            if (!topics.contains(topic)) {
                return Map.of(); // nothing was ever published: nothing to catch up on
            }
            var partitions = admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get(3, TimeUnit.SECONDS)
                    .get(topic)
                    .partitions();
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            partitions.forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            Map<Integer, Long> ends = new HashMap<>();
            admin.listOffsets(request)
                    .all()
                    .get(3, TimeUnit.SECONDS)
                    .forEach((tp, info) -> ends.put(tp.partition(), info.offset()));
            return ends;
        }
    }
}

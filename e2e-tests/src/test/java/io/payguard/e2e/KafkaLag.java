package io.payguard.e2e;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;

/** Consumer lag of the running suite, as the end-to-end tests that drain it need it. */
final class KafkaLag {

    private KafkaLag() {}

    /**
     * The lag of every stable consumer group, as {@code group:topic -> records not yet committed}, with only the
     * entries above 0 (an empty map means every stable group has committed up to the end of each partition it reads).
     * Groups that are rebalancing or empty are left out: their members are starting and will be asked again.
     */
    static TreeMap<String, Long> ofStableGroups(Admin admin)
            throws InterruptedException, ExecutionException, TimeoutException {
        var parts = new TreeMap<String, Long>();
        for (var g : admin.listConsumerGroups().all().get(10, TimeUnit.SECONDS)) {
            if (g.groupState().orElse(GroupState.UNKNOWN) != GroupState.STABLE) {
                continue;
            }
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(g.groupId())
                    .partitionsToOffsetAndMetadata()
                    .get(10, TimeUnit.SECONDS);
            var spec = new HashMap<TopicPartition, OffsetSpec>();
            committed.keySet().forEach(tp -> spec.put(tp, OffsetSpec.latest()));
            var latest = admin.listOffsets(spec).all().get(10, TimeUnit.SECONDS);
            for (var e : committed.entrySet()) {
                if (e.getValue() == null) {
                    continue;
                }
                long lag = latest.get(e.getKey()).offset() - e.getValue().offset();
                if (lag > 0) {
                    parts.merge(g.groupId() + ":" + e.getKey().topic(), lag, Long::sum);
                }
            }
        }
        return parts;
    }
}

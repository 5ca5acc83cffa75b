package io.payguard.platform.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The topics PayGuard uses, with their partitions and policies, created where missing. Run by {@code ./dev up}
 * (as a main class, only kafka-clients on the class path) and by the test support; in Kubernetes the same
 * list is declared as Strimzi {@code KafkaTopic}s. Auto-created topics would get the broker's defaults,
 * which is wrong for the compacted {@code auth.apikeys} and {@code auth.merchants}.
 */
public final class TopicSetup {

    public record TopicSpec(String name, int partitions, Map<String, String> config) {}

    private static final Map<String, String> EVENTS =
            Map.of("cleanup.policy", "delete", "retention.ms", String.valueOf(TimeUnit.DAYS.toMillis(7)));
    private static final Map<String, String> DLQ =
            Map.of("cleanup.policy", "delete", "retention.ms", String.valueOf(TimeUnit.DAYS.toMillis(30)));
    private static final Map<String, String> COMPACTED = Map.of(
            "cleanup.policy",
            "compact",
            "min.compaction.lag.ms",
            "0",
            "segment.ms",
            String.valueOf(TimeUnit.HOURS.toMillis(1)));

    public static List<TopicSpec> topics() {
        List<TopicSpec> all = new ArrayList<>();
        for (String t : List.of(
                Topics.AUDIT_RECORDS,
                Topics.SECURITY_EVENTS,
                "wallet.commands",
                "wallet.events",
                "ledger.events",
                "payment.events",
                "privacy.requests",
                "privacy.replies")) {
            all.add(new TopicSpec(t, 6, EVENTS));
            all.add(new TopicSpec(t + ".dlq", 1, DLQ));
        }
        all.add(new TopicSpec("security.alerts", 1, EVENTS));
        all.add(new TopicSpec("auth.apikeys", 3, COMPACTED));
        all.add(new TopicSpec("auth.merchants", 3, COMPACTED));
        all.add(new TopicSpec("privacy.consents", 3, COMPACTED));
        return all;
    }

    private TopicSetup() {}

    /** Creates the missing topics; returns the names it created. */
    public static List<String> ensure(String bootstrapServers) {
        var props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000");
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = topics().stream()
                    .filter(t -> !existing.contains(t.name()))
                    .map(t -> new NewTopic(t.name(), t.partitions(), (short) 1).configs(t.config()))
                    .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
            return missing.stream().map(NewTopic::name).toList();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException) {
                return List.of(); // created concurrently by someone else
            }
            throw new IllegalStateException("could not create the Kafka topics: " + e.getCause(), e);
        } catch (Exception e) {
            throw new IllegalStateException("could not create the Kafka topics: " + e, e);
        }
    }

    public static void main(String[] args) {
        String bootstrap = args.length > 0 ? args[0] : "127.0.0.1:19092";
        List<String> created = ensure(bootstrap);
        System.out.println(created.isEmpty() ? "topics: all present" : "topics created: " + String.join(", ", created));
    }
}

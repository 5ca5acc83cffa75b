package io.payguard.deploy.k8s;

import static io.payguard.deploy.k8s.ManifestRules.ofKind;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.payguard.platform.messaging.TopicSetup;

/**
 * examples/strimzi-kafka.yaml against the code: its topics are exactly {@link TopicSetup#topics()} (the list ./dev and
 * the tests create), and each service's KafkaUser may read what its configuration consumes, with the consumer groups
 * it uses, and write its dead letters, the audit/security topics every service publishes and every topic its sources
 * name. No Strimzi operator runs here.
 */
class StrimziExampleTest {

    private static List<JsonNode> docs() throws IOException {
        return HelmChart.parse(Files.readString(HelmChart.examplesDir().resolve("strimzi-kafka.yaml")));
    }

    private static Map<String, JsonNode> topicsByName() throws IOException {
        Map<String, JsonNode> topics = new HashMap<>();
        for (JsonNode t : ofKind(docs(), "KafkaTopic")) {
            topics.put(t.path("spec").path("topicName").asText(), t.path("spec"));
        }
        return topics;
    }

    @Test
    void everyObjectIsAStrimziV1beta2Kind() throws IOException {
        List<JsonNode> docs = docs();
        assertThat(docs).isNotEmpty().allSatisfy(d -> {
            assertThat(d.path("apiVersion").asText()).isEqualTo("kafka.strimzi.io/v1beta2");
            assertThat(d.path("kind").asText()).isIn("Kafka", "KafkaNodePool", "KafkaTopic", "KafkaUser");
            assertThat(d.path("metadata").path("name").asText()).matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
        });
        assertThat(ofKind(docs, "Kafka")).hasSize(1);
    }

    @Test
    void theTopicsAreExactlyTopicSetupsListWithItsPolicies() throws IOException {
        Map<String, JsonNode> topics = topicsByName();
        assertThat(topics.keySet())
                .containsExactlyInAnyOrderElementsOf(TopicSetup.topics().stream()
                        .map(TopicSetup.TopicSpec::name)
                        .toList());
        for (TopicSetup.TopicSpec expected : TopicSetup.topics()) {
            JsonNode spec = topics.get(expected.name());
            String name = expected.name();
            assertThat(spec.path("partitions").asInt()).as(name).isGreaterThanOrEqualTo(expected.partitions());
            assertThat(spec.path("replicas").asInt()).as(name).isGreaterThanOrEqualTo(3);
            assertThat(spec.path("config").path("min.insync.replicas").asInt())
                    .as(name)
                    .isGreaterThanOrEqualTo(2);
            for (Map.Entry<String, String> c : expected.config().entrySet()) {
                assertThat(spec.path("config").path(c.getKey()).asText())
                        .as(name + " " + c.getKey())
                        .isEqualTo(c.getValue());
            }
        }
    }

    @Test
    void partitionsAllowTheProductionAutoscalingCeiling() throws IOException {
        // A consumer group never has more active members than partitions: HPA maxReplicas above that is wasted.
        JsonNode prod = HelmChart.YAML.readTree(
                HelmChart.chartDir().resolve("values-production.yaml").toFile());
        Map<String, Integer> partitions = new HashMap<>();
        topicsByName()
                .forEach((name, spec) ->
                        partitions.put(name, spec.path("partitions").asInt()));
        assertThat(prod.path("services")
                        .path("wallet")
                        .path("autoscaling")
                        .path("maxReplicas")
                        .asInt())
                .isLessThanOrEqualTo(partitions.get("wallet.commands"));
        assertThat(prod.path("services")
                        .path("audit")
                        .path("autoscaling")
                        .path("maxReplicas")
                        .asInt())
                .isLessThanOrEqualTo(partitions.get("audit.records"));
        assertThat(prod.path("services")
                        .path("payment")
                        .path("autoscaling")
                        .path("maxReplicas")
                        .asInt())
                .isLessThanOrEqualTo(partitions.get("wallet.events"));
    }

    record Acls(Set<String> readTopics, Set<String> writeTopics, Set<String> groupPrefixes) {}

    private static Map<String, Acls> aclsByUser() throws IOException {
        Map<String, Acls> result = new HashMap<>();
        for (JsonNode u : ofKind(docs(), "KafkaUser")) {
            Acls acls = new Acls(new TreeSet<>(), new TreeSet<>(), new TreeSet<>());
            for (JsonNode acl : u.path("spec").path("authorization").path("acls")) {
                JsonNode r = acl.path("resource");
                Set<String> ops = new TreeSet<>();
                acl.path("operations").forEach(o -> ops.add(o.asText()));
                String name = r.path("name").asText();
                switch (r.path("type").asText()) {
                    case "topic" -> {
                        assertThat(r.path("patternType").asText()).as(name).isEqualTo("literal");
                        if (ops.contains("Read")) {
                            acls.readTopics().add(name);
                        }
                        if (ops.contains("Write")) {
                            acls.writeTopics().add(name);
                        }
                    }
                    case "group" -> {
                        if (ops.contains("Read")) {
                            acls.groupPrefixes()
                                    .add("prefix".equals(r.path("patternType").asText()) ? name : name + "\u0000");
                        }
                    }
                    default -> {}
                }
            }
            result.put(u.path("metadata").path("name").asText(), acls);
        }
        return result;
    }

    @Test
    void everyServiceHasAScramUser() throws IOException {
        List<JsonNode> users = ofKind(docs(), "KafkaUser");
        assertThat(users)
                .extracting(u -> u.path("metadata").path("name").asText())
                .containsExactlyInAnyOrderElementsOf(ServiceConfig.SERVICES);
        assertThat(users)
                .allSatisfy(u -> assertThat(u.path("spec")
                                .path("authentication")
                                .path("type")
                                .asText())
                        .isEqualTo("scram-sha-512"));
    }

    @Test
    void eachUserMayReadWhatItsServiceConsumesWithItsGroupsAndWriteItsDeadLetters() throws IOException {
        Map<String, Acls> acls = aclsByUser();
        Set<String> known = new TreeSet<>(
                TopicSetup.topics().stream().map(TopicSetup.TopicSpec::name).toList());
        for (String service : ServiceConfig.SERVICES) {
            Map<String, String> config = ServiceConfig.prod(service);
            Acls user = acls.get(service);
            int channels = 0;
            for (String key : config.keySet()) {
                if (!key.startsWith("mp.messaging.incoming.")
                        || !key.endsWith(".topic")
                        || key.endsWith(".dead-letter-queue.topic")) {
                    continue;
                }
                String channel = key.substring("mp.messaging.incoming.".length(), key.length() - ".topic".length());
                String prefix = "mp.messaging.incoming." + channel + ".";
                if ("false".equals(ServiceConfig.resolve(config, config.getOrDefault(prefix + "enabled", "true")))) {
                    continue;
                }
                channels++;
                String topic = config.get(key);
                assertThat(known).as(service + " channel " + channel + " topic").contains(topic);
                assertThat(user.readTopics()).as(service + " reads " + topic).contains(topic);
                String group = ServiceConfig.resolve(config, config.getOrDefault(prefix + "group.id", ""));
                String fixedPart = group.contains("${") ? group.substring(0, group.indexOf("${")) : group + "\u0000";
                assertThat(fixedPart)
                        .as(service + " channel " + channel + " group.id")
                        .isNotBlank();
                assertThat(user.groupPrefixes())
                        .as(service + " group " + group)
                        .anyMatch(p -> p.endsWith("\u0000") ? p.equals(fixedPart) : fixedPart.startsWith(p));
                String dlq = config.get(prefix + "dead-letter-queue.topic");
                if (dlq != null) {
                    assertThat(known).as(service + " dead letters").contains(dlq);
                    assertThat(user.writeTopics())
                            .as(service + " writes " + dlq)
                            .contains(dlq);
                }
            }
            assertThat(channels)
                    .as(service + " incoming channels found (the scan itself)")
                    .isPositive();
            // Every service publishes audit records and security events (platform/web) through its outbox.
            assertThat(user.writeTopics()).as(service).contains("audit.records", "security.events");
            // Any topic named in the service's own sources is one it reads or writes.
            String sources = ServiceConfig.mainSources(HelmChart.repoDir().resolve(service));
            for (String topic : known) {
                if (sources.contains("\"" + topic + "\"")) {
                    Set<String> both = new TreeSet<>(user.readTopics());
                    both.addAll(user.writeTopics());
                    assertThat(both)
                            .as(service + " names \"" + topic + "\" in its sources")
                            .contains(topic);
                }
            }
        }
    }
}

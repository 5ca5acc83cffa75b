package io.payguard.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.payguard.deploy.k8s.ManifestRules.ofKind;
import static org.assertj.core.api.Assertions.assertThat;

/** examples/strimzi-kafka.yaml: structure only (no Strimzi operator runs here). */
class StrimziExampleTest {

    private static final List<String> TOPICS = List.of("payment.events", "wallet.commands", "wallet.events", "audit.records", "security.events");

    private static List<JsonNode> docs() throws IOException {
        return HelmChart.parse(Files.readString(HelmChart.examplesDir().resolve("strimzi-kafka.yaml")));
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
    void everyTopicAndItsDeadLetterTopicExistWithPartitionsAndRetention() throws IOException {
        Map<String, JsonNode> topics = new HashMap<>();
        for (JsonNode t : ofKind(docs(), "KafkaTopic")) {
            topics.put(t.path("spec").path("topicName").asText(), t.path("spec"));
            assertThat(t.path("metadata").path("labels").path("strimzi.io/cluster").asText()).isEqualTo("payguard-kafka");
        }
        for (String topic : TOPICS) {
            for (String name : List.of(topic, topic + ".dlq")) {
                assertThat(topics).as(name).containsKey(name);
                JsonNode spec = topics.get(name);
                assertThat(spec.path("partitions").asInt()).as(name).isPositive();
                assertThat(spec.path("replicas").asInt()).as(name).isGreaterThanOrEqualTo(3);
                assertThat(spec.path("config").path("retention.ms").asLong()).as(name).isPositive();
                assertThat(spec.path("config").path("min.insync.replicas").asInt()).as(name).isGreaterThanOrEqualTo(2);
            }
        }
    }

    @Test
    void partitionsAllowTheProductionAutoscalingCeiling() throws IOException {
        // A consumer group never has more active members than partitions: HPA maxReplicas above that is wasted.
        JsonNode prod = HelmChart.YAML.readTree(HelmChart.chartDir().resolve("values-production.yaml").toFile());
        Map<String, Integer> partitions = new HashMap<>();
        ofKind(docs(), "KafkaTopic").forEach(t -> partitions.put(t.path("spec").path("topicName").asText(), t.path("spec").path("partitions").asInt()));
        assertThat(prod.path("services").path("wallet").path("autoscaling").path("maxReplicas").asInt())
                .isLessThanOrEqualTo(partitions.get("wallet.commands"));
        assertThat(prod.path("services").path("audit").path("autoscaling").path("maxReplicas").asInt())
                .isLessThanOrEqualTo(partitions.get("audit.records"));
        assertThat(prod.path("services").path("payment").path("autoscaling").path("maxReplicas").asInt())
                .isLessThanOrEqualTo(partitions.get("wallet.events"));
    }

    @Test
    void everyServiceHasAScramUserWithItsOwnAcls() throws IOException {
        List<JsonNode> users = ofKind(docs(), "KafkaUser");
        assertThat(users).extracting(u -> u.path("metadata").path("name").asText())
                .containsExactlyInAnyOrder("auth-service", "payment-service", "wallet-service", "audit-service");
        assertThat(users).allSatisfy(u -> {
            assertThat(u.path("spec").path("authentication").path("type").asText()).isEqualTo("scram-sha-512");
            assertThat(u.path("spec").path("authorization").path("acls").size()).isPositive();
        });
    }
}

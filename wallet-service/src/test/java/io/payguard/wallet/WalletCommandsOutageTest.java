package io.payguard.wallet;

import static io.payguard.wallet.WalletApiTest.customer;
import static io.payguard.wallet.WalletApiTest.open;
import static io.payguard.wallet.WalletApiTest.topUp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.payguard.platform.messaging.ConsumerFailures;
import io.payguard.platform.testing.LocalKafka;
import io.payguard.platform.testing.LocalPostgres;
import io.payguard.platform.testing.PayGuardTestInfrastructure;
import io.payguard.wallet.application.WalletCommandHandler;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * Issue 14: a database outage is not poison. Valid commands keep arriving while PostgreSQL is down for longer than
 * the old give-up (8 retries, about 6 s); once it is back every one has exactly one effect and one answer, and none
 * went to {@code wallet.commands.dlq}. A poison command goes there at once, with its reason, and is counted.
 */
@QuarkusTest
@QuarkusTestResource(value = PayGuardTestInfrastructure.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = false)
class WalletCommandsOutageTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String CONSUMER = WalletCommandHandler.CONSUMER;

    @Inject
    MeterRegistry registry;

    KafkaProducer<String, String> producer;

    @BeforeEach
    void connect() {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                LocalKafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class.getName()));
    }

    @AfterEach
    void close() {
        LocalPostgres.start(); // whatever happened, the next test finds its database
        producer.close();
    }

    @Test
    void validCommandsWaitOutADatabaseOutageAndAreAppliedExactlyOnce() throws Exception {
        String sub = "outage-" + UUID.randomUUID();
        String token = customer(sub, "2");
        String wallet = open(token, null);
        topUp(token, wallet, 100_000);
        // one key: one partition, so the commands are handled in order and the poison sentinel comes last
        String key = "outage-" + UUID.randomUUID();
        String expires = Instant.now().plus(Duration.ofMinutes(15)).toString();
        var commandIds = new ArrayList<String>();

        // flowing: four commands answered before the outage
        for (int i = 0; i < 4; i++) {
            commandIds.add(send(key, holdPlace(sub, expires, 1_000)));
        }
        awaitAnswers(commandIds);

        double retriesBefore = retries();
        // four more sent as PostgreSQL goes down (some may be in flight), four while it is down (a backlog)
        for (int i = 0; i < 4; i++) {
            commandIds.add(send(key, holdPlace(sub, expires, 1_000)));
        }
        LocalPostgres.stop();
        for (int i = 0; i < 4; i++) {
            commandIds.add(send(key, holdPlace(sub, expires, 1_000)));
        }
        // down for longer than the old give-up: more failed attempts than the 8 it allowed, each after a back-off
        Instant down = Instant.now();
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> retries() - retriesBefore >= 12);
        assertThat(Duration.between(down, Instant.now())).isGreaterThan(Duration.ofSeconds(6));
        assertThat(retrying())
                .as("one command waits, the partition behind it is paused")
                .isEqualTo(1);
        LocalPostgres.start();

        var mine = awaitAnswers(commandIds);
        for (String id : commandIds) {
            var forCommand = mine.stream()
                    .filter(a -> id.equals(a.path("data").path("causationId").asText()))
                    .toList();
            assertThat(forCommand.stream().map(a -> a.path("id").asText()).distinct())
                    .as("one answer for " + id)
                    .hasSize(1);
            assertThat(forCommand.get(0).path("type").asText()).isEqualTo("io.payguard.wallet.hold.placed.v1");
        }
        assertThat(WalletCommandsTest.available(token, wallet))
                .as("twelve holds of 1,000, each placed once")
                .isEqualTo(100_000 - 12 * 1_000);

        // nothing of ours went to the dead-letter topic: a poison sentinel on the same partition comes after any of
        // them
        send(key, "{\"not\": \"an event\"}");
        var dead = awaitDeadLetters(key, 1);
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).value()).isEqualTo("{\"not\": \"an event\"}");
        await().atMost(Duration.ofSeconds(10)).until(() -> retrying() == 0);
    }

    @Test
    void poisonGoesToTheDeadLetterTopicAtOnceWithItsReasonAndIsCounted() throws Exception {
        String key = "poison-" + UUID.randomUUID();
        double unparseableBefore = deadLettered("unparseable");
        double invalidBefore = deadLettered("invalid");
        double retriesBefore = retries();

        send(key, "{\"specversion\": \"1.0\", \"id\": ");
        send(key, command("hold.teleport.v1", "pay-" + UUID.randomUUID(), "\"customerId\":\"c\""));

        var dead = awaitDeadLetters(key, 2);
        assertThat(dead).hasSize(2);
        assertThat(header(dead.get(0), ConsumerFailures.REASON_HEADER)).isEqualTo("unparseable");
        assertThat(header(dead.get(0), "dead-letter-reason")).contains("not a CloudEvents 1.0 JSON document");
        assertThat(header(dead.get(1), ConsumerFailures.REASON_HEADER)).isEqualTo("invalid");
        assertThat(header(dead.get(1), "dead-letter-reason")).contains("unknown wallet command type");
        // counted before they were nacked; never retried
        assertThat(deadLettered("unparseable") - unparseableBefore).isEqualTo(1);
        assertThat(deadLettered("invalid") - invalidBefore).isEqualTo(1);
        assertThat(retries()).isEqualTo(retriesBefore);
    }

    private String holdPlace(String sub, String expires, long minor) {
        return command("hold.place.v1", "pay-" + UUID.randomUUID(), """
                "customerId":"%s","merchantId":"demo-merchant-a","amount":{"minor":%d,"currency":"CNY"},"expiresAt":"%s"
                """.formatted(sub, minor, expires));
    }

    private static String command(String type, String paymentId, String data) {
        return WalletCommandsTest.event(UUID.randomUUID().toString(), type, paymentId, data);
    }

    /** Sends one record; returns the event id when the value is an event. */
    private String send(String key, String value) throws Exception {
        var record = new ProducerRecord<>("wallet.commands", key, value);
        record.headers().add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
        producer.send(record).get();
        try {
            return JSON.readTree(value).path("id").asText(null);
        } catch (Exception notJson) {
            return null;
        }
    }

    /** Every answer to the given commands on {@code wallet.events} (read from the start), once each has one (60 s). */
    private List<JsonNode> awaitAnswers(List<String> commandIds) {
        var answers = LocalKafka.read(
                "wallet.events",
                read -> answersTo(commandIds, read).keySet().containsAll(commandIds),
                Duration.ofSeconds(60));
        var byCommand = answersTo(commandIds, answers);
        assertThat(byCommand.keySet()).as("commands answered").containsAll(commandIds);
        return byCommand.values().stream().flatMap(List::stream).toList();
    }

    private static Map<String, List<JsonNode>> answersTo(
            List<String> commandIds, List<ConsumerRecord<String, String>> records) {
        var byCommand = new HashMap<String, List<JsonNode>>();
        for (var r : records) {
            if (r.value() == null || commandIds.stream().noneMatch(r.value()::contains)) {
                continue;
            }
            var a = WalletCommandsTest.json(r.value());
            String causation = a.path("data").path("causationId").asText();
            if (commandIds.contains(causation)) {
                byCommand.computeIfAbsent(causation, c -> new ArrayList<>()).add(a);
            }
        }
        return byCommand;
    }

    /** The dead letters keyed {@code key} on {@code wallet.commands.dlq} (read from the start), once {@code count} arrived (30 s). */
    private List<ConsumerRecord<String, String>> awaitDeadLetters(String key, int count) {
        var deadLetters = LocalKafka.read(
                        "wallet.commands.dlq",
                        read -> read.stream().filter(r -> key.equals(r.key())).count() >= count,
                        Duration.ofSeconds(30))
                .stream()
                .filter(r -> key.equals(r.key()))
                .toList();
        assertThat(deadLetters).as("dead letters of " + key).hasSizeGreaterThanOrEqualTo(count);
        return deadLetters;
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private double retries() {
        return registry.find("payguard.messaging.retries").tag("consumer", CONSUMER).counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }

    private double retrying() {
        var gauge = registry.find("payguard.messaging.retrying")
                .tag("consumer", CONSUMER)
                .gauge();
        return gauge == null ? 0 : gauge.value();
    }

    private double deadLettered(String reason) {
        return registry
                .find("payguard.messaging.dead_letters")
                .tags("consumer", CONSUMER, "reason", reason)
                .counters()
                .stream()
                .mapToDouble(Counter::count)
                .sum();
    }
}

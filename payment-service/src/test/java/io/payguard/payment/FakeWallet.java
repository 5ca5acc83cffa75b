package io.payguard.payment;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.payguard.platform.testing.LocalKafka;
import io.payguard.platform.testing.contracts.EventContracts;

/**
 * Plays the wallet service on the real broker: reads wallet.commands, answers on wallet.events as the contract says.
 * Each payment follows a script (refuse, answer late, ignore the first delivery); every answer is published twice
 * (a redelivery with the same id), and a command seen again gets the same answer id, like the real wallet.
 * <p>
 * It is also the producer test of payment-service's commands: every command it reads is checked against its schema in
 * {@code contracts/events/} ({@code EventContracts}), and {@link #close()} fails the test class if any did not conform.
 */
public final class FakeWallet implements AutoCloseable {

    /** {@code ignoresCapture}: plays a wallet that does not know {@code "capture": true} (answers {@code hold.placed}). */
    public record Script(String refuseWith, long delayMillis, boolean dropFirst, boolean ignoresCapture) {
        public static final Script NORMAL = new Script(null, 0, false);
        public static final Script WITHOUT_ONE_STEP_CAPTURE = new Script(null, 0, false, true);

        public Script(String refuseWith, long delayMillis, boolean dropFirst) {
            this(refuseWith, delayMillis, dropFirst, false);
        }
    }

    static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Script> scripts = new ConcurrentHashMap<>();
    private final Map<String, List<JsonNode>> commands = new ConcurrentHashMap<>();
    private final Map<String, Boolean> dropped = new ConcurrentHashMap<>();
    private final KafkaProducer<String, String> producer;
    private final KafkaConsumer<String, String> consumer;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final java.util.concurrent.atomic.AtomicLong commandCount = new java.util.concurrent.atomic.AtomicLong();
    private final Thread loop;
    private final List<String> contractViolations = new CopyOnWriteArrayList<>();
    private final boolean answerEveryPayment;
    private final int copies;

    /** Answers the scripted payments only, every answer twice. */
    public FakeWallet() {
        this(false, 2);
    }

    /** {@code answerEveryPayment}: unscripted payments get {@link Script#NORMAL}; {@code copies}: how often each answer is published. */
    public FakeWallet(boolean answerEveryPayment, int copies) {
        this.answerEveryPayment = answerEveryPayment;
        this.copies = copies;
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                LocalKafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class.getName()));
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                LocalKafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "fake-wallet-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class.getName()));
        consumer.subscribe(List.of("wallet.commands"));
        // compile the contract's schemas now, not while a test waits (confirm-wait) for the answer to its first command
        EventContracts.typesOn("wallet.commands")
                .forEach(type -> EventContracts.violations(type, EventContracts.example(type)));
        loop = new Thread(this::run, "fake-wallet");
        loop.setDaemon(true);
        loop.start();
    }

    private volatile Script payouts;

    /** How payout commands ({@code po_…}) are answered from now on (null: not at all). */
    public void scriptPayouts(Script script) {
        payouts = script;
    }

    public void script(String paymentId, Script script) {
        scripts.put(paymentId, script);
    }

    /** The id of the hold this fake places for {@code paymentId}: a UUID, as the contract says, derived from the payment. */
    public static String holdIdOf(String paymentId) {
        return UUID.nameUUIDFromBytes(("hold-" + paymentId).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    public List<JsonNode> commands(String paymentId) {
        return commands.getOrDefault(paymentId, List.of());
    }

    public List<String> commandTypes(String paymentId) {
        return commands(paymentId).stream()
                .map(c -> c.path("type").asText().replace("io.payguard.wallet.", ""))
                .toList();
    }

    public long commandCount() {
        return commandCount.get();
    }

    private void run() {
        while (running.get()) {
            try {
                for (var r : consumer.poll(Duration.ofMillis(50))) {
                    handle(JSON.readTree(r.value()));
                }
            } catch (org.apache.kafka.common.errors.WakeupException e) {
                return;
            } catch (Exception e) {
                if (running.get()) {
                    e.printStackTrace();
                }
            }
        }
    }

    private void handle(JsonNode command) {
        var data = command.path("data");
        String paymentId = data.path("paymentId").asText();
        var script = scripts.getOrDefault(
                paymentId, paymentId.startsWith("po_") ? payouts : answerEveryPayment ? Script.NORMAL : null);
        if (script == null) {
            return;
        }
        // the commands payment-service sent for the payments this fake answers (other tests leave fixtures on the
        // topic, e.g. re-sent rows whose payload is '{}', which are no command at all)
        String commandType = command.path("type").asText();
        if (commandType.startsWith("io.payguard.wallet.")) {
            EventContracts.violations(commandType, data)
                    .forEach(v -> contractViolations.add(
                            commandType + " " + command.path("id").asText() + ": " + v));
        }
        if (answerEveryPayment) {
            commandCount.incrementAndGet();
        } else {
            commands.computeIfAbsent(paymentId, k -> new CopyOnWriteArrayList<>())
                    .add(command);
        }
        String commandId = command.path("id").asText();
        if (script.dropFirst() && dropped.putIfAbsent(commandId, true) == null) {
            return;
        }
        var answer = JSON.createObjectNode().put("causationId", commandId).put("paymentId", paymentId);
        String type;
        switch (command.path("type").asText()) {
            case "io.payguard.wallet.hold.place.v1" -> {
                if (script.refuseWith() != null) {
                    type = "hold.refused.v1";
                    answer.put("reason", script.refuseWith());
                } else if (data.path("capture").asBoolean(false) && !script.ignoresCapture()) {
                    // place and capture in one step, as the contract says for "capture": true
                    type = "hold.captured.v1";
                    answer.put("holdId", holdIdOf(paymentId))
                            .put("walletId", "wallet-1")
                            .put("entryId", UUID.randomUUID().toString())
                            .set("amount", data.path("amount"));
                    answer.putObject("released")
                            .put("minor", 0)
                            .put(
                                    "currency",
                                    data.path("amount").path("currency").asText());
                } else {
                    type = "hold.placed.v1";
                    answer.put("holdId", holdIdOf(paymentId))
                            .put("walletId", "wallet-1")
                            .set("amount", data.path("amount"));
                }
            }
            case "io.payguard.wallet.hold.capture.v1" -> {
                type = "hold.captured.v1";
                answer.put("holdId", data.path("holdId").asText())
                        .put("entryId", UUID.randomUUID().toString())
                        .set("amount", data.path("amount"));
            }
            case "io.payguard.wallet.hold.void.v1" -> {
                type = "hold.voided.v1";
                answer.put("holdId", data.path("holdId").asText());
            }
            case "io.payguard.wallet.payout.hold.v1" -> {
                if (script.refuseWith() != null) {
                    type = "hold.refused.v1";
                    answer.put("reason", script.refuseWith());
                } else {
                    type = "hold.placed.v1";
                    answer.put("holdId", holdIdOf(paymentId))
                            .put("walletId", data.path("walletId").asText())
                            .set("amount", data.path("amount"));
                }
            }
            case "io.payguard.wallet.payout.settle.v1" -> {
                type = "hold.captured.v1";
                answer.put("holdId", data.path("holdId").asText())
                        .put("entryId", UUID.randomUUID().toString())
                        .set("amount", data.path("amount"));
                answer.putObject("released")
                        .put("minor", 0)
                        .put("currency", data.path("amount").path("currency").asText());
            }
            case "io.payguard.wallet.payout.return.v1" -> {
                type = "payout.returned.v1";
                answer.put("walletId", data.path("walletId").asText())
                        .put("entryId", UUID.randomUUID().toString())
                        .set("amount", data.path("amount"));
            }
            case "io.payguard.wallet.top_up.reverse.v1" -> {
                answer.put("refundId", data.path("refundId").asText());
                if (script.refuseWith() != null) {
                    type = "top_up.reverse_refused.v1";
                    answer.put("reason", script.refuseWith());
                } else {
                    type = "top_up.reversed.v1";
                    answer.put("walletId", data.path("walletId").asText())
                            .put("entryId", UUID.randomUUID().toString())
                            .set("amount", data.path("amount"));
                }
            }
            case "io.payguard.wallet.top_up.credit.v1" -> {
                answer.put("walletId", data.path("walletId").asText());
                if (script.refuseWith() != null) {
                    type = "top_up.refused.v1";
                    answer.put("reason", script.refuseWith());
                } else {
                    type = "top_up.credited.v1";
                    answer.put("entryId", UUID.randomUUID().toString()).set("amount", data.path("amount"));
                }
            }
            case "io.payguard.wallet.refund.v1" -> {
                type = "refund.completed.v1";
                answer.put("refundId", data.path("refundId").asText())
                        .put("entryId", UUID.randomUUID().toString())
                        .set("amount", data.path("amount"));
            }
            default -> {
                return;
            }
        }
        ObjectNode event = event(
                UUID.nameUUIDFromBytes(("answer " + commandId).getBytes(StandardCharsets.UTF_8))
                        .toString(),
                type,
                answer);
        Runnable publish = () -> {
            for (int i = 0; i < copies; i++) {
                var record = new ProducerRecord<>("wallet.events", paymentId, event.toString());
                record.headers().add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
                producer.send(record);
            }
            producer.flush();
        };
        if (script.delayMillis() > 0) {
            scheduler.schedule(publish, script.delayMillis(), TimeUnit.MILLISECONDS);
        } else {
            publish.run();
        }
    }

    private static ObjectNode event(String id, String type, ObjectNode data) {
        ObjectNode event = JSON.createObjectNode()
                .put("specversion", "1.0")
                .put("id", id)
                .put("source", "/payguard/wallet-service")
                .put("type", "io.payguard.wallet." + type)
                .put("time", Instant.now().toString())
                .put("datacontenttype", "application/json");
        event.set("data", data);
        return event;
    }

    /** Publishes an extra answer of {@code type} (a new event id) for {@code paymentId}, as a misbehaving or late wallet would. */
    public void inject(String paymentId, String type, ObjectNode data) throws Exception {
        var record = new ProducerRecord<>(
                "wallet.events",
                paymentId,
                event(UUID.randomUUID().toString(), type, data.put("paymentId", paymentId))
                        .toString());
        record.headers().add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
        producer.send(record).get();
    }

    @Override
    public void close() throws Exception {
        running.set(false);
        consumer.wakeup();
        loop.join(5000);
        consumer.close();
        scheduler.shutdownNow();
        producer.close();
        if (!contractViolations.isEmpty()) {
            throw new AssertionError(
                    "payment-service sent wallet commands that break contracts/events: " + contractViolations);
        }
    }
}

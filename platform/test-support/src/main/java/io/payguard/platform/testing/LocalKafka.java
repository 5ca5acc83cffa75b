package io.payguard.platform.testing;

import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;

/**
 * A real Kafka 4.1 broker (KRaft, single node) run in the test JVM on free loopback ports, once per JVM.
 * Topics are created on first use with 3 partitions.
 */
public final class LocalKafka {

    private static EmbeddedKafkaBroker broker;

    private LocalKafka() {
    }

    public static synchronized String bootstrapServers() {
        if (broker == null) {
            long start = System.nanoTime();
            broker = new EmbeddedKafkaBroker()
                    .withKafkaHost("127.0.0.1")
                    .withDeleteLogDirsOnClose(true)
                    .withAdditionalProperties(p -> {
                        p.put("num.partitions", "3");
                        p.put("auto.create.topics.enable", "true");
                        p.put("offsets.topic.replication.factor", "1");
                        p.put("transaction.state.log.replication.factor", "1");
                        p.put("transaction.state.log.min.isr", "1");
                        p.put("group.initial.rebalance.delay.ms", "0");
                    })
                    .start();
            io.payguard.platform.messaging.TopicSetup.ensure(broker.getAdvertisedListeners().replace("PLAINTEXT://", ""));
            System.out.printf("[payguard-test] Kafka ready on %s with PayGuard's topics in %d ms%n", broker.getAdvertisedListeners(), (System.nanoTime() - start) / 1_000_000);
            Runtime.getRuntime().addShutdownHook(new Thread(LocalKafka::stop, "payguard-kafka-stop"));
        }
        return broker.getAdvertisedListeners().replace("PLAINTEXT://", "");
    }

    private static synchronized void stop() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }
}

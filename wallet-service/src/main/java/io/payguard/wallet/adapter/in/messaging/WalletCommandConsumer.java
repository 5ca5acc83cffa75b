package io.payguard.wallet.adapter.in.messaging;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.payguard.platform.messaging.CloudEventCodec;
import io.payguard.platform.messaging.MalformedEventException;
import io.payguard.wallet.application.WalletCommandHandler;
import io.smallrye.mutiny.Uni;

/**
 * Reads {@code wallet.commands}. A poison message (not a CloudEvent, unknown type, missing field) is nacked
 * at once and lands on {@code wallet.commands.dlq} with the reason. Other failures (database unavailable,
 * lock timeout) are retried with back-off first: a valid money command should not be dead-lettered because
 * of a passing outage.
 */
@ApplicationScoped
public class WalletCommandConsumer {

    static final String CHANNEL = "wallet-commands";

    private final CloudEventCodec codec;
    private final WalletCommandHandler handler;
    private final Counter applied;
    private final Counter redelivered;

    public WalletCommandConsumer(CloudEventCodec codec, WalletCommandHandler handler, MeterRegistry registry) {
        this.codec = codec;
        this.handler = handler;
        this.applied = Counter.builder("payguard.wallet.commands.applied").register(registry);
        this.redelivered = Counter.builder("payguard.wallet.commands.redelivered").register(registry);
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(String payload) {
        var event = codec.read(payload);
        return Uni.createFrom().deferred(() -> handler.handle(event))
                .onFailure(e -> !(e instanceof MalformedEventException)).retry().withBackOff(Duration.ofMillis(50), Duration.ofSeconds(2)).atMost(8)
                .invoke(first -> (first ? applied : redelivered).increment())
                .replaceWithVoid();
    }
}

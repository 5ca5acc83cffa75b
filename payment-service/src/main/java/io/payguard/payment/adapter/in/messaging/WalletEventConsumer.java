package io.payguard.payment.adapter.in.messaging;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.payguard.payment.application.WalletSaga;
import io.payguard.platform.messaging.CloudEventCodec;
import io.payguard.platform.messaging.MalformedEventException;
import io.smallrye.mutiny.Uni;

/**
 * Reads {@code wallet.events}. Poison (not a CloudEvent, a missing field) is nacked at once and lands on
 * {@code wallet.events.dlq}; passing failures (database, lock timeouts) are retried with back-off first.
 */
@ApplicationScoped
public class WalletEventConsumer {

    static final String CHANNEL = "wallet-events";

    private final CloudEventCodec codec;
    private final WalletSaga saga;

    public WalletEventConsumer(CloudEventCodec codec, WalletSaga saga) {
        this.codec = codec;
        this.saga = saga;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(String payload) {
        var event = codec.read(payload);
        return Uni.createFrom().deferred(() -> saga.handle(event))
                .onFailure(e -> !(e instanceof MalformedEventException)).retry().withBackOff(Duration.ofMillis(50), Duration.ofSeconds(2)).atMost(8)
                .replaceWithVoid();
    }
}

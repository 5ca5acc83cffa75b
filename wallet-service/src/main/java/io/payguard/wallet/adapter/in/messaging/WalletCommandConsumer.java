package io.payguard.wallet.adapter.in.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.payguard.platform.messaging.ConsumerFailures;
import io.payguard.wallet.application.WalletCommandHandler;
import io.smallrye.mutiny.Uni;

/**
 * Reads {@code wallet.commands} with the platform's failure policy ({@link ConsumerFailures}): a poison message (not a
 * CloudEvent, unknown type, missing or malformed field) lands on {@code wallet.commands.dlq} at once with the reason;
 * any other failure (database down, lock timeout) is retried with back-off for as long as it takes, so a valid money
 * command is never dead-lettered because of an outage. Each of the channel's consumers ({@code partitions=3}) handles
 * one command at a time, in partition order, so the commands of one payment stay in order:
 * {@link WalletCommandDecoder} reads each into a typed command (or finds it poison), {@link WalletCommandHandler} applies it.
 */
@ApplicationScoped
public class WalletCommandConsumer {

    static final String CHANNEL = "wallet-commands";

    private final ConsumerFailures failures;
    private final WalletCommandDecoder decoder;
    private final WalletCommandHandler handler;
    private final Counter applied;
    private final Counter redelivered;

    public WalletCommandConsumer(
            ConsumerFailures failures,
            WalletCommandDecoder decoder,
            WalletCommandHandler handler,
            MeterRegistry registry) {
        this.failures = failures;
        this.decoder = decoder;
        this.handler = handler;
        this.applied = Counter.builder("payguard.wallet.commands.applied").register(registry);
        this.redelivered =
                Counter.builder("payguard.wallet.commands.redelivered").register(registry);
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(Message<String> message) {
        return failures.process(
                WalletCommandHandler.CONSUMER,
                message,
                event -> handler.handle(event.id(), decoder.decode(event))
                        .invoke(first -> (first ? applied : redelivered).increment()));
    }
}

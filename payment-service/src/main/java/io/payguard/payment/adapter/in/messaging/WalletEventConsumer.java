package io.payguard.payment.adapter.in.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.payguard.payment.application.WalletSaga;
import io.payguard.platform.messaging.CloudEvent;
import io.payguard.platform.messaging.ConsumerFailures;
import io.smallrye.mutiny.Uni;

/**
 * Reads {@code wallet.events} with the platform's failure policy ({@link ConsumerFailures}): poison (not a CloudEvent,
 * a missing field) lands on {@code wallet.events.dlq} at once; any other failure (database down, lock timeouts) is
 * retried with back-off until it goes through: a wallet answer is never dead-lettered because of an outage. Each
 * answer is decoded ({@link WalletAnswerDecoder}) before the saga sees it.
 */
@ApplicationScoped
public class WalletEventConsumer {

    static final String CHANNEL = "wallet-events";

    private final ConsumerFailures failures;
    private final WalletSaga saga;
    private final WalletAnswerDecoder decoder;

    public WalletEventConsumer(ConsumerFailures failures, WalletSaga saga, WalletAnswerDecoder decoder) {
        this.failures = failures;
        this.saga = saga;
        this.decoder = decoder;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(Message<String> message) {
        return failures.process(WalletSaga.CONSUMER, message, this::handle);
    }

    /**
     * Applies one wallet answer once.
     *
     * @return true when it took effect, false when it had been processed before; a poison answer fails with
     *         {@link io.payguard.platform.messaging.MalformedEventException}
     */
    public Uni<Boolean> handle(CloudEvent event) {
        return Uni.createFrom().deferred(() -> saga.handle(decoder.decode(event)));
    }
}

package io.payguard.audit.adapter.in.messaging;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.payguard.audit.application.ChainAppender;
import io.payguard.audit.domain.AuditRecord;
import io.payguard.platform.messaging.CloudEvent;
import io.payguard.platform.messaging.CloudEventCodec;
import io.payguard.platform.messaging.ConsumerFailures;
import io.payguard.platform.messaging.MessageFailure;

/**
 * Records every event of the audited topics once, in the hash chain. A message is acknowledged only after its
 * batch committed (at least once; the processed-event row makes a redelivery a no-op). Poison goes to
 * {@code <topic>.dlq} at once with the reason, through the platform's {@link ConsumerFailures}: a message that cannot
 * be read as an event, an audit record that lacks its fields, or a record the database refuses (the appender
 * isolates it from its batch). A database outage is not poison: the appender retries its batch until it commits,
 * and the messages wait unacknowledged (the channels never give up on them: see the throttled commit setting in
 * platform/messaging). The method returns at once while the appender has room, so many messages are in flight and
 * batches form; when it has none, the consumer waits for its own commit.
 */
@ApplicationScoped
public class AuditRecordConsumer {

    static final String AUDIT_RECORDS = "audit-records";
    static final String SECURITY_EVENTS = "security-events";
    static final String PAYMENT_EVENTS = "payment-events";
    static final String LEDGER_EVENTS = "ledger-events";
    static final String WALLET_EVENTS = "wallet-events";

    private final CloudEventCodec codec;
    private final ChainAppender appender;
    private final ConsumerFailures failures;

    public AuditRecordConsumer(CloudEventCodec codec, ChainAppender appender, ConsumerFailures failures) {
        this.codec = codec;
        this.appender = appender;
        this.failures = failures;
    }

    @Incoming(AUDIT_RECORDS)
    public CompletionStage<Void> auditRecords(Message<String> message) {
        return record(message, AuditRecordMapper::fromEvent);
    }

    /** Domain and security events: the producers are still growing their types, so any type is mapped generically. */
    @Incoming(SECURITY_EVENTS)
    @Incoming(PAYMENT_EVENTS)
    @Incoming(LEDGER_EVENTS)
    @Incoming(WALLET_EVENTS)
    public CompletionStage<Void> domainEvents(Message<String> message) {
        return record(message, AuditRecordMapper::fromDomainEvent);
    }

    private CompletionStage<Void> record(Message<String> message, Function<CloudEvent, AuditRecord> mapping) {
        CloudEvent event;
        try {
            event = codec.read(message.getPayload());
        } catch (RuntimeException poison) {
            return failures.deadLetter(ChainAppender.CONSUMER, message, MessageFailure.UNPARSEABLE, poison);
        }
        AuditRecord record;
        try {
            record = mapping.apply(event);
        } catch (RuntimeException poison) {
            // mapping is pure: whatever it throws, a retry would throw again
            return failures.deadLetter(ChainAppender.CONSUMER, message, MessageFailure.INVALID, poison);
        }
        var committed = appender.submit(event.id(), record)
                .handle((first, refused) -> refused == null
                        ? message.ack()
                        : failures.deadLetter(
                                ChainAppender.CONSUMER,
                                message,
                                MessageFailure.of(refused).reason(),
                                refused))
                .thenCompose(done -> done);
        return appender.hasRoom() ? CompletableFuture.completedFuture(null) : committed.toCompletableFuture();
    }
}

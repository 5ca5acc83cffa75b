package io.payguard.audit.adapter.in.messaging;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.payguard.audit.application.AuditRecordMapper;
import io.payguard.audit.application.ChainAppender;
import io.payguard.audit.domain.AuditRecord;
import io.payguard.platform.messaging.CloudEvent;
import io.payguard.platform.messaging.CloudEventCodec;

/**
 * Records every event of the audited topics once, in the hash chain. A message is acknowledged only after its
 * batch committed (at least once; the processed-event row makes a redelivery a no-op). A message that cannot be
 * read as an event, or an audit record that lacks its fields, is nacked and goes to {@code <topic>.dlq} with
 * the reason (failure-strategy=dead-letter-queue). The method returns at once while the appender has room, so
 * many messages are in flight and batches form; when it has none, the consumer waits for its own commit.
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

    public AuditRecordConsumer(CloudEventCodec codec, ChainAppender appender) {
        this.codec = codec;
        this.appender = appender;
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
        AuditRecord record;
        String eventId;
        try {
            var event = codec.read(message.getPayload());
            eventId = event.id();
            record = mapping.apply(event);
        } catch (RuntimeException poison) {
            return message.nack(poison);
        }
        var committed = appender.submit(eventId, record)
                .thenCompose(first -> message.ack());
        return appender.hasRoom() ? CompletableFuture.completedFuture(null) : committed.toCompletableFuture();
    }
}

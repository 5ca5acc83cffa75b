package io.payguard.audit.adapter.in.messaging;

import java.time.Clock;
import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.payguard.audit.adapter.out.persistence.AuditRecordEntity;
import io.payguard.audit.application.AuditRecordMapper;
import io.payguard.platform.messaging.CloudEventCodec;
import io.payguard.platform.messaging.ProcessedEvents;
import io.smallrye.mutiny.Uni;

/**
 * Records every audit event from {@code audit.records} exactly once: the processed-event row and the audit
 * row commit together, so a redelivery is a no-op. A message that is not a valid audit CloudEvent is nacked
 * and goes to {@code audit.records.dlq} with the reason (failure-strategy=dead-letter-queue).
 */
@ApplicationScoped
public class AuditRecordConsumer {

    static final String CHANNEL = "audit-records";
    static final String CONSUMER = "audit-recorder";

    private final CloudEventCodec codec;
    private final ProcessedEvents processed;
    private final Clock clock;
    private final Counter recorded;
    private final Counter duplicates;

    public AuditRecordConsumer(CloudEventCodec codec, ProcessedEvents processed, Clock clock, MeterRegistry registry) {
        this.codec = codec;
        this.processed = processed;
        this.clock = clock;
        this.recorded = Counter.builder("payguard.audit.records.recorded").register(registry);
        this.duplicates = Counter.builder("payguard.audit.records.duplicates").register(registry);
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(String payload) {
        var event = codec.read(payload);
        var record = AuditRecordMapper.fromEvent(event);
        return processed.once(CONSUMER, event.id(),
                () -> AuditRecordEntity.from(record, OffsetDateTime.now(clock)).persist().replaceWithVoid())
                .invoke(first -> (first ? recorded : duplicates).increment())
                .replaceWithVoid();
    }
}

package io.payguard.audit.domain.chain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import io.payguard.audit.domain.AuditRecord;

/** Deterministic chains and the four tamperings an attacker with database access can make. */
public final class ChainFixtures {

    private ChainFixtures() {}

    public static AuditRecord record(Random random, int i) {
        var personal = i % 7 == 0
                ? new AuditRecord.PersonalDataAccess(
                        "subject-" + random.nextInt(50), List.of("phone", "idNumber"), "support", "ticket-" + i)
                : null;
        return new AuditRecord(
                new UUID(random.nextLong(), random.nextLong()),
                Instant.parse("2026-11-26T10:00:00Z").plusMillis(i * 37L),
                "payment-service",
                personal == null ? "io.payguard.audit.record.v1" : "io.payguard.audit.pii-access.v1",
                i % 3 == 0 ? "payment.create" : "caller.read",
                "payment",
                "pi_" + i,
                i % 5 == 0 ? "failure" : "success",
                new AuditRecord.Actor("user-" + random.nextInt(100), "demo-merchant-a", List.of("merchant")),
                new AuditRecord.Origin("10.0.0." + random.nextInt(255), "agent/1.0"),
                "corr-" + i,
                personal);
    }

    public static List<ChainedRecord> chain(Random random, ChainHead from, int size) {
        var out = new ArrayList<ChainedRecord>(size);
        var head = from;
        for (int i = 0; i < size; i++) {
            var r = ChainedRecord.append(
                    head,
                    record(random, i),
                    Instant.parse("2026-11-26T10:00:01Z").plusMillis(i));
            out.add(r);
            head = r.asHead();
        }
        return out;
    }

    public static AuditRecord edited(AuditRecord r, Random random) {
        return switch (random.nextInt(4)) {
            case 0 ->
                new AuditRecord(
                        r.id(),
                        r.occurredAt(),
                        r.sourceService(),
                        r.eventType(),
                        r.action(),
                        r.objectType(),
                        r.objectId(),
                        r.outcome().equals("success") ? "failure" : "success",
                        r.actor(),
                        r.origin(),
                        r.correlationId(),
                        r.personalData());
            case 1 ->
                new AuditRecord(
                        r.id(),
                        r.occurredAt().plusSeconds(1),
                        r.sourceService(),
                        r.eventType(),
                        r.action(),
                        r.objectType(),
                        r.objectId(),
                        r.outcome(),
                        r.actor(),
                        r.origin(),
                        r.correlationId(),
                        r.personalData());
            case 2 ->
                new AuditRecord(
                        r.id(),
                        r.occurredAt(),
                        r.sourceService(),
                        r.eventType(),
                        r.action(),
                        r.objectType(),
                        r.objectId(),
                        r.outcome(),
                        new AuditRecord.Actor(
                                "someone-else", r.actor().clientId(), r.actor().roles()),
                        r.origin(),
                        r.correlationId(),
                        r.personalData());
            default ->
                new AuditRecord(
                        r.id(),
                        r.occurredAt(),
                        r.sourceService(),
                        r.eventType(),
                        r.action() + ".x",
                        r.objectType(),
                        r.objectId(),
                        r.outcome(),
                        r.actor(),
                        new AuditRecord.Origin(null, r.origin().userAgent()),
                        r.correlationId(),
                        r.personalData());
        };
    }

    /** A forged record placed at {@code position}: linked properly to the record before it, or garbage. */
    public static ChainedRecord forged(
            Random random, List<ChainedRecord> chain, ChainHead anchor, int position, boolean careful) {
        var before = position == 0 ? anchor : chain.get(position - 1).asHead();
        var fake = record(random, 1_000_000 + random.nextInt(1000));
        if (careful) {
            return ChainedRecord.append(before, fake, Instant.parse("2026-11-26T11:00:00Z"));
        }
        byte[] prev = new byte[32];
        byte[] hash = new byte[32];
        random.nextBytes(prev);
        random.nextBytes(hash);
        return new ChainedRecord(before.seq() + 1, Instant.parse("2026-11-26T11:00:00Z"), fake, prev, hash);
    }
}

package io.payguard.wallet.adapter.out.persistence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.wallet.application.port.CommandAnswers;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class PgCommandAnswers implements CommandAnswers {

    @Override
    public Uni<Void> save(String commandId, String event, Instant now) {
        return PgLedgerStore.update(
                        "INSERT INTO command_answer (command_id, event, created_at) VALUES (?1, ?2, ?3)",
                        List.of(commandId, event, OffsetDateTime.ofInstant(now, ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    @Override
    public Uni<Optional<String>> find(String commandId) {
        return PgLedgerStore.select("SELECT event, 0 FROM command_answer WHERE command_id = ?1", List.of(commandId))
                .map(rows -> rows.stream().findFirst().map(r -> (String) r[0]));
    }

    @Override
    public Uni<Boolean> pendingInOutbox(UUID eventId) {
        return PgLedgerStore.select("SELECT id, 0 FROM outbox_event WHERE id = ?1", List.of(eventId))
                .map(rows -> !rows.isEmpty());
    }
}

package io.payguard.wallet.adapter.out.persistence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.wallet.application.port.IdempotencyStore;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class PgIdempotencyStore implements IdempotencyStore {

    @Override
    public Uni<Boolean> claim(String caller, String key, String requestHash, Instant now) {
        return PgLedgerStore.update(
                        "INSERT INTO idempotency_record (caller, key, request_hash, status, body, created_at) VALUES (?1, ?2, ?3, 0, '', ?4) "
                                + "ON CONFLICT DO NOTHING",
                        List.of(caller, key, requestHash, OffsetDateTime.ofInstant(now, ZoneOffset.UTC)))
                .map(n -> n == 1);
    }

    @Override
    public Uni<Optional<Stored>> find(String caller, String key) {
        return PgLedgerStore.select(
                        "SELECT request_hash, status, body FROM idempotency_record WHERE caller = ?1 AND key = ?2",
                        List.of(caller, key))
                .map(rows -> rows.stream()
                        .findFirst()
                        .map(r -> new Stored(((String) r[0]).trim(), (int) PgLedgerStore.num(r[1]), (String) r[2])));
    }

    @Override
    public Uni<Void> complete(String caller, String key, int status, String body) {
        return PgLedgerStore.update(
                        "UPDATE idempotency_record SET status = ?1, body = ?2 WHERE caller = ?3 AND key = ?4",
                        List.of(status, body, caller, key))
                .replaceWithVoid();
    }
}

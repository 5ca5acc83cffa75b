package io.payguard.auth.privacy.adapter.out.persistence;

import static io.payguard.platform.messaging.NativeSql.instant;
import static io.payguard.platform.messaging.NativeSql.utc;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.auth.privacy.application.port.HoldStore;
import io.payguard.auth.privacy.domain.LegalHold;
import io.payguard.platform.messaging.NativeSql;
import io.smallrye.mutiny.Uni;

/** {@link HoldStore} on {@code legal_hold}, native SQL in the caller's session. */
@ApplicationScoped
public class SqlHoldStore implements HoldStore {

    private static final String COLUMNS =
            "id, subject, reason, set_by, set_at, released_at, released_by, release_reason";

    @Override
    public Uni<Void> add(LegalHold h) {
        return NativeSql.update(
                        "INSERT INTO legal_hold (" + COLUMNS + ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", values(h))
                .replaceWithVoid();
    }

    @Override
    public Uni<Optional<LegalHold>> lock(String id) {
        return NativeSql.select("SELECT " + COLUMNS + " FROM legal_hold WHERE id = ?1 FOR UPDATE", List.of(id))
                .map(rows -> rows.stream().findFirst().map(SqlHoldStore::hold));
    }

    @Override
    public Uni<Void> update(LegalHold h) {
        return NativeSql.update(
                        "UPDATE legal_hold SET subject = ?2, reason = ?3, set_by = ?4, set_at = ?5, released_at = ?6,"
                                + " released_by = ?7, release_reason = ?8 WHERE id = ?1",
                        values(h))
                .replaceWithVoid();
    }

    @Override
    public Uni<List<LegalHold>> list(String subject, int limit) {
        return (subject == null
                        ? NativeSql.select(
                                "SELECT " + COLUMNS + " FROM legal_hold ORDER BY set_at DESC, id LIMIT ?1",
                                List.of(limit))
                        : NativeSql.select(
                                "SELECT " + COLUMNS + " FROM legal_hold WHERE subject = ?1 ORDER BY set_at DESC, id"
                                        + " LIMIT ?2",
                                List.of(subject, limit)))
                .map(rows -> rows.stream().map(SqlHoldStore::hold).toList());
    }

    @Override
    public Uni<Boolean> anyActive(String subject) {
        return NativeSql.select(
                        "SELECT count(*), max(subject) FROM legal_hold WHERE subject = ?1 AND released_at IS NULL",
                        List.of(subject))
                .map(rows -> ((Number) rows.get(0)[0]).longValue() > 0);
    }

    private static List<Object> values(LegalHold h) {
        return Arrays.asList(
                h.id(),
                h.subject(),
                h.reason(),
                h.setBy(),
                utc(h.setAt()),
                utc(h.releasedAt()),
                h.releasedBy(),
                h.releaseReason());
    }

    private static LegalHold hold(Object[] r) {
        return new LegalHold(
                (String) r[0],
                (String) r[1],
                (String) r[2],
                (String) r[3],
                instant(r[4]),
                r[5] == null ? null : instant(r[5]),
                (String) r[6],
                (String) r[7]);
    }
}

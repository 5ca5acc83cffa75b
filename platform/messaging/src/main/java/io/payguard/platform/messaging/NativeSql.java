package io.payguard.platform.messaging;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.hibernate.reactive.mutiny.Mutiny;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Native SQL in the current Hibernate Reactive session, for the statements an ORM expresses badly (row locks
 * in a fixed order, multi-row inserts, conditional updates). Running in the session's transaction is the point:
 * the outbox and processed-event rows commit with them. Parameters are positional ({@code ?1, ?2, ...}).
 */
public final class NativeSql {

    private NativeSql() {}

    public static Uni<List<Object[]>> select(String sql, List<?> params) {
        return Panache.getSession().flatMap(s -> {
            Mutiny.SelectionQuery<Object[]> q = s.createNativeQuery(sql, Object[].class);
            for (int i = 0; i < params.size(); i++) {
                q.setParameter(i + 1, params.get(i));
            }
            return q.getResultList();
        });
    }

    public static Uni<Integer> update(String sql, List<?> params) {
        return Panache.getSession().flatMap(s -> {
            Mutiny.Query<Object> q = s.createNativeQuery(sql);
            for (int i = 0; i < params.size(); i++) {
                q.setParameter(i + 1, params.get(i));
            }
            return q.executeUpdate();
        });
    }

    /** A timestamp column as the reactive driver hands it back, whatever its Java type. */
    public static Instant instant(Object o) {
        return switch (o) {
            case Instant i -> i;
            case OffsetDateTime t -> t.toInstant();
            case java.sql.Timestamp t -> t.toInstant();
            case java.time.ZonedDateTime z -> z.toInstant();
            case java.time.LocalDateTime l -> l.toInstant(ZoneOffset.UTC);
            default -> throw new IllegalStateException("unexpected timestamp type " + o.getClass());
        };
    }

    public static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}

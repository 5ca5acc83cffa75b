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

    /**
     * The rows of a native {@code SELECT}, each as an {@code Object[]} (one element per column, also for one column).
     *
     * <p>The query is created without a result class on purpose: Hibernate caches the plan of a native query under its
     * SQL and result mapping, and the implicit mapping of {@code createNativeQuery(sql, Object[].class)} has no
     * {@code equals}, so every call missed the cache, planned again and added one more entry under the same hash
     * (Hibernate ORM 7.2: a profiled 5-7 % of payment- and wallet-service CPU under load, issue 20). The untyped
     * query's mapping compares equal, so one SQL text has one cached plan; its single-column rows come back as the
     * value itself and are wrapped here.
     */
    public static Uni<List<Object[]>> select(String sql, List<?> params) {
        return Panache.getSession().flatMap(s -> {
            Mutiny.Query<Object> q = s.createNativeQuery(sql);
            for (int i = 0; i < params.size(); i++) {
                q.setParameter(i + 1, params.get(i));
            }
            return q.getResultList().map(NativeSql::rows);
        });
    }

    private static List<Object[]> rows(List<Object> results) {
        var rows = new java.util.ArrayList<Object[]>(results.size());
        for (Object r : results) {
            // several columns come as exactly Object[]; one array column (text[] as String[]) is one value
            rows.add(r != null && r.getClass() == Object[].class ? (Object[]) r : new Object[] {r});
        }
        return rows;
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

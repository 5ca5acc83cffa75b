package io.payguard.audit.application;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.audit.adapter.out.persistence.ChainRepository;
import io.payguard.audit.domain.chain.ChainedRecord;

/**
 * Searches the trail with keyset pagination on the chain position: a page is the records after the cursor
 * that match every given criterion, in chain order; the next cursor is the last position returned.
 */
@ApplicationScoped
public class AuditSearch {

    /** Every field optional; {@code after} is the cursor (0 for the first page). */
    public record Criteria(Instant from, Instant to, String subject, String clientId, String objectType, String objectId,
            String action, String outcome, String correlationId, String dataSubject, String eventType, long after) {
    }

    public record Page(List<ChainedRecord> records, Long nextCursor) {
    }

    private final DataSource dataSource;
    private final ChainRepository repository = new ChainRepository();

    public AuditSearch(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Page search(Criteria c, int limit) {
        List<Object> params = new ArrayList<>();
        String where = where(c, params);
        try (Connection conn = dataSource.getConnection()) {
            var rows = repository.query(conn, where, params, limit);
            return new Page(rows, rows.size() == limit ? rows.get(rows.size() - 1).seq() : null);
        } catch (SQLException e) {
            throw new IllegalStateException("audit search failed", e);
        }
    }

    /** How many records match (the export announces it so clients can show progress). */
    public long count(Criteria c) {
        List<Object> params = new ArrayList<>();
        String where = where(c, params);
        try (Connection conn = dataSource.getConnection(); var s = conn.prepareStatement("SELECT count(*) FROM audit_record WHERE " + where)) {
            for (int i = 0; i < params.size(); i++) {
                s.setObject(i + 1, params.get(i));
            }
            try (var rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("audit count failed", e);
        }
    }

    /** Streams every matching record in chain order through a server-side cursor. */
    public void stream(Criteria c, Consumer<ChainedRecord> sink) {
        List<Object> params = new ArrayList<>();
        String where = where(c, params);
        try (Connection conn = dataSource.getConnection()) {
            conn.setAutoCommit(false);
            conn.setReadOnly(true);
            try {
                repository.forEachWhere(conn, where, params, sink);
            } finally {
                conn.rollback();
                conn.setReadOnly(false);
                conn.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("audit export failed", e);
        }
    }

    private static String where(Criteria c, List<Object> params) {
        var where = new StringBuilder("seq > ?");
        params.add(c.after());
        if (c.from() != null) {
            where.append(" AND occurred_at >= ?");
            params.add(c.from().atOffset(ZoneOffset.UTC));
        }
        if (c.to() != null) {
            where.append(" AND occurred_at < ?");
            params.add(c.to().atOffset(ZoneOffset.UTC));
        }
        eq(where, params, "actor_subject", c.subject());
        eq(where, params, "actor_client", c.clientId());
        eq(where, params, "object_type", c.objectType());
        eq(where, params, "object_id", c.objectId());
        eq(where, params, "action", c.action());
        eq(where, params, "outcome", c.outcome());
        eq(where, params, "correlation_id", c.correlationId());
        eq(where, params, "data_subject", c.dataSubject());
        eq(where, params, "event_type", c.eventType());
        return where.toString();
    }

    private static void eq(StringBuilder where, List<Object> params, String column, String value) {
        if (value != null) {
            where.append(" AND ").append(column).append(" = ?");
            params.add(value);
        }
    }
}

package io.payguard.audit.application;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Compliance reports over a time range [from, to), computed in the database. Each report is a fixed query over
 * the chained records (README "Reports" says what each counts); rows are plain column maps.
 */
@ApplicationScoped
public class AuditReports {

    public enum Report {
        /** Failed authentications grouped by client and source address. */
        FAILED_AUTHENTICATIONS("""
                SELECT actor_client AS "clientId", origin_ip AS "sourceIp", count(*) AS "count", min(occurred_at) AS "first", max(occurred_at) AS "last"
                FROM audit_record WHERE occurred_at >= ? AND occurred_at < ? AND outcome = 'failure'
                  AND (event_type LIKE 'io.payguard.security.%' OR action LIKE '%auth%')
                GROUP BY actor_client, origin_ip ORDER BY count(*) DESC LIMIT 1000"""),
        /** API keys created, rotated, revoked or expired, in order. */
        API_KEY_LIFECYCLE("""
                SELECT seq AS "seq", occurred_at AS "occurredAt", action AS "action", object_id AS "keyId", actor_subject AS "actor",
                       actor_client AS "clientId", outcome AS "outcome"
                FROM audit_record WHERE occurred_at >= ? AND occurred_at < ?
                  AND (event_type LIKE 'io.payguard.security.api-key.%' OR event_type LIKE 'io.payguard.security.apikey.%' OR action LIKE 'api-key.%')
                ORDER BY seq LIMIT 10000"""),
        /** Personal-data accesses grouped by accessor and purpose. */
        PERSONAL_DATA_ACCESSES("""
                SELECT actor_subject AS "accessor", purpose AS "purpose", count(*) AS "accesses", count(DISTINCT data_subject) AS "dataSubjects"
                FROM audit_record WHERE occurred_at >= ? AND occurred_at < ? AND data_subject IS NOT NULL
                GROUP BY actor_subject, purpose ORDER BY count(*) DESC LIMIT 1000"""),
        /** Declines (risk decisions, refused holds) grouped by event type. */
        RISK_DECLINES("""
                SELECT action AS "action", source_service AS "service", count(*) AS "count"
                FROM audit_record WHERE occurred_at >= ? AND occurred_at < ? AND outcome = 'declined'
                GROUP BY action, source_service ORDER BY count(*) DESC LIMIT 1000"""),
        /** Actions by operators (admin roles), in order. */
        ADMIN_ACTIONS("""
                SELECT seq AS "seq", occurred_at AS "occurredAt", actor_subject AS "actor", action AS "action", object_type AS "objectType",
                       object_id AS "objectId", outcome AS "outcome"
                FROM audit_record WHERE occurred_at >= ? AND occurred_at < ? AND 'operator' = ANY(actor_roles)
                ORDER BY seq LIMIT 10000""");

        private final String sql;

        Report(String sql) {
            this.sql = sql;
        }
    }

    private final DataSource dataSource;

    public AuditReports(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<Map<String, Object>> run(Report report, Instant from, Instant to) {
        try (Connection c = dataSource.getConnection();
                var s = c.prepareStatement(report.sql)) {
            s.setObject(1, from.atOffset(ZoneOffset.UTC));
            s.setObject(2, to.atOffset(ZoneOffset.UTC));
            try (ResultSet rs = s.executeQuery()) {
                var meta = rs.getMetaData();
                var rows = new ArrayList<Map<String, Object>>();
                while (rs.next()) {
                    var row = new LinkedHashMap<String, Object>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        Object v = rs.getObject(i);
                        row.put(
                                meta.getColumnLabel(i),
                                v instanceof java.sql.Timestamp t
                                        ? t.toInstant().toString()
                                        : v);
                    }
                    rows.add(row);
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("report " + report + " failed", e);
        }
    }
}

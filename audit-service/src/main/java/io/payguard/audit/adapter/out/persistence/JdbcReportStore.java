package io.payguard.audit.adapter.out.persistence;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.audit.application.AuditReports.Report;
import io.payguard.audit.application.port.ReportStore;

/** The compliance reports as fixed SQL queries over {@code audit_record}, over the service's JDBC pool. */
@ApplicationScoped
public class JdbcReportStore implements ReportStore {

    private final DataSource dataSource;

    public JdbcReportStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    static String sql(Report report) {
        return switch (report) {
            case FAILED_AUTHENTICATIONS -> """
                SELECT actor_client AS "clientId", origin_ip AS "sourceIp", count(*) AS "count", min(occurred_at) AS "first", max(occurred_at) AS "last"
                FROM audit_record WHERE occurred_at >= ? AND occurred_at < ? AND outcome = 'failure'
                  AND (event_type LIKE 'io.payguard.security.%' OR action LIKE '%auth%')
                GROUP BY actor_client, origin_ip ORDER BY count(*) DESC LIMIT 1000""";
            case API_KEY_LIFECYCLE -> """
                SELECT seq AS "seq", occurred_at AS "occurredAt", action AS "action", object_id AS "keyId", actor_subject AS "actor",
                       actor_client AS "clientId", outcome AS "outcome"
                FROM audit_record WHERE occurred_at >= ? AND occurred_at < ?
                  AND (event_type LIKE 'io.payguard.security.api-key.%' OR event_type LIKE 'io.payguard.security.apikey.%' OR action LIKE 'api-key.%')
                ORDER BY seq LIMIT 10000""";
            case PERSONAL_DATA_ACCESSES -> """
                SELECT actor_subject AS "accessor", purpose AS "purpose", count(*) AS "accesses", count(DISTINCT data_subject) AS "dataSubjects"
                FROM audit_record WHERE occurred_at >= ? AND occurred_at < ? AND data_subject IS NOT NULL
                GROUP BY actor_subject, purpose ORDER BY count(*) DESC LIMIT 1000""";
            case RISK_DECLINES -> """
                SELECT action AS "action", source_service AS "service", count(*) AS "count"
                FROM audit_record WHERE occurred_at >= ? AND occurred_at < ? AND outcome = 'declined'
                GROUP BY action, source_service ORDER BY count(*) DESC LIMIT 1000""";
            case ADMIN_ACTIONS -> """
                SELECT seq AS "seq", occurred_at AS "occurredAt", actor_subject AS "actor", action AS "action", object_type AS "objectType",
                       object_id AS "objectId", outcome AS "outcome"
                FROM audit_record WHERE occurred_at >= ? AND occurred_at < ? AND 'operator' = ANY(actor_roles)
                ORDER BY seq LIMIT 10000""";
        };
    }

    @Override
    public List<Map<String, Object>> run(Report report, Instant from, Instant to) throws SQLException {
        try (Connection c = dataSource.getConnection();
                var s = c.prepareStatement(sql(report))) {
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
                                v instanceof Timestamp t ? t.toInstant().toString() : v);
                    }
                    rows.add(row);
                }
                return rows;
            }
        }
    }
}

package io.payguard.audit.adapter.out.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.Consumer;
import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.audit.application.AuditReports.Report;
import io.payguard.audit.application.port.ReportStore;
import io.payguard.audit.domain.chain.ChainedRecord;

/**
 * The records of each compliance report, selected by fixed SQL over {@code audit_record} (the service's JDBC pool);
 * grouping happens after decryption, in {@code AuditReports}, since form-2 personal fields are ciphertext here.
 */
@ApplicationScoped
public class JdbcReportStore implements ReportStore {

    private final DataSource dataSource;

    public JdbcReportStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    static String where(Report report) {
        return switch (report) {
            case FAILED_AUTHENTICATIONS ->
                "outcome = 'failure' AND (event_type LIKE 'io.payguard.security.%' OR action LIKE '%auth%')";
            case API_KEY_LIFECYCLE ->
                "(event_type LIKE 'io.payguard.security.api-key.%' OR event_type LIKE 'io.payguard.security.apikey.%'"
                        + " OR action LIKE 'api-key.%')";
            case PERSONAL_DATA_ACCESSES -> "purpose IS NOT NULL";
            case RISK_DECLINES -> "outcome = 'declined'";
            case ADMIN_ACTIONS -> "'operator' = ANY(actor_roles)";
        };
    }

    @Override
    public void forEach(Report report, Instant from, Instant to, int limit, Consumer<ChainedRecord> sink)
            throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setReadOnly(true);
            try (var s = c.prepareStatement("SELECT " + ChainRepository.COLUMNS
                    + " FROM audit_record WHERE occurred_at >= ? AND occurred_at < ? AND " + where(report)
                    + " ORDER BY seq LIMIT ?")) {
                s.setFetchSize(5_000);
                s.setObject(1, from.atOffset(ZoneOffset.UTC));
                s.setObject(2, to.atOffset(ZoneOffset.UTC));
                s.setInt(3, limit);
                try (var rs = s.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(ChainRepository.read(rs));
                    }
                }
            } finally {
                c.rollback();
                c.setReadOnly(false);
                c.setAutoCommit(true);
            }
        }
    }
}

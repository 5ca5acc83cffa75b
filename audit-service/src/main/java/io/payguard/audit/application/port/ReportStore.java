package io.payguard.audit.application.port;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.payguard.audit.application.AuditReports;

/** The compliance reports' queries over the chained records. */
public interface ReportStore {

    /**
     * The rows of {@code report} over [from, to): each a map from column label to value, in the report's column
     * order; timestamps as ISO-8601 text. Failures are the database's own {@link SQLException}s.
     */
    List<Map<String, Object>> run(AuditReports.Report report, Instant from, Instant to) throws SQLException;
}

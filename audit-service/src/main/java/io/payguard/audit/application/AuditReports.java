package io.payguard.audit.application;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.audit.application.port.ReportStore;

/**
 * Compliance reports over a time range [from, to), computed in the database behind {@link ReportStore}. Each report
 * is a fixed query over the chained records (README "Reports" says what each counts); rows are plain column maps.
 */
@ApplicationScoped
public class AuditReports {

    public enum Report {
        /** Failed authentications grouped by client and source address. */
        FAILED_AUTHENTICATIONS,
        /** API keys created, rotated, revoked or expired, in order. */
        API_KEY_LIFECYCLE,
        /** Personal-data accesses grouped by accessor and purpose. */
        PERSONAL_DATA_ACCESSES,
        /** Declines (risk decisions, refused holds) grouped by event type. */
        RISK_DECLINES,
        /** Actions by operators (admin roles), in order. */
        ADMIN_ACTIONS
    }

    private final ReportStore store;

    public AuditReports(ReportStore store) {
        this.store = store;
    }

    public List<Map<String, Object>> run(Report report, Instant from, Instant to) {
        try {
            return store.run(report, from, to);
        } catch (SQLException e) {
            throw new IllegalStateException("report " + report + " failed", e);
        }
    }
}

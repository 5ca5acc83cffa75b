package io.payguard.audit.application.port;

import java.sql.SQLException;
import java.time.Instant;
import java.util.function.Consumer;

import io.payguard.audit.application.AuditReports;
import io.payguard.audit.domain.chain.ChainedRecord;

/** The records each compliance report reads (the aggregation is the application's, over decrypted records). */
public interface ReportStore {

    /**
     * Streams, in chain order, the stored records of [from, to) that {@code report} covers (as stored: form-2 personal
     * fields still sealed), at most {@code limit}. Failures are the database's own {@link SQLException}s.
     */
    void forEach(AuditReports.Report report, Instant from, Instant to, int limit, Consumer<ChainedRecord> sink)
            throws SQLException;
}

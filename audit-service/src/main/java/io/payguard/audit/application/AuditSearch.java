package io.payguard.audit.application;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.audit.application.port.ChainStore;
import io.payguard.audit.application.port.SubjectSealing;
import io.payguard.audit.domain.chain.ChainedRecord;

/**
 * Searches the trail with keyset pagination on the chain position: a page is the records after the cursor
 * that match every given criterion, in chain order; the next cursor is the last position returned. Every record
 * it returns is opened ({@link SubjectSealing#open}): personal fields decrypted, null where erased. Subjects are
 * found through their blind indexes.
 */
@ApplicationScoped
public class AuditSearch {

    /** Every field optional; {@code after} is the cursor (0 for the first page). */
    public record Criteria(
            Instant from,
            Instant to,
            String subject,
            String clientId,
            String objectType,
            String objectId,
            String action,
            String outcome,
            String correlationId,
            String dataSubject,
            String eventType,
            String about,
            long after) {

        /** Without the {@code about} criterion. */
        public Criteria(
                Instant from,
                Instant to,
                String subject,
                String clientId,
                String objectType,
                String objectId,
                String action,
                String outcome,
                String correlationId,
                String dataSubject,
                String eventType,
                long after) {
            this(
                    from,
                    to,
                    subject,
                    clientId,
                    objectType,
                    objectId,
                    action,
                    outcome,
                    correlationId,
                    dataSubject,
                    eventType,
                    null,
                    after);
        }

        /** Every record about a data subject: sealed for them (form 2), or naming them as actor or data subject. */
        public static Criteria about(String subject, long after) {
            return new Criteria(null, null, null, null, null, null, null, null, null, null, null, subject, after);
        }

        /** Every record of one request. */
        public static Criteria ofCorrelation(String correlationId) {
            return new Criteria(null, null, null, null, null, null, null, null, correlationId, null, null, 0);
        }

        /** The accesses to one data subject's personal data in [from, to) (either end open when null). */
        public static Criteria ofDataSubject(Instant from, Instant to, String dataSubject, long after) {
            return new Criteria(from, to, null, null, null, null, null, null, null, dataSubject, null, after);
        }

        /** Every record in [from, to) (either end open when null). */
        public static Criteria between(Instant from, Instant to) {
            return new Criteria(from, to, null, null, null, null, null, null, null, null, null, 0);
        }
    }

    public record Page(List<ChainedRecord> records, Long nextCursor) {}

    private final ChainStore store;
    private final SubjectSealing sealing;

    public AuditSearch(ChainStore store, SubjectSealing sealing) {
        this.store = store;
        this.sealing = sealing;
    }

    public Page search(Criteria c, int limit) {
        try {
            var rows = sealing.open(store.search(c, limit));
            return new Page(
                    rows, rows.size() == limit ? rows.get(rows.size() - 1).seq() : null);
        } catch (SQLException e) {
            throw new IllegalStateException("audit search failed", e);
        }
    }

    /** How many records match (the export announces it so clients can show progress). */
    public long count(Criteria c) {
        try {
            return store.count(c);
        } catch (SQLException e) {
            throw new IllegalStateException("audit count failed", e);
        }
    }

    /** Streams every matching record in chain order through a server-side cursor. */
    public void stream(Criteria c, Consumer<ChainedRecord> sink) {
        try {
            var opened = new OpenedRecords(sealing, sink);
            store.stream(c, opened);
            opened.flush();
        } catch (SQLException e) {
            throw new IllegalStateException("audit export failed", e);
        }
    }
}

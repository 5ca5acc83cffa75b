package io.payguard.audit.application;

import java.sql.SQLException;
import java.util.ArrayList;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.payguard.audit.application.port.ChainStore;
import io.payguard.audit.domain.chain.ChainHead;
import io.payguard.audit.domain.chain.ChainedRecord;

/**
 * Chains the records written before the chain existed (V1's table, renamed {@code audit_record_v1} by V2), once, in
 * the order they were recorded, keeping their original recording time. INSERT only: V1 rows stay as they were. One
 * transaction under the head lock, so appends wait for it and the legacy records are chained gap-free. The
 * {@link ChainAppender} runs it before its first batch; a later run finds nothing left (the records it chained keep
 * their V1 ids), so a restart, or a second replica, changes nothing.
 */
@ApplicationScoped
public class LegacyRecordAdoption {

    private static final Logger LOG = Logger.getLogger(LegacyRecordAdoption.class);

    private final ChainStore store;

    public LegacyRecordAdoption(ChainStore store) {
        this.store = store;
    }

    /** Chains what is left of {@code audit_record_v1}; returns how many records it chained. */
    public int adopt() throws SQLException {
        return store.transaction(s -> {
            var rows = new ArrayList<ChainedRecord>();
            ChainHead head = s.lockHead();
            for (var legacy : s.unchainedLegacyRecords()) {
                var r = ChainedRecord.append(head, legacy.record(), legacy.recordedAt());
                rows.add(r);
                head = r.asHead();
            }
            if (!rows.isEmpty()) {
                s.insert(rows);
                s.moveHead(head);
                LOG.infof("chained %d audit records written before the hash chain existed", rows.size());
            }
            return rows.size();
        });
    }
}

package io.payguard.audit.application;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.audit.application.port.SubjectSealing;
import io.payguard.audit.domain.AuditRecord;
import io.payguard.audit.domain.chain.ChainedRecord;
import io.payguard.platform.protection.privacy.ErasureOutcome;

/**
 * audit-service's part of data-subject requests (issue 18): what the trail holds about a subject, and its erasure by
 * crypto-shredding. The records themselves stay (the chain keeps verifying); only the subject's key goes. Blocking
 * (JDBC, KMS): the participant adapter runs it on a worker thread.
 */
@ApplicationScoped
public class AuditPrivacy {

    public static final String LEGAL_BASIS = "PCI DSS 10.5.1 and JR/T 0171-2020: the audit trail is kept unaltered"
            + " (1 year, 3 months immediately available); the subject's personal fields in it are erased";
    private static final int PAGE = 500;

    /** The subject's part of the trail: records about them, and the accesses to their personal data. */
    public record Export(List<ChainedRecord> auditRecords, List<ChainedRecord> personalDataAccess) {}

    private final AuditSearch search;
    private final SubjectSealing sealing;

    public AuditPrivacy(AuditSearch search, SubjectSealing sealing) {
        this.search = search;
        this.sealing = sealing;
    }

    /**
     * The records about {@code subject}, opened: accesses to their personal data (pii-access records naming them as
     * data subject) apart from the rest.
     */
    public Export export(String subject) {
        var records = new ArrayList<ChainedRecord>();
        var accesses = new ArrayList<ChainedRecord>();
        forEachAbout(subject, r -> (accessTo(r.record(), subject) ? accesses : records).add(r));
        return new Export(records, accesses);
    }

    /**
     * Shreds the subject's data key: the personal fields of the records sealed for them read as erased from now on,
     * the records are kept with their legal basis. Idempotent (a second shred destroys nothing more, and the counts
     * are the same).
     */
    public List<ErasureOutcome> erase(String subject) {
        long[] counts = new long[2]; // all records about the subject, those sealed for them
        forEachAbout(subject, r -> {
            counts[0]++;
            if (r.sealed() != null) {
                counts[1]++;
            }
        });
        try {
            sealing.shred(subject);
        } catch (SQLException e) {
            throw new IllegalStateException("the subject's key could not be shredded", e);
        }
        return List.of(
                ErasureOutcome.erased("audit_personal_fields", counts[1]),
                ErasureOutcome.kept("audit_records", counts[0], LEGAL_BASIS));
    }

    private static boolean accessTo(AuditRecord r, String subject) {
        return r.personalData() != null && subject.equals(r.personalData().dataSubject());
    }

    private void forEachAbout(String subject, Consumer<ChainedRecord> sink) {
        long after = 0;
        while (true) {
            var page = search.search(AuditSearch.Criteria.about(subject, after), PAGE);
            page.records().forEach(sink);
            if (page.nextCursor() == null) {
                return;
            }
            after = page.nextCursor();
        }
    }
}

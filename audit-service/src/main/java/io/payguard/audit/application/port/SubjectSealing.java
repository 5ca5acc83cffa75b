package io.payguard.audit.application.port;

import java.sql.SQLException;
import java.util.List;

import io.payguard.audit.domain.AuditRecord;
import io.payguard.audit.domain.chain.ChainedRecord;
import io.payguard.audit.domain.chain.Sealed;

/**
 * Per-subject sealing of the personal fields of the trail (README "Personal data in the trail"): every call blocks
 * (KMS, JDBC), so callers run on a worker or the appender's thread, never on an event loop.
 */
public interface SubjectSealing {

    /**
     * The sealed personal fields of each record, in order: under its data subject's key (personalData.dataSubject,
     * else actor.subject), or {@link Sealed#ERASED} where that key was shredded; null for a record with neither (it
     * stays in canonical form 1).
     */
    List<Sealed> seal(List<AuditRecord> records) throws SQLException;

    /**
     * The records as read: form-2 personal fields decrypted, null where the key was shredded (or the ciphertext does
     * not open); form-1 records unchanged.
     */
    List<ChainedRecord> open(List<ChainedRecord> stored) throws SQLException;

    /** The blind index of a data subject, as stored in {@code subject_index}. */
    String subjectIndex(String subject);

    /** The blind index of an actor subject, as stored in {@code actor_index}. */
    String actorIndex(String subject);

    /**
     * Crypto-shredding: destroys every version of the subject's data key (and leaves a destroyed key when there was
     * none, so later records about the subject are written erased). Returns the number of keys destroyed now.
     */
    int shred(String subject) throws SQLException;
}

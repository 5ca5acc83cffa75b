package io.payguard.audit.application.port;

import java.security.PublicKey;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import io.payguard.audit.application.AuditSearch;
import io.payguard.audit.domain.AuditRecord;
import io.payguard.audit.domain.chain.ChainHead;
import io.payguard.audit.domain.chain.ChainedRecord;
import io.payguard.audit.domain.chain.Checkpoint;
import io.payguard.audit.domain.chain.VerificationReport;

/**
 * The chain's tables (records, head, checkpoints, signing keys, verification runs, processed events and the outbox).
 * The use cases choose the transaction boundaries: {@link #session} gives one connection in autocommit mode,
 * {@link #transaction} one read-write transaction, and a {@link Session} can open a snapshot or a cursor read inside
 * its connection; the operations of a {@link Session} run on that connection, so everything the caller does with one
 * session commits (or rolls back) together. A session is only valid inside the call that handed it out. Failures are
 * the database's own {@link SQLException}s, so callers can tell an outage from a refused record
 * ({@code MessageFailure}).
 */
public interface ChainStore {

    /** Work on one session; its result is returned by the call that ran it. */
    @FunctionalInterface
    interface Work<T> {
        T apply(Session session) throws SQLException;
    }

    /** Runs {@code work} on one connection in autocommit mode: each operation commits by itself. */
    <T> T session(Work<T> work) throws SQLException;

    /**
     * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws (the exception
     * is passed on).
     */
    <T> T transaction(Work<T> work) throws SQLException;

    /** The first {@code limit} records after {@code criteria.after()} that match every criterion, in chain order. */
    List<ChainedRecord> search(AuditSearch.Criteria criteria, int limit) throws SQLException;

    /** How many records match. */
    long count(AuditSearch.Criteria criteria) throws SQLException;

    /** Streams every matching record in chain order through a server-side cursor (a read-only transaction). */
    void stream(AuditSearch.Criteria criteria, Consumer<ChainedRecord> sink) throws SQLException;

    /** A public key that signed checkpoints, as registered. */
    record SigningKey(String keyId, String algorithm, byte[] publicKey) {}

    /** A record written before the chain existed, with the time it was recorded then. */
    record LegacyRecord(AuditRecord record, Instant recordedAt) {}

    /** A row of the transactional outbox: relayed to {@code topic} once the transaction that wrote it commits. */
    record OutboxEvent(
            UUID id,
            String aggregateType,
            String aggregateId,
            String type,
            String topic,
            String payload,
            Instant createdAt) {}

    /** The operations on one connection (see {@link ChainStore}). */
    interface Session {

        /** Locks the head row: appenders on every replica serialise here. */
        ChainHead lockHead() throws SQLException;

        ChainHead head() throws SQLException;

        void moveHead(ChainHead head) throws SQLException;

        /** Marks the events processed for {@code consumer}; returns the ids that were new (idempotent-consumer record). */
        Set<String> markProcessed(String consumer, List<String> eventIds, Instant at) throws SQLException;

        void insert(List<ChainedRecord> records) throws SQLException;

        /** Streams the records with from < seq <= to in position order (cursor fetch needs a transaction). */
        void forEach(long fromExclusive, long toInclusive, Consumer<ChainedRecord> sink) throws SQLException;

        /** The chain head right after the record at {@code seq} (its position and hash), if there is such a record. */
        Optional<ChainHead> headAt(long seq) throws SQLException;

        /** Position of the last record recorded before {@code instant}, 0 if none. */
        long lastSeqRecordedBefore(Instant instant) throws SQLException;

        /** The Ed25519 keys that check checkpoints, by key id. */
        Map<String, PublicKey> publicKeys() throws SQLException;

        /** Every registered signing key, oldest first. */
        List<SigningKey> signingKeys() throws SQLException;

        /** Registers a key (a key id already known is left as it is). */
        void registerKey(String keyId, String algorithm, byte[] publicKey, Instant at) throws SQLException;

        void insertCheckpoint(Checkpoint checkpoint) throws SQLException;

        /** Checkpoints with from < seq <= to, in order. */
        List<Checkpoint> checkpoints(long fromExclusive, long toInclusive) throws SQLException;

        long lastCheckpointSeq() throws SQLException;

        /**
         * Position of the last checkpoint a clean verification run covered (one from genesis, or one anchored on a
         * checkpoint), if any.
         */
        OptionalLong lastVerifiedCheckpointSeq() throws SQLException;

        /** Keeps a verification run, so the next incremental run knows where to start. */
        void recordVerification(VerificationReport report, Instant startedAt) throws SQLException;

        /**
         * The records of V1's table (renamed {@code audit_record_v1}) that are not in the chain yet, in the order they
         * were recorded.
         */
        List<LegacyRecord> unchainedLegacyRecords() throws SQLException;

        /** Appends an event to the outbox on this session's connection (in its transaction, if one is open). */
        void appendToOutbox(OutboxEvent event) throws SQLException;

        /**
         * Runs {@code work} in a REPEATABLE READ, read-only transaction on this session's connection, so everything it
         * reads comes from one snapshot while appends go on; the session's settings are restored afterwards.
         */
        <T> T snapshot(Work<T> work) throws SQLException;

        /**
         * Runs {@code work} in a transaction on this session's connection that is rolled back afterwards (cursor
         * reads need one); autocommit is restored afterwards.
         */
        <T> T readTransaction(Work<T> work) throws SQLException;
    }
}

package io.payguard.audit.adapter.out.persistence;

import java.security.PublicKey;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.payguard.audit.application.AuditSearch;
import io.payguard.audit.application.port.ChainStore;
import io.payguard.audit.application.port.SubjectSealing;
import io.payguard.audit.domain.AuditRecord;
import io.payguard.audit.domain.chain.ChainHead;
import io.payguard.audit.domain.chain.ChainedRecord;
import io.payguard.audit.domain.chain.Checkpoint;
import io.payguard.audit.domain.chain.Ed25519SignatureCheck;
import io.payguard.audit.domain.chain.Sealed;
import io.payguard.audit.domain.chain.VerificationReport;

/**
 * The chain tables over plain JDBC: shared by the service (the {@link ChainStore} bean, over its Agroal pool) and
 * the command-line tools ({@link #on(Connection)}, over a DriverManager connection), so both read the chain with the
 * same code. A {@link ChainStore.Session} works on the connection it was made for; its owner ends the transaction.
 */
@ApplicationScoped
public class ChainRepository implements ChainStore {

    static final String COLUMNS =
            "seq, id, occurred_at, recorded_at, source_service, event_type, action, object_type, object_id,"
                    + " outcome, actor_subject, actor_client, actor_roles, origin_ip, user_agent, correlation_id, data_subject, data_fields,"
                    + " purpose, reason, prev_hash, hash, form, subject_index, actor_index";

    private final DataSource dataSource;
    private final SubjectSealing sealing;

    @Inject
    public ChainRepository(DataSource dataSource, SubjectSealing sealing) {
        this.dataSource = dataSource;
        this.sealing = sealing;
    }

    /** The operations on a connection the caller owns (the command-line tools, tests). */
    public static ChainStore.Session on(Connection c) {
        return new JdbcSession(c);
    }

    @Override
    public <T> T session(Work<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return work.apply(new JdbcSession(c));
        }
    }

    @Override
    public <T> T transaction(Work<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.apply(new JdbcSession(c));
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    @Override
    public List<ChainedRecord> search(AuditSearch.Criteria criteria, int limit) throws SQLException {
        List<Object> params = new ArrayList<>();
        String where = where(criteria, params);
        try (Connection c = dataSource.getConnection();
                var s = c.prepareStatement(
                        "SELECT " + COLUMNS + " FROM audit_record WHERE " + where + " ORDER BY seq LIMIT ?")) {
            s.setInt(bind(s, params), limit);
            var out = new ArrayList<ChainedRecord>();
            try (var rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            return out;
        }
    }

    @Override
    public long count(AuditSearch.Criteria criteria) throws SQLException {
        List<Object> params = new ArrayList<>();
        String where = where(criteria, params);
        try (Connection c = dataSource.getConnection();
                var s = c.prepareStatement("SELECT count(*) FROM audit_record WHERE " + where)) {
            bind(s, params);
            try (var rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Override
    public void stream(AuditSearch.Criteria criteria, Consumer<ChainedRecord> sink) throws SQLException {
        List<Object> params = new ArrayList<>();
        String where = where(criteria, params);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setReadOnly(true);
            try {
                forEachWhere(c, where, params, sink);
            } finally {
                c.rollback();
                c.setReadOnly(false);
                c.setAutoCommit(true);
            }
        }
    }

    /** The search criteria as a WHERE clause with positional parameters; seq is the cursor. */
    private String where(AuditSearch.Criteria c, List<Object> params) {
        var where = new StringBuilder("seq > ?");
        params.add(c.after());
        if (c.from() != null) {
            where.append(" AND occurred_at >= ?");
            params.add(c.from().atOffset(ZoneOffset.UTC));
        }
        if (c.to() != null) {
            where.append(" AND occurred_at < ?");
            params.add(c.to().atOffset(ZoneOffset.UTC));
        }
        if (c.subject() != null) {
            // form 1 holds the actor in clear; form 2 only its blind index
            where.append(" AND (form = 1 AND actor_subject = ? OR actor_index = ?)");
            params.add(c.subject());
            params.add(sealing.actorIndex(c.subject()));
        }
        eq(where, params, "actor_client", c.clientId());
        eq(where, params, "object_type", c.objectType());
        eq(where, params, "object_id", c.objectId());
        eq(where, params, "action", c.action());
        eq(where, params, "outcome", c.outcome());
        eq(where, params, "correlation_id", c.correlationId());
        if (c.dataSubject() != null) {
            where.append(" AND (form = 1 AND data_subject = ? OR subject_index = ? AND purpose IS NOT NULL)");
            params.add(c.dataSubject());
            params.add(sealing.subjectIndex(c.dataSubject()));
        }
        if (c.about() != null) {
            where.append(" AND (form = 1 AND (actor_subject = ? OR data_subject = ?) OR subject_index = ?)");
            params.add(c.about());
            params.add(c.about());
            params.add(sealing.subjectIndex(c.about()));
        }
        eq(where, params, "event_type", c.eventType());
        return where.toString();
    }

    /** Sets the positional parameters from 1 on; returns the index of the next one. */
    private static int bind(java.sql.PreparedStatement s, List<Object> params) throws SQLException {
        int i = 1;
        for (Object p : params) {
            s.setObject(i++, p);
        }
        return i;
    }

    private static void eq(StringBuilder where, List<Object> params, String column, String value) {
        if (value != null) {
            where.append(" AND ").append(column).append(" = ?");
            params.add(value);
        }
    }

    /** Streams the records matching {@code where} (positional parameters) in position order. */
    private static void forEachWhere(Connection c, String where, List<Object> params, Consumer<ChainedRecord> sink)
            throws SQLException {
        try (var s = c.prepareStatement("SELECT " + COLUMNS + " FROM audit_record WHERE " + where + " ORDER BY seq")) {
            s.setFetchSize(5_000);
            bind(s, params);
            try (var rs = s.executeQuery()) {
                while (rs.next()) {
                    sink.accept(read(rs));
                }
            }
        }
    }

    private record JdbcSession(Connection c) implements ChainStore.Session {

        @Override
        public ChainHead lockHead() throws SQLException {
            return readHead("SELECT seq, hash FROM audit_chain_head WHERE id = 1 FOR UPDATE");
        }

        @Override
        public ChainHead head() throws SQLException {
            return readHead("SELECT seq, hash FROM audit_chain_head WHERE id = 1");
        }

        private ChainHead readHead(String sql) throws SQLException {
            try (var s = c.prepareStatement(sql);
                    var rs = s.executeQuery()) {
                rs.next();
                return new ChainHead(rs.getLong(1), rs.getBytes(2));
            }
        }

        @Override
        public void moveHead(ChainHead head) throws SQLException {
            try (var s = c.prepareStatement("UPDATE audit_chain_head SET seq = ?, hash = ? WHERE id = 1")) {
                s.setLong(1, head.seq());
                s.setBytes(2, head.hash());
                s.executeUpdate();
            }
        }

        @Override
        public Set<String> markProcessed(String consumer, List<String> eventIds, Instant at) throws SQLException {
            var fresh = new HashSet<String>();
            try (var s = c.prepareStatement("INSERT INTO processed_event (consumer, event_id, processed_at)"
                    + " SELECT ?, e, ? FROM unnest(?::varchar[]) AS e ON CONFLICT DO NOTHING RETURNING event_id")) {
                s.setString(1, consumer);
                s.setObject(2, at.atOffset(ZoneOffset.UTC));
                s.setArray(3, c.createArrayOf("varchar", eventIds.toArray()));
                try (var rs = s.executeQuery()) {
                    while (rs.next()) {
                        fresh.add(rs.getString(1));
                    }
                }
            }
            return fresh;
        }

        @Override
        public void insert(List<ChainedRecord> records) throws SQLException {
            try (var s = c.prepareStatement("INSERT INTO audit_record (" + COLUMNS
                    + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                for (ChainedRecord cr : records) {
                    AuditRecord r = cr.record();
                    var pd = r.personalData();
                    var sealed = cr.sealed();
                    s.setLong(1, cr.seq());
                    s.setObject(2, r.id());
                    s.setObject(3, r.occurredAt().atOffset(ZoneOffset.UTC));
                    s.setObject(4, cr.recordedAt().atOffset(ZoneOffset.UTC));
                    s.setString(5, r.sourceService());
                    s.setString(6, r.eventType());
                    s.setString(7, r.action());
                    s.setString(8, r.objectType());
                    s.setString(9, r.objectId());
                    s.setString(10, r.outcome());
                    s.setString(
                            11,
                            sealed != null ? sealed.actorSubject() : r.actor().subject());
                    s.setString(12, r.actor().clientId());
                    s.setArray(13, c.createArrayOf("text", r.actor().roles().toArray()));
                    s.setString(
                            14, sealed != null ? sealed.originIp() : r.origin().ip());
                    s.setString(
                            15, sealed != null ? sealed.userAgent() : r.origin().userAgent());
                    s.setString(16, r.correlationId());
                    s.setString(17, sealed != null ? sealed.dataSubject() : pd == null ? null : pd.dataSubject());
                    s.setArray(
                            18,
                            pd == null
                                    ? null
                                    : c.createArrayOf("text", pd.fields().toArray()));
                    s.setString(19, pd == null ? null : pd.purpose());
                    s.setString(20, sealed != null ? sealed.reason() : pd == null ? null : pd.reason());
                    s.setBytes(21, cr.prevHash());
                    s.setBytes(22, cr.hash());
                    s.setShort(23, (short) cr.form());
                    s.setString(24, sealed == null ? null : sealed.subjectIndex());
                    s.setString(25, sealed == null ? null : sealed.actorIndex());
                    s.addBatch();
                }
                s.executeBatch();
            }
        }

        @Override
        public void forEach(long fromExclusive, long toInclusive, Consumer<ChainedRecord> sink) throws SQLException {
            forEachWhere(c, "seq > ? AND seq <= ?", List.of(fromExclusive, toInclusive), sink);
        }

        @Override
        public Optional<ChainHead> headAt(long seq) throws SQLException {
            try (var s = c.prepareStatement("SELECT hash FROM audit_record WHERE seq = ?")) {
                s.setLong(1, seq);
                try (var rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(new ChainHead(seq, rs.getBytes(1))) : Optional.empty();
                }
            }
        }

        @Override
        public long lastSeqRecordedBefore(Instant instant) throws SQLException {
            try (var s = c.prepareStatement("SELECT coalesce(max(seq), 0) FROM audit_record WHERE recorded_at < ?")) {
                s.setObject(1, instant.atOffset(ZoneOffset.UTC));
                try (var rs = s.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        }

        @Override
        public Map<String, PublicKey> publicKeys() throws SQLException {
            var keys = new HashMap<String, PublicKey>();
            try (var s = c.prepareStatement("SELECT key_id, public_key FROM audit_signing_key WHERE algorithm = ?")) {
                s.setString(1, Ed25519SignatureCheck.ALGORITHM);
                try (var rs = s.executeQuery()) {
                    while (rs.next()) {
                        keys.put(rs.getString(1), Ed25519SignatureCheck.publicKey(rs.getBytes(2)));
                    }
                }
            }
            return keys;
        }

        @Override
        public List<SigningKey> signingKeys() throws SQLException {
            var keys = new ArrayList<SigningKey>();
            try (var s = c.prepareStatement(
                            "SELECT key_id, algorithm, public_key FROM audit_signing_key ORDER BY created_at");
                    var rs = s.executeQuery()) {
                while (rs.next()) {
                    keys.add(new SigningKey(rs.getString(1), rs.getString(2), rs.getBytes(3)));
                }
            }
            return keys;
        }

        @Override
        public void registerKey(String keyId, String algorithm, byte[] publicKey, Instant at) throws SQLException {
            try (var s = c.prepareStatement(
                    "INSERT INTO audit_signing_key (key_id, algorithm, public_key, created_at) VALUES (?,?,?,?)"
                            + " ON CONFLICT (key_id) DO NOTHING")) {
                s.setString(1, keyId);
                s.setString(2, algorithm);
                s.setBytes(3, publicKey);
                s.setObject(4, at.atOffset(ZoneOffset.UTC));
                s.executeUpdate();
            }
        }

        @Override
        public void insertCheckpoint(Checkpoint cp) throws SQLException {
            try (var s = c.prepareStatement(
                    "INSERT INTO audit_checkpoint (seq, head_hash, created_at, key_id, algorithm, signature) VALUES (?,?,?,?,?,?)")) {
                s.setLong(1, cp.seq());
                s.setBytes(2, cp.headHash());
                s.setObject(3, cp.createdAt().atOffset(ZoneOffset.UTC));
                s.setString(4, cp.keyId());
                s.setString(5, cp.algorithm());
                s.setBytes(6, cp.signature());
                s.executeUpdate();
            }
        }

        @Override
        public List<Checkpoint> checkpoints(long fromExclusive, long toInclusive) throws SQLException {
            try (var s = c.prepareStatement(
                    "SELECT seq, head_hash, created_at, key_id, algorithm, signature FROM audit_checkpoint"
                            + " WHERE seq > ? AND seq <= ? ORDER BY seq")) {
                s.setLong(1, fromExclusive);
                s.setLong(2, toInclusive);
                var out = new ArrayList<Checkpoint>();
                try (var rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Checkpoint(
                                rs.getLong(1),
                                rs.getBytes(2),
                                rs.getObject(3, OffsetDateTime.class).toInstant(),
                                rs.getString(4),
                                rs.getString(5),
                                rs.getBytes(6)));
                    }
                }
                return out;
            }
        }

        @Override
        public long lastCheckpointSeq() throws SQLException {
            try (var s = c.prepareStatement("SELECT coalesce(max(seq), 0) FROM audit_checkpoint");
                    var rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }

        @Override
        public OptionalLong lastVerifiedCheckpointSeq() throws SQLException {
            try (var s = c.prepareStatement("SELECT max(cp.seq) FROM audit_checkpoint cp WHERE cp.seq <= "
                            + "(SELECT coalesce(max(to_seq), 0) FROM audit_verification v WHERE v.intact AND v.from_seq = 0"
                            + " OR v.intact AND v.from_seq IN (SELECT seq FROM audit_checkpoint))");
                    var rs = s.executeQuery()) {
                rs.next();
                long seq = rs.getLong(1);
                return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(seq);
            }
        }

        @Override
        public void recordVerification(VerificationReport r, Instant startedAt) throws SQLException {
            try (var s = c.prepareStatement(
                    "INSERT INTO audit_verification (started_at, from_seq, to_seq, records_checked, intact, findings)"
                            + " VALUES (?,?,?,?,?,?)")) {
                s.setObject(1, startedAt.atOffset(ZoneOffset.UTC));
                s.setLong(2, r.anchor().seq());
                s.setLong(3, r.last().seq());
                s.setLong(4, r.recordsChecked());
                s.setBoolean(5, r.intact());
                s.setInt(6, r.findings().size() + r.checkpointFindings().size());
                s.executeUpdate();
            }
        }

        /** V1 rows keep what V1 stored: its roles were one comma-separated text, its records all request audits. */
        @Override
        public List<LegacyRecord> unchainedLegacyRecords() throws SQLException {
            try (var s = c.prepareStatement(
                            "SELECT v.id, v.occurred_at, v.recorded_at, v.source_service, v.action, v.object_type,"
                                    + " v.object_id, v.outcome, v.actor_subject, v.actor_client, v.actor_roles, v.origin_ip, v.user_agent, v.correlation_id"
                                    + " FROM audit_record_v1 v WHERE NOT EXISTS (SELECT 1 FROM audit_record r WHERE r.id = v.id) ORDER BY v.recorded_at, v.id");
                    var rs = s.executeQuery()) {
                var rows = new ArrayList<LegacyRecord>();
                while (rs.next()) {
                    String roles = rs.getString("actor_roles");
                    var record = record(
                            rs,
                            AuditRecord.REQUEST_AUDIT_V1,
                            roles == null || roles.isEmpty() ? List.of() : Arrays.asList(roles.split(",")),
                            null);
                    rows.add(new LegacyRecord(record, instant(rs, "recorded_at")));
                }
                return rows;
            }
        }

        @Override
        public void appendToOutbox(OutboxEvent e) throws SQLException {
            try (var s = c.prepareStatement(
                    "INSERT INTO outbox_event (id, aggregate_type, aggregate_id, type, topic, payload, created_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                s.setObject(1, e.id());
                s.setString(2, e.aggregateType());
                s.setString(3, e.aggregateId());
                s.setString(4, e.type());
                s.setString(5, e.topic());
                s.setString(6, e.payload());
                s.setObject(7, e.createdAt().atOffset(ZoneOffset.UTC));
                s.executeUpdate();
            }
        }

        @Override
        public <T> T snapshot(Work<T> work) throws SQLException {
            boolean autoCommit = c.getAutoCommit();
            int isolation = c.getTransactionIsolation();
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            try {
                T result = work.apply(this);
                c.commit();
                return result;
            } finally {
                c.rollback();
                c.setReadOnly(false);
                c.setTransactionIsolation(isolation);
                c.setAutoCommit(autoCommit);
            }
        }

        @Override
        public <T> T readTransaction(Work<T> work) throws SQLException {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                return work.apply(this);
            } finally {
                c.rollback();
                c.setAutoCommit(autoCommit);
            }
        }
    }

    /**
     * A stored row: form 1 as it is; form 2 with its sealed texts in {@link Sealed} and the record's personal fields
     * null (opened by {@link SubjectSealing#open}).
     */
    static ChainedRecord read(ResultSet rs) throws SQLException {
        Sealed sealed = rs.getShort("form") == 2
                ? new Sealed(
                        rs.getString("subject_index"),
                        rs.getString("actor_index"),
                        rs.getString("actor_subject"),
                        rs.getString("origin_ip"),
                        rs.getString("user_agent"),
                        rs.getString("data_subject"),
                        rs.getString("reason"))
                : null;
        String dataSubject = sealed == null ? rs.getString("data_subject") : null;
        String purpose = rs.getString("purpose");
        var personal = dataSubject == null && purpose == null
                ? null
                : new AuditRecord.PersonalDataAccess(
                        dataSubject,
                        strings(rs.getArray("data_fields")),
                        purpose,
                        sealed == null ? rs.getString("reason") : null);
        var record = sealed == null
                ? record(rs, rs.getString("event_type"), strings(rs.getArray("actor_roles")), personal)
                : sealedRecord(rs, personal);
        return new ChainedRecord(
                rs.getLong("seq"),
                instant(rs, "recorded_at"),
                record,
                rs.getBytes("prev_hash"),
                rs.getBytes("hash"),
                sealed);
    }

    private static AuditRecord sealedRecord(ResultSet rs, AuditRecord.PersonalDataAccess personal) throws SQLException {
        return new AuditRecord(
                rs.getObject("id", UUID.class),
                instant(rs, "occurred_at"),
                rs.getString("source_service"),
                rs.getString("event_type"),
                rs.getString("action"),
                rs.getString("object_type"),
                rs.getString("object_id"),
                rs.getString("outcome"),
                new AuditRecord.Actor(null, rs.getString("actor_client"), strings(rs.getArray("actor_roles"))),
                new AuditRecord.Origin(null, null),
                rs.getString("correlation_id"),
                personal);
    }

    /** The columns a chained row and a V1 row share, as a record; its type, roles and personal data as given. */
    private static AuditRecord record(
            ResultSet rs, String eventType, List<String> roles, AuditRecord.PersonalDataAccess personal)
            throws SQLException {
        return new AuditRecord(
                rs.getObject("id", UUID.class),
                instant(rs, "occurred_at"),
                rs.getString("source_service"),
                eventType,
                rs.getString("action"),
                rs.getString("object_type"),
                rs.getString("object_id"),
                rs.getString("outcome"),
                new AuditRecord.Actor(rs.getString("actor_subject"), rs.getString("actor_client"), roles),
                new AuditRecord.Origin(rs.getString("origin_ip"), rs.getString("user_agent")),
                rs.getString("correlation_id"),
                personal);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? null : Arrays.asList((String[]) array.getArray());
    }
}

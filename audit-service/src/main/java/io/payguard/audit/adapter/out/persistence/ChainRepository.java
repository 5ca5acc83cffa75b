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
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import io.payguard.audit.domain.AuditRecord;
import io.payguard.audit.domain.chain.ChainHead;
import io.payguard.audit.domain.chain.ChainedRecord;
import io.payguard.audit.domain.chain.Checkpoint;
import io.payguard.audit.domain.chain.Ed25519SignatureCheck;

/**
 * The chain tables over plain JDBC: shared by the service (through its Agroal pool) and the command-line
 * verifier (through DriverManager), so both read the chain with the same code. Callers own the connection and
 * its transaction.
 */
public final class ChainRepository {

    static final String COLUMNS = "seq, id, occurred_at, recorded_at, source_service, event_type, action, object_type, object_id,"
            + " outcome, actor_subject, actor_client, actor_roles, origin_ip, user_agent, correlation_id, data_subject, data_fields,"
            + " purpose, reason, prev_hash, hash";

    /** Locks the head row: appenders on every replica serialise here. */
    public ChainHead lockHead(Connection c) throws SQLException {
        try (var s = c.prepareStatement("SELECT seq, hash FROM audit_chain_head WHERE id = 1 FOR UPDATE"); var rs = s.executeQuery()) {
            rs.next();
            return new ChainHead(rs.getLong(1), rs.getBytes(2));
        }
    }

    public ChainHead head(Connection c) throws SQLException {
        try (var s = c.prepareStatement("SELECT seq, hash FROM audit_chain_head WHERE id = 1"); var rs = s.executeQuery()) {
            rs.next();
            return new ChainHead(rs.getLong(1), rs.getBytes(2));
        }
    }

    public void moveHead(Connection c, ChainHead head) throws SQLException {
        try (var s = c.prepareStatement("UPDATE audit_chain_head SET seq = ?, hash = ? WHERE id = 1")) {
            s.setLong(1, head.seq());
            s.setBytes(2, head.hash());
            s.executeUpdate();
        }
    }

    /** Marks the events processed for {@code consumer}; returns the ids that were new (idempotent-consumer record). */
    public Set<String> markProcessed(Connection c, String consumer, List<String> eventIds, Instant at) throws SQLException {
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

    public void insert(Connection c, List<ChainedRecord> records) throws SQLException {
        try (var s = c.prepareStatement("INSERT INTO audit_record (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
            for (ChainedRecord cr : records) {
                AuditRecord r = cr.record();
                var pd = r.personalData();
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
                s.setString(11, r.actor().subject());
                s.setString(12, r.actor().clientId());
                s.setArray(13, c.createArrayOf("text", r.actor().roles().toArray()));
                s.setString(14, r.origin().ip());
                s.setString(15, r.origin().userAgent());
                s.setString(16, r.correlationId());
                s.setString(17, pd == null ? null : pd.dataSubject());
                s.setArray(18, pd == null ? null : c.createArrayOf("text", pd.fields().toArray()));
                s.setString(19, pd == null ? null : pd.purpose());
                s.setString(20, pd == null ? null : pd.reason());
                s.setBytes(21, cr.prevHash());
                s.setBytes(22, cr.hash());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** Streams the records with from < seq <= to in position order (cursor fetch needs autocommit off). */
    public void forEach(Connection c, long fromExclusive, long toInclusive, Consumer<ChainedRecord> sink) throws SQLException {
        forEachWhere(c, "seq > ? AND seq <= ?", List.of(fromExclusive, toInclusive), sink);
    }

    /** Streams the records matching {@code where} (positional parameters) in position order. */
    public void forEachWhere(Connection c, String where, List<Object> params, Consumer<ChainedRecord> sink) throws SQLException {
        try (var s = c.prepareStatement("SELECT " + COLUMNS + " FROM audit_record WHERE " + where + " ORDER BY seq")) {
            s.setFetchSize(5_000);
            int i = 1;
            for (Object p : params) {
                s.setObject(i++, p);
            }
            try (var rs = s.executeQuery()) {
                while (rs.next()) {
                    sink.accept(read(rs));
                }
            }
        }
    }

    /** Runs a filtered, keyset-paginated query: {@code where} uses positional parameters, seq is the cursor. */
    public List<ChainedRecord> query(Connection c, String where, List<Object> params, int limit) throws SQLException {
        try (var s = c.prepareStatement("SELECT " + COLUMNS + " FROM audit_record WHERE " + where + " ORDER BY seq LIMIT ?")) {
            int i = 1;
            for (Object p : params) {
                s.setObject(i++, p);
            }
            s.setInt(i, limit);
            var out = new ArrayList<ChainedRecord>();
            try (var rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            return out;
        }
    }

    public Map<String, PublicKey> publicKeys(Connection c) throws SQLException {
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

    public void registerKey(Connection c, String keyId, String algorithm, byte[] publicKey, Instant at) throws SQLException {
        try (var s = c.prepareStatement("INSERT INTO audit_signing_key (key_id, algorithm, public_key, created_at) VALUES (?,?,?,?)"
                + " ON CONFLICT (key_id) DO NOTHING")) {
            s.setString(1, keyId);
            s.setString(2, algorithm);
            s.setBytes(3, publicKey);
            s.setObject(4, at.atOffset(ZoneOffset.UTC));
            s.executeUpdate();
        }
    }

    public void insertCheckpoint(Connection c, Checkpoint cp) throws SQLException {
        try (var s = c.prepareStatement("INSERT INTO audit_checkpoint (seq, head_hash, created_at, key_id, algorithm, signature) VALUES (?,?,?,?,?,?)")) {
            s.setLong(1, cp.seq());
            s.setBytes(2, cp.headHash());
            s.setObject(3, cp.createdAt().atOffset(ZoneOffset.UTC));
            s.setString(4, cp.keyId());
            s.setString(5, cp.algorithm());
            s.setBytes(6, cp.signature());
            s.executeUpdate();
        }
    }

    /** Checkpoints with from < seq <= to, in order. */
    public List<Checkpoint> checkpoints(Connection c, long fromExclusive, long toInclusive) throws SQLException {
        try (var s = c.prepareStatement("SELECT seq, head_hash, created_at, key_id, algorithm, signature FROM audit_checkpoint"
                + " WHERE seq > ? AND seq <= ? ORDER BY seq")) {
            s.setLong(1, fromExclusive);
            s.setLong(2, toInclusive);
            var out = new ArrayList<Checkpoint>();
            try (var rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new Checkpoint(rs.getLong(1), rs.getBytes(2), rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getString(4),
                            rs.getString(5), rs.getBytes(6)));
                }
            }
            return out;
        }
    }

    public long lastCheckpointSeq(Connection c) throws SQLException {
        try (var s = c.prepareStatement("SELECT coalesce(max(seq), 0) FROM audit_checkpoint"); var rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static ChainedRecord read(ResultSet rs) throws SQLException {
        String dataSubject = rs.getString("data_subject");
        var personal = dataSubject == null ? null
                : new AuditRecord.PersonalDataAccess(dataSubject, strings(rs.getArray("data_fields")), rs.getString("purpose"), rs.getString("reason"));
        var record = new AuditRecord(rs.getObject("id", UUID.class), instant(rs, "occurred_at"), rs.getString("source_service"),
                rs.getString("event_type"), rs.getString("action"), rs.getString("object_type"), rs.getString("object_id"),
                rs.getString("outcome"),
                new AuditRecord.Actor(rs.getString("actor_subject"), rs.getString("actor_client"), strings(rs.getArray("actor_roles"))),
                new AuditRecord.Origin(rs.getString("origin_ip"), rs.getString("user_agent")), rs.getString("correlation_id"), personal);
        return new ChainedRecord(rs.getLong("seq"), instant(rs, "recorded_at"), record, rs.getBytes("prev_hash"), rs.getBytes("hash"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? null : Arrays.asList((String[]) array.getArray());
    }


}

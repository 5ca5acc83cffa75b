package io.payguard.audit.adapter.out.crypto;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import io.payguard.platform.protection.envelope.SubjectKey;

/**
 * The kit's {@code protection_subject_key} table over JDBC (the kit's own {@code SubjectKeys} is Hibernate Reactive;
 * audit-service seals on its JDBC appender thread). Keys are named by the subject's blind index, so the table holds no
 * subject id of the trail.
 */
final class SubjectKeyStore {

    private SubjectKeyStore() {}

    /** Every stored version of the named keys: name → version → key (destroyed keys have no wrapped bytes). */
    static Map<String, Map<Integer, SubjectKey>> keys(Connection c, Collection<String> names) throws SQLException {
        var out = new HashMap<String, Map<Integer, SubjectKey>>();
        if (names.isEmpty()) {
            return out;
        }
        try (var s = c.prepareStatement("SELECT subject, version, wrapped_key, kek_name, kek_version"
                + " FROM protection_subject_key WHERE subject = ANY(?)")) {
            s.setArray(1, c.createArrayOf("varchar", names.toArray()));
            try (var rs = s.executeQuery()) {
                while (rs.next()) {
                    var key = new SubjectKey(
                            rs.getString(1), rs.getInt(2), rs.getBytes(3), rs.getString(4), rs.getInt(5));
                    out.computeIfAbsent(key.subject(), k -> new HashMap<>()).put(key.version(), key);
                }
            }
        }
        return out;
    }

    /** Stores a new key unless one of that name and version exists (another replica won): true when stored. */
    static boolean insert(Connection c, SubjectKey key, Instant at) throws SQLException {
        try (var s = c.prepareStatement("INSERT INTO protection_subject_key"
                + " (subject, version, wrapped_key, kek_name, kek_version, created_at, destroyed_at)"
                + " VALUES (?,?,?,?,?,?,?) ON CONFLICT (subject, version) DO NOTHING")) {
            s.setString(1, key.subject());
            s.setInt(2, key.version());
            s.setBytes(3, key.wrapped());
            s.setString(4, key.kekName());
            s.setInt(5, key.kekVersion());
            s.setObject(6, at.atOffset(ZoneOffset.UTC));
            s.setObject(7, key.destroyed() ? at.atOffset(ZoneOffset.UTC) : null);
            return s.executeUpdate() == 1;
        }
    }

    /** Nulls every wrapped version of the named key; returns how many were destroyed. */
    static int destroy(Connection c, String name, Instant at) throws SQLException {
        try (var s = c.prepareStatement("UPDATE protection_subject_key SET wrapped_key = NULL, destroyed_at = ?"
                + " WHERE subject = ? AND wrapped_key IS NOT NULL")) {
            s.setObject(1, at.atOffset(ZoneOffset.UTC));
            s.setString(2, name);
            return s.executeUpdate();
        }
    }
}

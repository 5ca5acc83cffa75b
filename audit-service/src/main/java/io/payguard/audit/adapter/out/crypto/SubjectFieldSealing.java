package io.payguard.audit.adapter.out.crypto;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.audit.application.port.SubjectSealing;
import io.payguard.audit.domain.AuditRecord;
import io.payguard.audit.domain.chain.ChainedRecord;
import io.payguard.audit.domain.chain.Sealed;
import io.payguard.platform.protection.envelope.BlindIndex;
import io.payguard.platform.protection.envelope.FieldContext;
import io.payguard.platform.protection.envelope.FieldEncryptor;
import io.payguard.platform.protection.envelope.FieldValue;
import io.payguard.platform.protection.envelope.SubjectKey;
import io.payguard.platform.protection.envelope.SubjectKeyring;
import io.payguard.platform.protection.kms.KmsException;

/**
 * {@link SubjectSealing} with the protection kit: {@link FieldEncryptor} (AES-256-GCM under the subject's data key,
 * bound to table, column, record id and key name), {@link SubjectKeyring} (data keys unwrapped once and cached),
 * {@link BlindIndex} (HMAC of the subject under the KMS MAC key). The data key of a subject is named by its subject
 * index; the wrapped keys are read once per batch or page over JDBC ({@link SubjectKeyStore}), so a shredded key is
 * seen at once by every replica. Blind indexes are cached (bounded): with Vault each one is a Transit call.
 */
@ApplicationScoped
public class SubjectFieldSealing implements SubjectSealing {

    static final String TABLE = "audit_record";
    private static final int MAX_CACHED_INDEXES = 10_000;

    private final DataSource dataSource;
    private final SubjectKeyring keyring;
    private final FieldEncryptor encryptor;
    private final BlindIndex blindIndex;
    private final Clock clock;
    private final Map<String, String> indexes = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > MAX_CACHED_INDEXES;
        }
    });

    public SubjectFieldSealing(
            DataSource dataSource,
            SubjectKeyring keyring,
            FieldEncryptor encryptor,
            BlindIndex blindIndex,
            Clock clock) {
        this.dataSource = dataSource;
        this.keyring = keyring;
        this.encryptor = encryptor;
        this.blindIndex = blindIndex;
        this.clock = clock;
    }

    /** The subject a record's personal fields are sealed for: the data subject, else the actor. */
    static String keySubject(AuditRecord r) {
        var pd = r.personalData();
        if (pd != null && pd.dataSubject() != null) {
            return pd.dataSubject();
        }
        return r.actor().subject();
    }

    @Override
    public String subjectIndex(String subject) {
        return index("subject", subject);
    }

    @Override
    public String actorIndex(String subject) {
        return index("actor_subject", subject);
    }

    private String index(String column, String subject) {
        if (subject == null) {
            return null;
        }
        String name = column + '\u0000' + subject;
        String cached = indexes.get(name);
        if (cached != null) {
            return cached;
        }
        String computed = blindIndex.of(TABLE, column, subject.strip());
        indexes.put(name, computed);
        return computed;
    }

    @Override
    public List<Sealed> seal(List<AuditRecord> records) throws SQLException {
        var names = new LinkedHashSet<String>();
        for (AuditRecord r : records) {
            String subject = keySubject(r);
            if (subject != null) {
                names.add(subjectIndex(subject));
            }
        }
        Map<String, SubjectKey> current = names.isEmpty() ? Map.of() : currentKeys(names);
        var out = new ArrayList<Sealed>(records.size());
        for (AuditRecord r : records) {
            String subject = keySubject(r);
            out.add(subject == null ? null : seal(r, current.get(subjectIndex(subject))));
        }
        return out;
    }

    private Sealed seal(AuditRecord r, SubjectKey key) {
        var pd = r.personalData();
        String id = r.id().toString();
        return new Sealed(
                key.subject(),
                actorIndex(r.actor().subject()),
                encrypt(key, id, "actor_subject", r.actor().subject()),
                encrypt(key, id, "origin_ip", r.origin().ip()),
                encrypt(key, id, "user_agent", r.origin().userAgent()),
                encrypt(key, id, "data_subject", pd == null ? null : pd.dataSubject()),
                encrypt(key, id, "reason", pd == null ? null : pd.reason()));
    }

    private String encrypt(SubjectKey key, String id, String column, String value) {
        if (value == null) {
            return null;
        }
        if (key.destroyed()) {
            return Sealed.ERASED;
        }
        return encryptor.encrypt(key, new FieldContext(TABLE, column, id, key.subject()), value);
    }

    /** The latest key of each name, created (version 1) where there is none; unwrapped into the keyring's cache. */
    private Map<String, SubjectKey> currentKeys(Set<String> names) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            var stored = SubjectKeyStore.keys(c, names);
            var current = new HashMap<String, SubjectKey>();
            for (String name : names) {
                var versions = stored.get(name);
                SubjectKey key = versions == null ? create(c, name) : latest(versions);
                current.put(name, keyring.load(key));
            }
            return current;
        }
    }

    private SubjectKey create(Connection c, String name) throws SQLException {
        SubjectKey created = keyring.create(name, 1);
        if (SubjectKeyStore.insert(c, created, clock.instant())) {
            return created;
        }
        keyring.forget(name); // another replica stored its key first: use that one
        return latest(SubjectKeyStore.keys(c, List.of(name)).get(name));
    }

    private static SubjectKey latest(Map<Integer, SubjectKey> versions) {
        SubjectKey latest = null;
        for (SubjectKey k : versions.values()) {
            if (k.destroyed()) {
                return k;
            }
            if (latest == null || k.version() > latest.version()) {
                latest = k;
            }
        }
        return latest;
    }

    @Override
    public List<ChainedRecord> open(List<ChainedRecord> stored) throws SQLException {
        var names = new LinkedHashSet<String>();
        stored.stream()
                .filter(r -> r.sealed() != null)
                .forEach(r -> names.add(r.sealed().subjectIndex()));
        if (names.isEmpty()) {
            return stored;
        }
        Map<String, Map<Integer, SubjectKey>> keys;
        try (Connection c = dataSource.getConnection()) {
            keys = SubjectKeyStore.keys(c, names);
        }
        var out = new ArrayList<ChainedRecord>(stored.size());
        for (ChainedRecord r : stored) {
            out.add(
                    r.sealed() == null
                            ? r
                            : r.withRecord(open(r, keys.getOrDefault(r.sealed().subjectIndex(), Map.of()))));
        }
        return out;
    }

    private AuditRecord open(ChainedRecord stored, Map<Integer, SubjectKey> keys) {
        var r = stored.record();
        var s = stored.sealed();
        String id = r.id().toString();
        var pd = r.personalData();
        return new AuditRecord(
                r.id(),
                r.occurredAt(),
                r.sourceService(),
                r.eventType(),
                r.action(),
                r.objectType(),
                r.objectId(),
                r.outcome(),
                new AuditRecord.Actor(
                        decrypt(keys, s, id, "actor_subject", s.actorSubject()),
                        r.actor().clientId(),
                        r.actor().roles()),
                new AuditRecord.Origin(
                        decrypt(keys, s, id, "origin_ip", s.originIp()),
                        decrypt(keys, s, id, "user_agent", s.userAgent())),
                r.correlationId(),
                pd == null
                        ? null
                        : new AuditRecord.PersonalDataAccess(
                                decrypt(keys, s, id, "data_subject", s.dataSubject()),
                                pd.fields(),
                                pd.purpose(),
                                decrypt(keys, s, id, "reason", s.reason())));
    }

    /** The plaintext, or null when erased, shredded or not openable (reads never fail on a field). */
    private String decrypt(Map<Integer, SubjectKey> keys, Sealed s, String id, String column, String value) {
        if (!FieldEncryptor.isEncrypted(value)) {
            return null;
        }
        try {
            SubjectKey key = keys.get(FieldEncryptor.keyVersion(value));
            if (key == null || key.destroyed()) {
                return null;
            }
            FieldValue v =
                    encryptor.decrypt(keyring.load(key), new FieldContext(TABLE, column, id, s.subjectIndex()), value);
            return v.orElse(null);
        } catch (KmsException | IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public int shred(String subject) throws SQLException {
        String name = subjectIndex(subject);
        keyring.forget(name);
        try (Connection c = dataSource.getConnection()) {
            var at = clock.instant();
            int destroyed = SubjectKeyStore.destroy(c, name, at);
            if (destroyed == 0) {
                SubjectKeyStore.insert(c, new SubjectKey(name, 1, null, keyring.kekName(), 0), at);
            }
            return destroyed;
        } finally {
            keyring.forget(name);
        }
    }
}

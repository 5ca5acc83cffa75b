package io.payguard.audit.application;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.audit.application.port.ReportStore;
import io.payguard.audit.application.port.SubjectSealing;
import io.payguard.audit.domain.chain.ChainedRecord;

/**
 * Compliance reports over a time range [from, to): {@link ReportStore} selects each report's records, they are opened
 * (personal fields decrypted, null where erased) and grouped here (README "Reports" says what each counts); rows are
 * plain column maps, timestamps as ISO-8601 text.
 */
@ApplicationScoped
public class AuditReports {

    public enum Report {
        /** Failed authentications grouped by client and source address. */
        FAILED_AUTHENTICATIONS,
        /** API keys created, rotated, revoked or expired, in order. */
        API_KEY_LIFECYCLE,
        /** Personal-data accesses grouped by accessor and purpose. */
        PERSONAL_DATA_ACCESSES,
        /** Declines (risk decisions, refused holds) grouped by event type. */
        RISK_DECLINES,
        /** Actions by operators (admin roles), in order. */
        ADMIN_ACTIONS
    }

    /** Most records a report reads; most groups a grouped report shows. */
    static final int MAX_RECORDS = 100_000;

    static final int MAX_GROUPS = 1_000;
    static final int MAX_ROWS = 10_000;

    private final ReportStore store;
    private final SubjectSealing sealing;

    public AuditReports(ReportStore store, SubjectSealing sealing) {
        this.store = store;
        this.sealing = sealing;
    }

    public List<Map<String, Object>> run(Report report, Instant from, Instant to) {
        var groups = new LinkedHashMap<List<String>, Group>();
        var rows = new ArrayList<Map<String, Object>>();
        Consumer<ChainedRecord> sink = switch (report) {
            case FAILED_AUTHENTICATIONS ->
                r -> group(
                        groups,
                        r,
                        r.record().actor().clientId(),
                        r.record().origin().ip());
            case PERSONAL_DATA_ACCESSES ->
                r -> group(groups, r, r.record().actor().subject(), purpose(r));
            case RISK_DECLINES ->
                r -> group(groups, r, r.record().action(), r.record().sourceService());
            case API_KEY_LIFECYCLE -> r -> rows.add(apiKeyRow(r));
            case ADMIN_ACTIONS -> r -> rows.add(adminRow(r));
        };
        try {
            var opened = new OpenedRecords(sealing, sink);
            boolean grouped = report != Report.API_KEY_LIFECYCLE && report != Report.ADMIN_ACTIONS;
            store.forEach(report, from, to, grouped ? MAX_RECORDS : MAX_ROWS, opened);
            opened.flush();
            return grouped ? groupRows(report, groups) : rows;
        } catch (SQLException e) {
            throw new IllegalStateException("report " + report + " failed", e);
        }
    }

    /** The records of one group: how many, when first and last, which data subjects (sealed ones by their index). */
    private static final class Group {
        long count;
        Instant first;
        Instant last;
        final Set<String> subjects = new HashSet<>();
    }

    private static void group(Map<List<String>, Group> groups, ChainedRecord r, String a, String b) {
        var key = new ArrayList<String>(2);
        key.add(a);
        key.add(b);
        Group g = groups.computeIfAbsent(key, k -> new Group());
        g.count++;
        Instant at = r.record().occurredAt();
        g.first = g.first == null || at.isBefore(g.first) ? at : g.first;
        g.last = g.last == null || at.isAfter(g.last) ? at : g.last;
        var pd = r.record().personalData();
        if (pd != null) {
            g.subjects.add(
                    pd.dataSubject() != null ? pd.dataSubject() : r.sealed().subjectIndex());
        }
    }

    private static String purpose(ChainedRecord r) {
        return r.record().personalData() == null
                ? null
                : r.record().personalData().purpose();
    }

    private static List<Map<String, Object>> groupRows(Report report, Map<List<String>, Group> groups) {
        var rows = new ArrayList<Map<String, Object>>();
        groups.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<List<String>, Group> e) -> e.getValue().count)
                        .reversed())
                .limit(MAX_GROUPS)
                .forEach(e -> rows.add(groupRow(report, e.getKey(), e.getValue())));
        return rows;
    }

    private static Map<String, Object> groupRow(Report report, List<String> key, Group g) {
        var row = new LinkedHashMap<String, Object>();
        switch (report) {
            case FAILED_AUTHENTICATIONS -> {
                row.put("clientId", key.get(0));
                row.put("sourceIp", key.get(1));
                row.put("count", g.count);
                row.put("first", g.first.toString());
                row.put("last", g.last.toString());
            }
            case PERSONAL_DATA_ACCESSES -> {
                row.put("accessor", key.get(0));
                row.put("purpose", key.get(1));
                row.put("accesses", g.count);
                row.put("dataSubjects", (long) g.subjects.size());
            }
            default -> {
                row.put("action", key.get(0));
                row.put("service", key.get(1));
                row.put("count", g.count);
            }
        }
        return row;
    }

    private static Map<String, Object> apiKeyRow(ChainedRecord c) {
        var r = c.record();
        var row = new LinkedHashMap<String, Object>();
        row.put("seq", c.seq());
        row.put("occurredAt", r.occurredAt().toString());
        row.put("action", r.action());
        row.put("keyId", r.objectId());
        row.put("actor", r.actor().subject());
        row.put("clientId", r.actor().clientId());
        row.put("outcome", r.outcome());
        return row;
    }

    private static Map<String, Object> adminRow(ChainedRecord c) {
        var r = c.record();
        var row = new LinkedHashMap<String, Object>();
        row.put("seq", c.seq());
        row.put("occurredAt", r.occurredAt().toString());
        row.put("actor", r.actor().subject());
        row.put("action", r.action());
        row.put("objectType", r.objectType());
        row.put("objectId", r.objectId());
        row.put("outcome", r.outcome());
        return row;
    }
}

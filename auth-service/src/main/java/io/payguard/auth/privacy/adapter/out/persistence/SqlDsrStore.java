package io.payguard.auth.privacy.adapter.out.persistence;

import static io.payguard.platform.messaging.NativeSql.instant;
import static io.payguard.platform.messaging.NativeSql.utc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.payguard.auth.privacy.application.port.DsrStore;
import io.payguard.auth.privacy.domain.DataSubjectRequest;
import io.payguard.auth.privacy.domain.DataSubjectRequest.Outcome;
import io.payguard.auth.privacy.domain.Replies;
import io.payguard.platform.messaging.NativeSql;
import io.smallrye.mutiny.Uni;

/** {@link DsrStore} on {@code data_subject_request} and {@code data_subject_request_reply}, native SQL in the caller's session. */
@ApplicationScoped
public class SqlDsrStore implements DsrStore {

    private static final String COLUMNS = "id, subject, type, status, jurisdiction, received_at, verified_at, deadline,"
            + " completed_at, refusal_code, refusal_detail, phase, phase_at, pseudonym, recipient_key, recipient_secret,"
            + " export_sealed, export_expires_at, outcome";
    private static final TypeReference<List<Outcome>> OUTCOMES = new TypeReference<>() {};

    /** A blocked reply's code and detail, as stored. */
    record Blocked(String code, String detail) {}

    private final ObjectMapper mapper;

    public SqlDsrStore(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public Uni<Void> add(DataSubjectRequest r) {
        return NativeSql.update(
                        "INSERT INTO data_subject_request (" + COLUMNS + ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
                                + " ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
                        values(r))
                .replaceWithVoid();
    }

    @Override
    public Uni<Optional<DataSubjectRequest>> find(String id) {
        return NativeSql.select("SELECT " + COLUMNS + " FROM data_subject_request WHERE id = ?1", List.of(id))
                .map(rows -> rows.stream().findFirst().map(this::request));
    }

    @Override
    public Uni<Optional<DataSubjectRequest>> lock(String id) {
        return NativeSql.select(
                        "SELECT " + COLUMNS + " FROM data_subject_request WHERE id = ?1 FOR UPDATE", List.of(id))
                .map(rows -> rows.stream().findFirst().map(this::request));
    }

    @Override
    public Uni<Void> update(DataSubjectRequest r) {
        return NativeSql.update(
                        "UPDATE data_subject_request SET subject = ?2, type = ?3, status = ?4, jurisdiction = ?5,"
                                + " received_at = ?6, verified_at = ?7, deadline = ?8, completed_at = ?9,"
                                + " refusal_code = ?10, refusal_detail = ?11, phase = ?12, phase_at = ?13,"
                                + " pseudonym = ?14, recipient_key = ?15, recipient_secret = ?16, export_sealed = ?17,"
                                + " export_expires_at = ?18, outcome = ?19 WHERE id = ?1",
                        values(r))
                .replaceWithVoid();
    }

    @Override
    public Uni<List<DataSubjectRequest>> list(String subject, String status, int limit) {
        var where = new ArrayList<String>();
        var params = new ArrayList<Object>();
        if (subject != null) {
            params.add(subject);
            where.add("subject = ?" + params.size());
        }
        if (status != null) {
            params.add(status);
            where.add("status = ?" + params.size());
        }
        params.add(limit);
        String sql = "SELECT " + COLUMNS + " FROM data_subject_request"
                + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY received_at DESC, id LIMIT ?" + params.size();
        return NativeSql.select(sql, params)
                .map(rows -> rows.stream().map(this::request).toList());
    }

    @Override
    public Uni<List<String>> due(Instant before, int limit) {
        return NativeSql.select(
                        "SELECT id, phase_at FROM data_subject_request WHERE phase IS NOT NULL AND phase_at < ?1"
                                + " ORDER BY phase_at LIMIT ?2",
                        List.of(utc(before), limit))
                .map(rows -> rows.stream().map(r -> (String) r[0]).toList());
    }

    @Override
    public Uni<List<String>> onHold(String subject) {
        return NativeSql.select(
                        "SELECT id, received_at FROM data_subject_request WHERE subject = ?1 AND status = ?2"
                                + " ORDER BY received_at",
                        List.of(subject, DataSubjectRequest.ON_HOLD))
                .map(rows -> rows.stream().map(r -> (String) r[0]).toList());
    }

    @Override
    public Uni<List<String>> expiredExports(Instant now, int limit) {
        return NativeSql.select(
                        "SELECT id, export_expires_at FROM data_subject_request WHERE export_sealed IS NOT NULL"
                                + " AND export_expires_at <= ?1 ORDER BY export_expires_at LIMIT ?2",
                        List.of(utc(now), limit))
                .map(rows -> rows.stream().map(r -> (String) r[0]).toList());
    }

    @Override
    public Uni<Boolean> addReply(String requestId, Replies.Reply reply, Instant at) {
        String payload = switch (reply.kind()) {
            case Replies.EXPORT_PART -> reply.sealed();
            case Replies.BLOCKED -> json(new Blocked(reply.code(), reply.detail()));
            case Replies.DONE -> json(reply.outcomes());
            default -> null;
        };
        return NativeSql.update(
                        "INSERT INTO data_subject_request_reply (request_id, service, kind, chunk, chunks, payload,"
                                + " received_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT DO NOTHING",
                        Arrays.asList(
                                requestId,
                                reply.service(),
                                reply.kind(),
                                reply.chunk(),
                                reply.chunks(),
                                payload,
                                utc(at)))
                .map(count -> count > 0);
    }

    @Override
    public Uni<Replies> replies(String requestId) {
        return NativeSql.select(
                        "SELECT service, kind, chunk, chunks, payload FROM data_subject_request_reply"
                                + " WHERE request_id = ?1 ORDER BY service, kind, chunk",
                        List.of(requestId))
                .map(rows -> new Replies(rows.stream().map(this::reply).toList()));
    }

    private Replies.Reply reply(Object[] r) {
        String kind = (String) r[1];
        String payload = (String) r[4];
        Blocked blocked = Replies.BLOCKED.equals(kind) ? read(payload, Blocked.class) : null;
        List<Outcome> outcomes = Replies.DONE.equals(kind) ? readOutcomes(payload) : List.of();
        return new Replies.Reply(
                (String) r[0],
                kind,
                ((Number) r[2]).intValue(),
                ((Number) r[3]).intValue(),
                Replies.EXPORT_PART.equals(kind) ? payload : null,
                blocked == null ? null : blocked.code(),
                blocked == null ? null : blocked.detail(),
                outcomes);
    }

    private List<Object> values(DataSubjectRequest r) {
        return Arrays.asList(
                r.id(),
                r.subject(),
                r.type(),
                r.status(),
                r.jurisdiction(),
                utc(r.receivedAt()),
                utc(r.verifiedAt()),
                utc(r.deadline()),
                utc(r.completedAt()),
                r.refusalCode(),
                r.refusalDetail(),
                r.phase(),
                utc(r.phaseAt()),
                r.pseudonym(),
                r.recipientKey(),
                r.recipientSecret(),
                r.exportSealed(),
                utc(r.exportExpiresAt()),
                r.outcome() == null ? null : json(r.outcome()));
    }

    private DataSubjectRequest request(Object[] r) {
        return new DataSubjectRequest(
                (String) r[0],
                (String) r[1],
                (String) r[2],
                (String) r[3],
                (String) r[4],
                instant(r[5]),
                r[6] == null ? null : instant(r[6]),
                instant(r[7]),
                r[8] == null ? null : instant(r[8]),
                (String) r[9],
                (String) r[10],
                (String) r[11],
                r[12] == null ? null : instant(r[12]),
                (String) r[13],
                (String) r[14],
                (String) r[15],
                (String) r[16],
                r[17] == null ? null : instant(r[17]),
                r[18] == null ? null : readOutcomes((String) r[18]));
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Outcome> readOutcomes(String json) {
        try {
            return mapper.readValue(json, OUTCOMES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

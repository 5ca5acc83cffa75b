package io.payguard.auth.privacy.adapter.out.messaging;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.payguard.auth.privacy.application.port.DsrEvents;
import io.payguard.auth.privacy.domain.DataSubjectRequest;
import io.payguard.auth.privacy.domain.LegalHold;
import io.payguard.auth.shared.adapter.out.messaging.AuthServiceEvents;
import io.payguard.platform.messaging.Outbox;
import io.payguard.platform.messaging.Topics;
import io.smallrye.mutiny.Uni;

/**
 * The coordinator's messages through the outbox: requests to every participant on {@code privacy.requests} (keyed by
 * subject) and the audit records of requests, legal holds and corrections on {@code security.events}. No personal data
 * beyond the subject id: no reasons, no corrected values.
 */
@ApplicationScoped
public class OutboxDsrEvents implements DsrEvents {

    public static final String EXPORT_REQUESTED = "io.payguard.privacy.export-requested.v1";
    public static final String ERASURE_PREPARE = "io.payguard.privacy.erasure-prepare.v1";
    public static final String ERASURE_COMMIT = "io.payguard.privacy.erasure-commit.v1";
    public static final String ERASURE_ABORT = "io.payguard.privacy.erasure-abort.v1";
    public static final String DSR_RECEIVED = "io.payguard.security.dsr.received.v1";
    public static final String DSR_COMPLETED = "io.payguard.security.dsr.completed.v1";
    public static final String DSR_REFUSED = "io.payguard.security.dsr.refused.v1";
    public static final String HOLD_SET = "io.payguard.security.legal-hold.set.v1";
    public static final String HOLD_RELEASED = "io.payguard.security.legal-hold.released.v1";
    public static final String PROFILE_CORRECTED = "io.payguard.security.profile.corrected.v1";

    private final Outbox outbox;
    private final ObjectMapper mapper;

    public OutboxDsrEvents(Outbox outbox, ObjectMapper mapper) {
        this.outbox = outbox;
        this.mapper = mapper;
    }

    @Override
    public Uni<Void> received(DataSubjectRequest r) {
        return security(
                DSR_RECEIVED,
                r.subject(),
                "dsr.receive",
                "data_subject_request",
                r.id(),
                r.subject(),
                r.receivedAt(),
                d -> {
                    d.put("requestId", r.id());
                    d.put("requestType", r.type());
                    d.put("jurisdiction", r.jurisdiction());
                    d.put("deadline", r.deadline().toString());
                });
    }

    @Override
    public Uni<Void> completed(DataSubjectRequest r, String actor) {
        return security(
                DSR_COMPLETED,
                actor,
                "dsr.complete",
                "data_subject_request",
                r.id(),
                r.subject(),
                r.completedAt(),
                d -> {
                    d.put("requestId", r.id());
                    d.put("requestType", r.type());
                });
    }

    @Override
    public Uni<Void> refused(DataSubjectRequest r, String actor) {
        return security(
                DSR_REFUSED, actor, "dsr.refuse", "data_subject_request", r.id(), r.subject(), r.completedAt(), d -> {
                    d.put("requestId", r.id());
                    d.put("requestType", r.type());
                    d.put("refusalCode", r.refusalCode());
                });
    }

    @Override
    public Uni<Void> profileCorrected(DataSubjectRequest r, List<String> fields, int profiles) {
        return security(
                PROFILE_CORRECTED,
                r.subject(),
                "profile.correct",
                "customer",
                r.subject(),
                r.subject(),
                Instant.now(),
                d -> {
                    d.put("requestId", r.id());
                    var names = d.putArray("fields");
                    fields.forEach(names::add);
                    d.put("profiles", profiles);
                });
    }

    @Override
    public Uni<Void> holdSet(LegalHold h) {
        return security(
                HOLD_SET,
                h.setBy(),
                "legal_hold.set",
                "legal_hold",
                h.id(),
                h.subject(),
                h.setAt(),
                d -> d.put("holdId", h.id()));
    }

    @Override
    public Uni<Void> holdReleased(LegalHold h) {
        return security(
                HOLD_RELEASED,
                h.releasedBy(),
                "legal_hold.release",
                "legal_hold",
                h.id(),
                h.subject(),
                h.releasedAt(),
                d -> d.put("holdId", h.id()));
    }

    @Override
    public Uni<Void> exportRequested(DataSubjectRequest r) {
        return request(EXPORT_REQUESTED, r, d -> d.put("recipientKey", r.recipientKey()));
    }

    @Override
    public Uni<Void> erasurePrepare(DataSubjectRequest r) {
        return request(ERASURE_PREPARE, r, d -> {});
    }

    @Override
    public Uni<Void> erasureCommit(DataSubjectRequest r) {
        return request(ERASURE_COMMIT, r, d -> d.put("pseudonym", r.pseudonym()));
    }

    @Override
    public Uni<Void> erasureAbort(DataSubjectRequest r) {
        return request(ERASURE_ABORT, r, d -> {});
    }

    private Uni<Void> request(String type, DataSubjectRequest r, Consumer<ObjectNode> more) {
        ObjectNode data = mapper.createObjectNode().put("requestId", r.id()).put("subject", r.subject());
        more.accept(data);
        return outbox.append(
                PrivacyTopics.REQUESTS,
                "data_subject_request",
                r.subject(),
                AuthServiceEvents.event(type, "data_subject_request/" + r.id(), Instant.now(), data));
    }

    private Uni<Void> security(
            String type,
            String actor,
            String action,
            String objectType,
            String objectId,
            String subject,
            Instant at,
            Consumer<ObjectNode> more) {
        ObjectNode data = AuthServiceEvents.securityRecord(
                mapper, who -> who.put("subject", actor), action, objectType, objectId);
        data.put("subject", subject);
        more.accept(data);
        return outbox.append(
                Topics.SECURITY_EVENTS,
                objectType,
                objectId,
                AuthServiceEvents.event(type, "customer/" + subject, at == null ? Instant.now() : at, data));
    }
}

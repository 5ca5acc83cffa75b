package io.payguard.audit.adapter.in.messaging;

import java.util.List;
import java.util.concurrent.Callable;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.payguard.audit.application.AuditPrivacy;
import io.payguard.audit.domain.AuditRecord;
import io.payguard.audit.domain.chain.ChainedRecord;
import io.payguard.platform.protection.privacy.ErasureCheck;
import io.payguard.platform.protection.privacy.ErasureOutcome;
import io.payguard.platform.protection.privacy.PrivacyParticipant;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * audit-service's {@link PrivacyParticipant}: export sections {@code auditRecords} and {@code personalDataAccess}
 * (decrypted); erasure shreds the subject's key ({@code audit_personal_fields} erased, {@code audit_records} kept with
 * their legal basis); prepare is always ready (nothing in the trail blocks an erasure), abort does nothing. The work is
 * JDBC and KMS calls: it runs on a worker thread and the pipeline resumes on the caller's Vert.x context (the platform
 * consumer's Hibernate Reactive transaction stays on its event loop).
 */
@ApplicationScoped
public class AuditPrivacyParticipant implements PrivacyParticipant {

    public static final String SERVICE = "audit-service";

    private final AuditPrivacy privacy;
    private final ObjectMapper json;

    public AuditPrivacyParticipant(AuditPrivacy privacy, ObjectMapper json) {
        this.privacy = privacy;
        this.json = json;
    }

    @Override
    public String service() {
        return SERVICE;
    }

    @Override
    public Uni<ObjectNode> export(String subject) {
        return blocking(() -> privacy.export(subject)).map(this::sections);
    }

    @Override
    public Uni<ErasureCheck> prepareErasure(String requestId, String subject) {
        return Uni.createFrom().item(ErasureCheck.ready());
    }

    @Override
    public Uni<List<ErasureOutcome>> commitErasure(String requestId, String subject, String pseudonym) {
        return blocking(() -> privacy.erase(subject));
    }

    @Override
    public Uni<Void> abortErasure(String requestId, String subject) {
        return Uni.createFrom().voidItem();
    }

    ObjectNode sections(AuditPrivacy.Export export) {
        ObjectNode sections = json.createObjectNode();
        ArrayNode records = sections.putArray("auditRecords");
        export.auditRecords().forEach(r -> records.add(record(r)));
        ArrayNode accesses = sections.putArray("personalDataAccess");
        export.personalDataAccess().forEach(r -> accesses.add(access(r)));
        return sections;
    }

    private ObjectNode record(ChainedRecord c) {
        AuditRecord r = c.record();
        ObjectNode node = json.createObjectNode()
                .put("id", r.id().toString())
                .put("occurredAt", r.occurredAt().toString())
                .put("service", r.sourceService())
                .put("action", r.action())
                .put("objectType", r.objectType())
                .put("objectId", r.objectId())
                .put("outcome", r.outcome())
                .put("correlationId", r.correlationId());
        node.set("actor", json.valueToTree(r.actor()));
        node.set("origin", json.valueToTree(r.origin()));
        if (c.erased()) {
            node.put("erased", true);
        }
        return node;
    }

    private ObjectNode access(ChainedRecord c) {
        AuditRecord r = c.record();
        var pd = r.personalData();
        ObjectNode node = json.createObjectNode()
                .put("at", r.occurredAt().toString())
                .put("service", r.sourceService())
                .put("purpose", pd.purpose())
                .put("reason", pd.reason());
        node.set("accessor", json.valueToTree(r.actor()));
        node.set("fields", json.valueToTree(pd.fields()));
        return node;
    }

    /** {@code work} on a worker thread when called on an event loop, the result back on the caller's context. */
    static <T> Uni<T> blocking(Callable<T> work) {
        return Uni.createFrom().deferred(() -> {
            Context context = Vertx.currentContext();
            if (context == null || !Context.isOnEventLoopThread()) {
                return Uni.createFrom().item(() -> call(work));
            }
            return Uni.createFrom()
                    .completionStage(() -> context.executeBlocking(work, false).toCompletionStage());
        });
    }

    private static <T> T call(Callable<T> work) {
        try {
            return work.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.payguard.auth.privacy.adapter.in.messaging;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.payguard.auth.privacy.application.OwnPrivacyData;
import io.payguard.platform.protection.privacy.ErasureCheck;
import io.payguard.platform.protection.privacy.ErasureOutcome;
import io.payguard.platform.protection.privacy.PrivacyParticipant;
import io.smallrye.mutiny.Uni;

/**
 * auth-service's participant in the privacy protocol (issue 18, platform/protection {@link PrivacyParticipant}, called
 * by its {@code PrivacyRequestConsumer} in the request's transaction):
 * export sections {@code profile} (in clear: the subject's own export), {@code consents} (current decisions and
 * their history with evidence) and {@code kycTier}; erasure of auth's part. Prepare has nothing to freeze here (legal
 * holds are checked by the coordinator before it asks); abort has nothing to undo.
 */
@ApplicationScoped
public class AuthPrivacyParticipant implements PrivacyParticipant {

    private final OwnPrivacyData data;
    private final ObjectMapper mapper;

    public AuthPrivacyParticipant(OwnPrivacyData data, ObjectMapper mapper) {
        this.data = data;
        this.mapper = mapper;
    }

    @Override
    public String service() {
        return OwnPrivacyData.SERVICE;
    }

    @Override
    public Uni<ObjectNode> export(String subject) {
        return data.export(subject).map(export -> {
            ObjectNode sections = mapper.createObjectNode();
            ArrayNode profiles = sections.putArray("profile");
            export.profiles()
                    .forEach(p -> profiles.addObject()
                            .put("id", p.id().toString())
                            .put("name", p.name())
                            .put("phone", p.phone())
                            .put("email", p.email())
                            .put("status", p.erased() ? "erased" : "active"));
            ObjectNode consents = sections.putObject("consents");
            ArrayNode current = consents.putArray("current");
            export.consents()
                    .forEach(c -> current.addObject()
                            .put("purpose", c.purpose())
                            .put("status", c.status())
                            .put("version", c.version())
                            .put("channel", c.channel())
                            .put("changedAt", c.changedAt().toString()));
            ArrayNode history = consents.putArray("history");
            export.history()
                    .forEach(h -> history.addObject()
                            .put("purpose", h.purpose())
                            .put("status", h.status())
                            .put("version", h.evidence().version())
                            .put("textSha256", h.evidence().textSha256())
                            .put("channel", h.evidence().channel())
                            .put("userAgentSha256", h.evidence().userAgentSha256())
                            .put("changedAt", h.evidence().at().toString()));
            export.kycTier().ifPresentOrElse(tier -> sections.put("kycTier", tier), () -> sections.putNull("kycTier"));
            return sections;
        });
    }

    /** Always ready: nothing in auth-service blocks an erasure that no legal hold blocks (the coordinator checks those). */
    @Override
    public Uni<ErasureCheck> prepareErasure(String requestId, String subject) {
        return Uni.createFrom().item(ErasureCheck.ready());
    }

    @Override
    public Uni<List<ErasureOutcome>> commitErasure(String requestId, String subject, String pseudonym) {
        return data.erase(subject, pseudonym)
                .map(outcomes -> outcomes.stream()
                        .map(o -> new ErasureOutcome(
                                o.dataType(),
                                ErasureOutcome.Action.fromWire(o.action()),
                                o.count(),
                                o.holdUntil(),
                                o.legalBasis()))
                        .toList());
    }

    @Override
    public Uni<Void> abortErasure(String requestId, String subject) {
        return Uni.createFrom().voidItem();
    }
}

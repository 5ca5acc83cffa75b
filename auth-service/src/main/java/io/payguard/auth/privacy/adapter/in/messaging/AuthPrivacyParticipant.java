package io.payguard.auth.privacy.adapter.in.messaging;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.payguard.auth.privacy.application.OwnPrivacyData;
import io.payguard.auth.privacy.domain.DataSubjectRequest.Outcome;
import io.smallrye.mutiny.Uni;

/**
 * auth-service's participant in the privacy protocol (issue 18, platform/protection {@code PrivacyParticipant}):
 * export sections {@code profile} (in clear: the subject's own export), {@code consents} (current decisions and
 * their history with evidence) and {@code kycTier}; erasure of auth's part. Prepare has nothing to freeze here (legal
 * holds are checked by the coordinator before it asks); abort has nothing to undo.
 */
@ApplicationScoped
public class AuthPrivacyParticipant {

    private final OwnPrivacyData data;
    private final ObjectMapper mapper;

    public AuthPrivacyParticipant(OwnPrivacyData data, ObjectMapper mapper) {
        this.data = data;
        this.mapper = mapper;
    }

    public String service() {
        return OwnPrivacyData.SERVICE;
    }

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

    /** Always ready: nothing in auth-service blocks an erasure that no legal hold blocks. */
    public Uni<Boolean> prepareErasure(String requestId, String subject) {
        return Uni.createFrom().item(true);
    }

    public Uni<List<Outcome>> commitErasure(String requestId, String subject, String pseudonym) {
        return data.erase(subject, pseudonym);
    }

    public Uni<Void> abortErasure(String requestId, String subject) {
        return Uni.createFrom().voidItem();
    }
}

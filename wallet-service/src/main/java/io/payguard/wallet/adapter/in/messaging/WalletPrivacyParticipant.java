package io.payguard.wallet.adapter.in.messaging;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.payguard.platform.protection.privacy.ErasureCheck;
import io.payguard.platform.protection.privacy.ErasureOutcome;
import io.payguard.platform.protection.privacy.PrivacyParticipant;
import io.payguard.wallet.application.WalletPrivacy;
import io.smallrye.mutiny.Uni;

/**
 * The wallet-service's privacy participant (issue 18): the platform's privacy request consumer calls it for
 * {@code privacy.requests}; the use cases are {@link WalletPrivacy}'s, this class only turns the export into JSON.
 */
@ApplicationScoped
public class WalletPrivacyParticipant implements PrivacyParticipant {

    private final WalletPrivacy privacy;
    private final ObjectMapper mapper;

    public WalletPrivacyParticipant(WalletPrivacy privacy, ObjectMapper mapper) {
        this.privacy = privacy;
        this.mapper = mapper;
    }

    @Override
    public String service() {
        return WalletPrivacy.SERVICE;
    }

    @Override
    public Uni<ObjectNode> export(String subject) {
        return privacy.export(subject).map(sections -> mapper.valueToTree(sections));
    }

    @Override
    public Uni<ErasureCheck> prepareErasure(String requestId, String subject) {
        return privacy.prepare(requestId, subject);
    }

    @Override
    public Uni<List<ErasureOutcome>> commitErasure(String requestId, String subject, String pseudonym) {
        return privacy.commit(requestId, subject, pseudonym);
    }

    @Override
    public Uni<Void> abortErasure(String requestId, String subject) {
        return privacy.abort(requestId, subject);
    }
}

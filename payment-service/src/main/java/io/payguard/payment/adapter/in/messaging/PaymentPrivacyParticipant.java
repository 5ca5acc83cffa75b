package io.payguard.payment.adapter.in.messaging;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.payguard.payment.application.PaymentPrivacy;
import io.payguard.platform.protection.privacy.ErasureCheck;
import io.payguard.platform.protection.privacy.ErasureOutcome;
import io.payguard.platform.protection.privacy.PrivacyParticipant;
import io.smallrye.mutiny.Uni;

/**
 * The payment service's privacy participant (issue 18): the platform's privacy request consumer calls it for
 * {@code privacy.requests}; the use cases are {@link PaymentPrivacy}'s, this class only turns the export into JSON.
 */
@ApplicationScoped
public class PaymentPrivacyParticipant implements PrivacyParticipant {

    private final PaymentPrivacy privacy;
    private final ObjectMapper mapper;

    public PaymentPrivacyParticipant(PaymentPrivacy privacy, ObjectMapper mapper) {
        this.privacy = privacy;
        this.mapper = mapper;
    }

    @Override
    public String service() {
        return PaymentPrivacy.SERVICE;
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

package io.payguard.auth.merchant.adapter.out.messaging;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.payguard.auth.merchant.application.port.MerchantEvents;
import io.payguard.auth.merchant.domain.Merchant;
import io.payguard.auth.merchant.domain.SigningKey;
import io.payguard.auth.shared.adapter.out.messaging.AuthServiceEvents;
import io.payguard.platform.messaging.Outbox;
import io.payguard.platform.messaging.Topics;
import io.payguard.platform.web.merchant.MerchantState;
import io.payguard.platform.web.merchant.MerchantStates;
import io.smallrye.mutiny.Uni;

/**
 * Announces merchant changes through the outbox, in the transaction that made them: the merchant's whole state (id,
 * status, settlement currency, limits, request-signing keys and requirement; no name) on the compacted {@code auth.merchants} topic keyed by merchant id,
 * which the wallet and payment services read into their merchant directory, and the operator's action on
 * {@code security.events} for the audit trail. The outbox rows join the caller's transaction: the use case calls this
 * inside the transaction of the change.
 */
@ApplicationScoped
public class OutboxMerchantEvents implements MerchantEvents {

    static final String SIGNING_CHANGED_TYPE = "io.payguard.security.merchant.signing_changed.v1";

    private final Outbox outbox;
    private final ObjectMapper mapper;

    public OutboxMerchantEvents(Outbox outbox, ObjectMapper mapper) {
        this.outbox = outbox;
        this.mapper = mapper;
    }

    @Override
    public Uni<Void> changed(
            Merchant m, List<SigningKey> keys, String action, String lifecycle, String actor, Instant at) {
        var data = AuthServiceEvents.securityRecord(
                mapper, who -> who.put("subject", actor), "merchant." + action, "merchant", m.id());
        return publish(m, keys, "io.payguard.security.merchant." + lifecycle + ".v1", data, at);
    }

    @Override
    public Uni<Void> signingChanged(
            Merchant m, List<SigningKey> keys, String action, String keyId, String actor, Instant at) {
        var data = AuthServiceEvents.securityRecord(
                mapper, who -> who.put("subject", actor), "merchant." + action, "merchant", m.id());
        data.put("keyId", keyId);
        data.put("requestSigning", m.signingRequired() ? "required" : "optional");
        return publish(m, keys, SIGNING_CHANGED_TYPE, data, at);
    }

    private Uni<Void> publish(
            Merchant m,
            List<SigningKey> keys,
            String securityType,
            com.fasterxml.jackson.databind.node.ObjectNode data,
            Instant at) {
        var state = new MerchantState(
                m.id(),
                MerchantState.Status.valueOf(m.status().name()),
                m.currency(),
                m.perTransactionLimitMinor(),
                m.dailyLimitMinor(),
                SigningKey.published(keys).stream()
                        .map(k -> new MerchantState.SigningKey(k.keyId(), k.alg(), k.publicKey(), k.active()))
                        .toList(),
                m.signingRequired());
        var stateEvent =
                AuthServiceEvents.event(MerchantStates.STATE_TYPE, "merchant/" + m.id(), at, state.toData(mapper));
        var securityEvent = AuthServiceEvents.event(securityType, "merchant/" + m.id(), at, data);
        return outbox.append(MerchantStates.TOPIC, "merchant", m.id(), stateEvent)
                .chain(() -> outbox.append(Topics.SECURITY_EVENTS, "merchant", m.id(), securityEvent));
    }
}

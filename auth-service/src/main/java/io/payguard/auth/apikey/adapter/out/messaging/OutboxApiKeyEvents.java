package io.payguard.auth.apikey.adapter.out.messaging;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.payguard.auth.apikey.application.port.ApiKeyEvents;
import io.payguard.auth.apikey.domain.ApiKey;
import io.payguard.auth.apikey.domain.Scope;
import io.payguard.auth.shared.adapter.out.messaging.AuthServiceEvents;
import io.payguard.platform.messaging.Outbox;
import io.payguard.platform.messaging.Topics;
import io.payguard.platform.web.apikey.ApiKeyStates;
import io.smallrye.mutiny.Uni;

/**
 * Announces key changes through the outbox, in the transaction that made them:
 * the key's state (with its hash, never the secret) on the compacted {@code auth.apikeys} topic that every
 * service reads to verify keys locally, and a lifecycle record (without the hash) on {@code security.events}.
 * The outbox rows join the caller's transaction: the use case calls this inside the transaction of the change.
 */
@ApplicationScoped
public class OutboxApiKeyEvents implements ApiKeyEvents {

    private final Outbox outbox;
    private final ObjectMapper mapper;

    public OutboxApiKeyEvents(Outbox outbox, ObjectMapper mapper) {
        this.outbox = outbox;
        this.mapper = mapper;
    }

    @Override
    public Uni<Void> changed(ApiKey key, String lifecycle, String actor, Instant at) {
        ObjectNode state = describe(key);
        state.put("secretHash", key.secretHash());
        ObjectNode security = describe(key);
        security.put("actor", actor);
        security.put("change", lifecycle);
        var stateEvent = AuthServiceEvents.event(ApiKeyStates.STATE_TYPE, "api-key/" + key.id(), at, state);
        var securityEvent = AuthServiceEvents.event(
                "io.payguard.security.apikey." + lifecycle + ".v1", "api-key/" + key.id(), at, security);
        return outbox.append(ApiKeyStates.TOPIC, "api-key", key.id(), stateEvent)
                .chain(() -> outbox.append(Topics.SECURITY_EVENTS, "api-key", key.merchantId(), securityEvent));
    }

    private ObjectNode describe(ApiKey key) {
        ObjectNode n = mapper.createObjectNode();
        n.put("keyId", key.id());
        n.put("merchantId", key.merchantId());
        n.put("kind", key.kind().name());
        n.put("mode", key.mode().name());
        var scopes = n.putArray("scopes");
        key.scopes().stream().map(Scope::value).sorted().forEach(scopes::add);
        n.put("hint", key.hint());
        n.put("expiresAt", key.expiresAt() == null ? null : key.expiresAt().toString());
        n.put("revokedAt", key.revokedAt() == null ? null : key.revokedAt().toString());
        n.put("replacedBy", key.replacedBy());
        return n;
    }
}

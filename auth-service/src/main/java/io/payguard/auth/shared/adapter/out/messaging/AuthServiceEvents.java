package io.payguard.auth.shared.adapter.out.messaging;

import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.payguard.platform.messaging.CloudEvent;

/**
 * What every auth-service event has in common, for the features' outbox adapters: the service as the CloudEvent
 * source with a fresh id, and the audit record of a successful action on {@code security.events}.
 */
public final class AuthServiceEvents {

    public static final String SOURCE = "/payguard/auth-service";

    private AuthServiceEvents() {}

    /** A CloudEvent from auth-service with a fresh id. */
    public static CloudEvent event(String type, String subject, Instant at, JsonNode data) {
        return CloudEvent.of(UUID.randomUUID().toString(), SOURCE, type, subject, at, data);
    }

    /**
     * The audit record of a successful action for {@code security.events}: the actor (as {@code actor} writes it),
     * the action and its object; the caller adds what is particular to the action.
     */
    public static ObjectNode securityRecord(
            ObjectMapper mapper, Consumer<ObjectNode> actor, String action, String objectType, String objectId) {
        ObjectNode data = mapper.createObjectNode();
        actor.accept(data.putObject("actor"));
        data.put("action", action);
        data.put("objectType", objectType);
        data.put("objectId", objectId);
        data.put("outcome", "success");
        data.put("service", "auth-service");
        return data;
    }
}

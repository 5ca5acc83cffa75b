package io.payguard.payment.adapter.out.messaging;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Base64;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.payguard.payment.application.PaymentTopics;
import io.payguard.payment.application.port.AuthenticatorEvents;
import io.payguard.payment.domain.Authenticator;
import io.payguard.platform.messaging.CloudEvent;
import io.payguard.platform.messaging.Outbox;
import io.smallrye.mutiny.Uni;

/**
 * {@code io.payguard.security.authenticator.registered|revoked.v1} on {@code security.events} through the outbox, in
 * the caller's transaction, keyed by the customer: the audit shape (actor, action, object, outcome) plus the
 * authenticator's AAGUID and a SHA-256 of its credential id; never the public key.
 */
@ApplicationScoped
public class OutboxAuthenticatorEvents implements AuthenticatorEvents {

    static final String SECURITY_EVENTS = "security.events";

    private final Outbox outbox;
    private final ObjectMapper json;
    private final Clock clock;

    public OutboxAuthenticatorEvents(Outbox outbox, ObjectMapper json, Clock clock) {
        this.outbox = outbox;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public Uni<Void> registered(Authenticator a, String actorSubject, String actorRole) {
        return publish(a, "registered", "authenticator.register", actorSubject, actorRole);
    }

    @Override
    public Uni<Void> revoked(Authenticator a, String actorSubject, String actorRole) {
        return publish(a, "revoked", "authenticator.revoke", actorSubject, actorRole);
    }

    private Uni<Void> publish(Authenticator a, String what, String action, String subject, String role) {
        var data = json.createObjectNode();
        var actor = data.putObject("actor").put("subject", subject);
        actor.putArray("roles").add(role);
        data.put("action", action)
                .put("objectType", "authenticator")
                .put("objectId", a.id())
                .put("outcome", "success")
                .put("service", "payment-service")
                .put("customerId", a.customerId())
                .put("credentialIdHash", sha256(a.credentialId()))
                .put("aaguid", a.aaguid())
                .put("status", a.status().id());
        if (a.revokeReason() != null) {
            data.put("reason", a.revokeReason());
        }
        var event = CloudEvent.of(
                UUID.randomUUID().toString(),
                PaymentTopics.SOURCE,
                "io.payguard.security.authenticator." + what + ".v1",
                a.id(),
                clock.instant(),
                data);
        return outbox.append(SECURITY_EVENTS, "authenticator", a.customerId(), event);
    }

    private static String sha256(String value) {
        try {
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(
                            MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.payguard.auth.webhook.adapter.out.messaging;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.payguard.auth.shared.adapter.out.messaging.AuthServiceEvents;
import io.payguard.auth.webhook.application.port.WebhookEvents;
import io.payguard.auth.webhook.domain.EventTypes;
import io.payguard.auth.webhook.domain.MerchantEvent;
import io.payguard.auth.webhook.domain.WebhookEndpoint;
import io.payguard.platform.messaging.Outbox;
import io.payguard.platform.messaging.Topics;
import io.smallrye.mutiny.Uni;

/**
 * The webhook feature's announcements through the outbox, in the caller's transaction: an endpoint disabled for
 * failing is recorded on {@code security.events} ({@value #ENDPOINT_DISABLED}, keyed by merchant id; no URL, which may
 * hold a merchant's token) for the audit trail, and becomes the merchant's event {@code webhook_endpoint.disabled}.
 */
@ApplicationScoped
public class OutboxWebhookEvents implements WebhookEvents {

    public static final String ENDPOINT_DISABLED = "io.payguard.security.webhook.endpoint_disabled.v1";
    static final String DISPATCHER = "system:webhook-dispatcher";

    private final Outbox outbox;
    private final ObjectMapper mapper;

    public OutboxWebhookEvents(Outbox outbox, ObjectMapper mapper) {
        this.outbox = outbox;
        this.mapper = mapper;
    }

    @Override
    public Uni<MerchantEvent> endpointDisabled(
            WebhookEndpoint endpoint, String eventId, Instant failingSince, Instant at) {
        ObjectNode security = AuthServiceEvents.securityRecord(
                mapper,
                who -> who.put("subject", DISPATCHER),
                "webhook_endpoint.disable",
                "webhook_endpoint",
                endpoint.id());
        security.put("merchantId", endpoint.merchantId());
        security.put("mode", endpoint.mode().label());
        security.put("reason", "failing");
        security.put("failingSince", failingSince.toString());
        var event = AuthServiceEvents.event(ENDPOINT_DISABLED, "webhook-endpoint/" + endpoint.id(), at, security);

        ObjectNode data = mapper.createObjectNode();
        data.put("object", "webhook_endpoint");
        data.put("objectId", endpoint.id());
        data.put("url", endpoint.url());
        data.put("mode", endpoint.mode().label());
        data.put("status", "disabled");
        data.put("disabledReason", "failing");
        data.put("failingSince", failingSince.toString());
        var merchantEvent = new MerchantEvent(
                eventId,
                endpoint.merchantId(),
                endpoint.mode(),
                EventTypes.ENDPOINT_DISABLED,
                "webhook_endpoint",
                endpoint.id(),
                at,
                data.toString());
        return outbox.append(Topics.SECURITY_EVENTS, "webhook-endpoint", endpoint.merchantId(), event)
                .replaceWith(merchantEvent);
    }
}

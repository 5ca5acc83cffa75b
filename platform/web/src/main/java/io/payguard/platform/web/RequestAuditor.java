package io.payguard.platform.web;

import java.time.Clock;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.payguard.platform.messaging.CloudEvent;
import io.payguard.platform.messaging.Outbox;
import io.payguard.platform.messaging.Topics;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Builds the request audit record PCI DSS 10.2/10.3 asks for (who, what, when, where from, outcome,
 * correlation id) and appends it to the outbox for the audit service. Call it inside the transaction of
 * the action it records.
 */
@ApplicationScoped
public class RequestAuditor {

    public static final String EVENT_TYPE = "io.payguard.audit.record.v1";

    private final Outbox outbox;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final String service;

    public RequestAuditor(
            Outbox outbox,
            ObjectMapper mapper,
            Clock clock,
            @ConfigProperty(name = "quarkus.application.name") String service) {
        this.outbox = outbox;
        this.mapper = mapper;
        this.clock = clock;
        this.service = service;
    }

    public Uni<String> record(
            Caller caller, RoutingContext ctx, String action, String objectType, String objectId, String outcome) {
        var event = event(caller, ctx, action, objectType, objectId, outcome);
        return outbox.append(Topics.AUDIT_RECORDS, "audit-record", CorrelationId.of(ctx), event)
                .replaceWith(event.id());
    }

    /**
     * For a call with no transaction of its own to join (a read, a refusal, or right after the action's transaction
     * committed): the record commits alone in one statement on the pool, without a Hibernate session. It is cheaper
     * than a transaction of its own, with the same guarantee: a crash between the action and this line loses the
     * record, so actions that change state should prefer {@link #record} inside their transaction.
     */
    public Uni<String> recordStandalone(
            Caller caller, RoutingContext ctx, String action, String objectType, String objectId, String outcome) {
        var event = event(caller, ctx, action, objectType, objectId, outcome);
        return outbox.appendStandalone(Topics.AUDIT_RECORDS, "audit-record", CorrelationId.of(ctx), event)
                .replaceWith(event.id());
    }

    private CloudEvent event(
            Caller caller, RoutingContext ctx, String action, String objectType, String objectId, String outcome) {
        String eventId = UUID.randomUUID().toString();
        ObjectNode data = mapper.createObjectNode();
        ObjectNode actor = data.putObject("actor");
        actor.put("subject", caller.subject() == null ? "anonymous" : caller.subject());
        actor.put("clientId", caller.clientId());
        if (caller.viaApiKey()) {
            actor.put("apiKeyId", caller.apiKeyId());
        }
        var roles = actor.putArray("roles");
        caller.roles().stream().sorted().forEach(roles::add);
        data.put("action", action);
        data.put("objectType", objectType);
        data.put("objectId", objectId);
        data.put("outcome", outcome);
        ObjectNode origin = data.putObject("origin");
        origin.put(
                "ip",
                ctx.request().remoteAddress() == null
                        ? null
                        : ctx.request().remoteAddress().hostAddress());
        origin.put("userAgent", ctx.request().getHeader("User-Agent"));
        data.put("correlationId", CorrelationId.of(ctx));
        data.put("service", service);
        return CloudEvent.of(
                eventId, "/payguard/" + service, EVENT_TYPE, objectType + "/" + objectId, clock.instant(), data);
    }
}

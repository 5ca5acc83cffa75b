package io.payguard.auth.kyc.adapter.out.messaging;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.payguard.auth.kyc.application.KycTierService.Actor;
import io.payguard.auth.kyc.application.port.KycTierEvents;
import io.payguard.auth.kyc.domain.KycTierAssignment;
import io.payguard.auth.kyc.domain.KycTierAssignment.Outcome;
import io.payguard.auth.shared.adapter.out.messaging.AuthServiceEvents;
import io.payguard.platform.messaging.CloudEvent;
import io.payguard.platform.messaging.Outbox;
import io.payguard.platform.messaging.Topics;
import io.smallrye.mutiny.Uni;

/**
 * The audit record of a KYC tier assignment on {@code security.events}, through the outbox (the row joins the caller's
 * transaction): who asserted which tier on what evidence, and whether the tier changed or was confirmed.
 */
@ApplicationScoped
public class OutboxKycTierEvents implements KycTierEvents {

    public static final String CHANGED_TYPE = "io.payguard.security.customer.kyc_tier_changed.v1";
    public static final String CONFIRMED_TYPE = "io.payguard.security.customer.kyc_tier_confirmed.v1";

    private final Outbox outbox;
    private final ObjectMapper mapper;

    public OutboxKycTierEvents(Outbox outbox, ObjectMapper mapper) {
        this.outbox = outbox;
        this.mapper = mapper;
    }

    @Override
    public Uni<Void> assigned(String subject, KycTierAssignment assignment, Outcome outcome, Actor actor, Instant at) {
        return outbox.append(
                Topics.SECURITY_EVENTS, "customer", subject, event(subject, assignment, outcome, actor, at));
    }

    private CloudEvent event(String subject, KycTierAssignment assignment, Outcome outcome, Actor actor, Instant now) {
        boolean changed = outcome instanceof Outcome.Changed;
        var data = AuthServiceEvents.securityRecord(
                mapper,
                who -> {
                    who.put("subject", actor.subject());
                    who.put("clientId", actor.clientId());
                    var roles = who.putArray("roles");
                    actor.roles().stream().sorted().forEach(roles::add);
                },
                changed ? "customer.kyc_tier.change" : "customer.kyc_tier.confirm",
                "customer",
                subject);
        data.put("previousTier", outcome.previous().level());
        data.put("tier", outcome.tier().level());
        data.put("changed", changed);
        data.put("evidenceRef", assignment.evidenceRef());
        if (assignment.reason() != null) {
            data.put("reason", assignment.reason());
        }
        return AuthServiceEvents.event(changed ? CHANGED_TYPE : CONFIRMED_TYPE, "customer/" + subject, now, data);
    }
}

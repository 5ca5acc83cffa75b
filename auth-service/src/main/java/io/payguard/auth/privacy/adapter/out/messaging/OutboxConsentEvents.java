package io.payguard.auth.privacy.adapter.out.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.payguard.auth.privacy.application.port.ConsentEvents;
import io.payguard.auth.privacy.domain.Consent;
import io.payguard.auth.shared.adapter.out.messaging.AuthServiceEvents;
import io.payguard.platform.messaging.Outbox;
import io.payguard.platform.messaging.Topics;
import io.smallrye.mutiny.Uni;

/**
 * A consent change through the outbox: its state on the compacted {@code privacy.consents} (key
 * {@code <subject>:<purpose>}, read by every service's consent view) and its audit record on {@code security.events}.
 */
@ApplicationScoped
public class OutboxConsentEvents implements ConsentEvents {

    public static final String STATE_TYPE = "io.payguard.privacy.consent.v1";
    public static final String GRANTED_TYPE = "io.payguard.security.consent.granted.v1";
    public static final String WITHDRAWN_TYPE = "io.payguard.security.consent.withdrawn.v1";

    private final Outbox outbox;
    private final ObjectMapper mapper;

    public OutboxConsentEvents(Outbox outbox, ObjectMapper mapper) {
        this.outbox = outbox;
        this.mapper = mapper;
    }

    @Override
    public Uni<Void> changed(Consent c, String actorSubject) {
        var state = mapper.createObjectNode()
                .put("subject", c.subject())
                .put("purpose", c.purpose())
                .put("version", c.version())
                .put("status", c.status())
                .put("changedAt", c.changedAt().toString());
        String key = c.subject() + ":" + c.purpose();
        boolean granted = Consent.GRANTED.equals(c.status());
        var record = AuthServiceEvents.securityRecord(
                mapper,
                who -> who.put("subject", actorSubject),
                granted ? "consent.grant" : "consent.withdraw",
                "consent",
                key);
        record.put("subject", c.subject());
        record.put("purpose", c.purpose());
        record.put("version", c.version());
        record.put("channel", c.channel());
        return outbox.append(
                        PrivacyTopics.CONSENTS,
                        "consent",
                        key,
                        AuthServiceEvents.event(STATE_TYPE, "consent/" + key, c.changedAt(), state))
                .chain(() -> outbox.append(
                        Topics.SECURITY_EVENTS,
                        "consent",
                        key,
                        AuthServiceEvents.event(
                                granted ? GRANTED_TYPE : WITHDRAWN_TYPE,
                                "customer/" + c.subject(),
                                c.changedAt(),
                                record)));
    }
}

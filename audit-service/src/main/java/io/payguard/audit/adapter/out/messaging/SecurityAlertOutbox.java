package io.payguard.audit.adapter.out.messaging;

import java.sql.SQLException;
import java.time.Clock;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.payguard.audit.application.port.ChainStore;
import io.payguard.audit.application.port.SecurityAlertEvents;
import io.payguard.audit.domain.alert.SecurityAlert;
import io.payguard.platform.messaging.CloudEvent;
import io.payguard.platform.messaging.CloudEventCodec;

/**
 * Alerts as {@code io.payguard.security.alert.raised.v1} CloudEvents on {@code security.alerts}: the event is
 * appended to the outbox in the caller's transaction (keyed by the alert's key kind and key), and relayed after it
 * commits.
 */
@ApplicationScoped
public class SecurityAlertOutbox implements SecurityAlertEvents {

    public static final String TOPIC = "security.alerts";
    public static final String TYPE = "io.payguard.security.alert.raised.v1";

    private final CloudEventCodec codec;
    private final ObjectMapper mapper;
    private final Clock clock;

    public SecurityAlertOutbox(CloudEventCodec codec, ObjectMapper mapper, Clock clock) {
        this.codec = codec;
        this.mapper = mapper;
        this.clock = clock;
    }

    @Override
    public void raised(ChainStore.Session tx, SecurityAlert alert) throws SQLException {
        var data = mapper.createObjectNode()
                .put("rule", alert.rule())
                .put("keyKind", alert.keyKind())
                .put("key", alert.key())
                .put("count", alert.count())
                .put("windowSeconds", alert.window().toSeconds())
                .put("at", alert.at().toString());
        String id = UUID.randomUUID().toString();
        var event = CloudEvent.of(id, "/payguard/audit-service", TYPE, "alert/" + alert.rule(), clock.instant(), data);
        tx.appendToOutbox(new ChainStore.OutboxEvent(
                UUID.fromString(id),
                "security-alert",
                alert.keyKind() + ":" + alert.key(),
                TYPE,
                TOPIC,
                codec.write(event),
                event.time()));
    }
}

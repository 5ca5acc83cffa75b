package io.payguard.audit.application;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.payguard.audit.config.AuditConfig;
import io.payguard.audit.domain.AuditRecord;
import io.payguard.audit.domain.alert.FailedAuthenticationBurst;
import io.payguard.audit.domain.alert.SecurityAlert;
import io.payguard.audit.domain.chain.ChainedRecord;
import io.payguard.audit.domain.chain.VerificationReport;
import io.payguard.platform.messaging.CloudEvent;
import io.payguard.platform.messaging.CloudEventCodec;

/**
 * Alert rules over the trail, published as {@code io.payguard.security.alert.raised.v1} on {@code security.alerts}
 * through the transactional outbox (the outbox row is written over JDBC in the caller's transaction: the append
 * that saw the burst, or the verification run that failed) and counted in {@code payguard.audit.alerts{rule}}.
 */
@ApplicationScoped
public class SecurityAlerts {

    public static final String TOPIC = "security.alerts";
    public static final String TYPE = "io.payguard.security.alert.raised.v1";
    public static final String CHAIN_RULE = "chain-verification-failed";

    private final FailedAuthenticationBurst burst;
    private final CloudEventCodec codec;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final MeterRegistry registry;

    public SecurityAlerts(AuditConfig config, CloudEventCodec codec, ObjectMapper mapper, Clock clock, MeterRegistry registry) {
        this.burst = new FailedAuthenticationBurst(config.alerts().failedAuthenticationsPerMinute(), Duration.ofMinutes(1));
        this.codec = codec;
        this.mapper = mapper;
        this.clock = clock;
        this.registry = registry;
    }

    static boolean failedAuthentication(AuditRecord r) {
        String type = r.eventType().toLowerCase(Locale.ROOT);
        return "failure".equals(r.outcome()) && type.startsWith("io.payguard.security.") && type.contains("authentication");
    }

    /** Runs the stream rules over records just chained, inside their append transaction. */
    public void onAppended(Connection c, List<ChainedRecord> records) throws SQLException {
        for (ChainedRecord cr : records) {
            var r = cr.record();
            if (failedAuthentication(r)) {
                for (SecurityAlert alert : burst.observe(r.actor().clientId(), r.origin().ip(), r.occurredAt())) {
                    publish(c, alert);
                }
            }
        }
    }

    public void onVerificationFailed(Connection c, VerificationReport report) throws SQLException {
        long findings = report.findings().size() + report.checkpointFindings().size();
        long firstSeq = report.findings().isEmpty() ? report.checkpointFindings().get(0).seq() : report.findings().get(0).seq();
        publish(c, new SecurityAlert(CHAIN_RULE, "chain", "seq-" + firstSeq, findings, Duration.ZERO, clock.instant()));
    }

    private void publish(Connection c, SecurityAlert alert) throws SQLException {
        var data = mapper.createObjectNode()
                .put("rule", alert.rule())
                .put("keyKind", alert.keyKind())
                .put("key", alert.key())
                .put("count", alert.count())
                .put("windowSeconds", alert.window().toSeconds())
                .put("at", alert.at().toString());
        String id = UUID.randomUUID().toString();
        var event = CloudEvent.of(id, "/payguard/audit-service", TYPE, "alert/" + alert.rule(), clock.instant(), data);
        try (var s = c.prepareStatement("INSERT INTO outbox_event (id, aggregate_type, aggregate_id, type, topic, payload, created_at)"
                + " VALUES (?, 'security-alert', ?, ?, ?, ?, ?)")) {
            s.setObject(1, UUID.fromString(id));
            s.setString(2, alert.keyKind() + ":" + alert.key());
            s.setString(3, TYPE);
            s.setString(4, TOPIC);
            s.setString(5, codec.write(event));
            s.setObject(6, event.time().atOffset(ZoneOffset.UTC));
            s.executeUpdate();
        }
        registry.counter("payguard.audit.alerts", "rule", alert.rule()).increment();
    }
}

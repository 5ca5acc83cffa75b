package io.payguard.audit.application;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.payguard.audit.application.port.ChainStore;
import io.payguard.audit.application.port.SecurityAlertEvents;
import io.payguard.audit.config.AuditConfig;
import io.payguard.audit.domain.AuditRecord;
import io.payguard.audit.domain.alert.FailedAuthenticationBurst;
import io.payguard.audit.domain.alert.SecurityAlert;
import io.payguard.audit.domain.chain.ChainedRecord;
import io.payguard.audit.domain.chain.VerificationReport;

/**
 * Alert rules over the trail, published through {@link SecurityAlertEvents} (as
 * {@code io.payguard.security.alert.raised.v1} on {@code security.alerts}, through the transactional outbox: the
 * outbox row is written in the caller's transaction, the append that saw the burst or the verification run that
 * failed) and counted in {@code payguard.audit.alerts{rule}}.
 */
@ApplicationScoped
public class SecurityAlerts {

    public static final String CHAIN_RULE = "chain-verification-failed";

    private final FailedAuthenticationBurst burst;
    private final SecurityAlertEvents events;
    private final Clock clock;
    private final MeterRegistry registry;

    public SecurityAlerts(AuditConfig config, SecurityAlertEvents events, Clock clock, MeterRegistry registry) {
        this.burst =
                new FailedAuthenticationBurst(config.alerts().failedAuthenticationsPerMinute(), Duration.ofMinutes(1));
        this.events = events;
        this.clock = clock;
        this.registry = registry;
    }

    static boolean failedAuthentication(AuditRecord r) {
        String type = r.eventType().toLowerCase(Locale.ROOT);
        return "failure".equals(r.outcome())
                && type.startsWith("io.payguard.security.")
                && type.contains("authentication");
    }

    /** Runs the stream rules over records just chained, inside their append transaction. */
    public void onAppended(ChainStore.Session tx, List<ChainedRecord> records) throws SQLException {
        for (ChainedRecord cr : records) {
            var r = cr.record();
            if (failedAuthentication(r)) {
                for (SecurityAlert alert :
                        burst.observe(r.actor().clientId(), r.origin().ip(), r.occurredAt())) {
                    publish(tx, alert);
                }
            }
        }
    }

    public void onVerificationFailed(ChainStore.Session tx, VerificationReport report) throws SQLException {
        long findings = report.findings().size() + report.checkpointFindings().size();
        long firstSeq = report.findings().isEmpty()
                ? report.checkpointFindings().get(0).seq()
                : report.findings().get(0).seq();
        publish(
                tx,
                new SecurityAlert(CHAIN_RULE, "chain", "seq-" + firstSeq, findings, Duration.ZERO, clock.instant()));
    }

    private void publish(ChainStore.Session tx, SecurityAlert alert) throws SQLException {
        events.raised(tx, alert);
        registry.counter("payguard.audit.alerts", "rule", alert.rule()).increment();
    }
}

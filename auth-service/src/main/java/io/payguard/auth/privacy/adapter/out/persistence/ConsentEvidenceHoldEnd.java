package io.payguard.auth.privacy.adapter.out.persistence;

import java.time.Clock;
import java.time.Duration;

import jakarta.inject.Singleton;

import io.payguard.platform.messaging.RetentionJob;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Deletes the pseudonymised consent evidence of erased customers once its hold ended ({@code hold_until}, set at
 * erasure to {@code payguard.privacy.consent-evidence-hold} later, 3 years by default): a platform {@link RetentionJob}
 * with no further retention, so a row goes at the first round after its hold; its rounds appear in the service's
 * retention report ({@code GET /v1/retention}).
 */
@Singleton
public class ConsentEvidenceHoldEnd extends RetentionJob {

    public ConsentEvidenceHoldEnd(Pool pool, Clock clock) {
        super(
                "held consent evidence",
                "payguard.privacy.consent-evidence-hold",
                pool,
                clock,
                "privacy_consent_history",
                "hold_until IS NOT NULL AND hold_until < $1",
                new FixedSettings(Duration.ZERO, Duration.ofHours(1), 1000, 20),
                Duration.ZERO);
    }
}

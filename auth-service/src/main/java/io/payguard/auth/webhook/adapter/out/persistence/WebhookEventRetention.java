package io.payguard.auth.webhook.adapter.out.persistence;

import java.time.Clock;
import java.time.Duration;

import jakarta.inject.Singleton;

import io.payguard.auth.webhook.config.WebhookConfig;
import io.payguard.platform.messaging.RetentionJob;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Deletes merchant events older than {@code payguard.webhooks.event-retention} (30 days), with their deliveries and
 * delivery log (foreign keys {@code ON DELETE CASCADE}); a platform {@link RetentionJob} started with the service. The
 * retention can be no shorter than a delivery keeps being retried ({@code retry.give-up-after}) and at least a day:
 * the service refuses to start with less.
 */
@Singleton
public class WebhookEventRetention extends RetentionJob {

    public WebhookEventRetention(Pool pool, Clock clock, WebhookConfig config) {
        super(
                "webhook events",
                "payguard.webhooks.event-retention",
                pool,
                clock,
                "webhook_event",
                "recorded_at < $1",
                new FixedSettings(config.eventRetention(), config.purgeInterval(), 1000, 20),
                max(Duration.ofDays(1), config.retry().giveUpAfter()));
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}

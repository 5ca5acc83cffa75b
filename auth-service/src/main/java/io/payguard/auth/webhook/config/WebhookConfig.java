package io.payguard.auth.webhook.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code payguard.webhooks.*}: the webhook endpoints, events and deliveries (auth-service README, "Webhooks"). */
@ConfigMapping(prefix = "payguard.webhooks")
public interface WebhookConfig {

    /** Whether endpoints may point at loopback addresses (127.0.0.0/8, ::1): the dev stack and tests only. */
    @WithDefault("false")
    boolean allowLoopback();

    /** Endpoints a merchant may have (not counting deleted ones). */
    @WithDefault("16")
    int maxEndpointsPerMerchant();

    /** How long events (and their deliveries and log) are kept for the events API. */
    @WithDefault("P30D")
    Duration eventRetention();

    /** How often the retention purge runs. */
    @WithDefault("PT10M")
    Duration purgeInterval();

    /**
     * The account that receives the platform's own facts: top-ups (card payments to {@code payguard:wallet-funding})
     * and payouts, which belong to no merchant. Unset: they are not turned into events.
     */
    Optional<String> platformAccount();

    /** When an endpoint that has failed every attempt for this long is disabled. */
    @WithDefault("P5D")
    Duration disableAfter();

    Retry retry();

    Dispatch dispatch();

    interface Retry {
        /** The first retry waits up to this long (full jitter), doubling per failure up to {@code max-delay}. */
        @WithDefault("PT30S")
        Duration initialDelay();

        @WithDefault("PT6H")
        Duration maxDelay();

        /** A delivery not delivered within this time of its creation is given up ({@code failed}). */
        @WithDefault("P3D")
        Duration giveUpAfter();
    }

    interface Dispatch {
        /** How often each worker looks for due deliveries (a round still running skips a tick). */
        @WithDefault("PT1S")
        Duration interval();

        /** Deliveries a worker claims per round. */
        @WithDefault("50")
        int batch();

        /** Workers per instance: each claims and sends its own batch, one delivery at a time. */
        @WithDefault("4")
        int workers();

        /** How long a claimed delivery is leased; longer than any attempt can take (timeouts of the sender). */
        @WithDefault("PT2M")
        Duration lease();

        /** How often the pending-deliveries gauge is refreshed. */
        @WithDefault("PT15S")
        Duration gaugeInterval();
    }
}

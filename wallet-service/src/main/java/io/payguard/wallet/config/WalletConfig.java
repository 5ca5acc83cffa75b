package io.payguard.wallet.config;

import java.time.ZoneId;
import java.util.Map;

import io.payguard.platform.messaging.RetentionJob;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code payguard.wallet.*}: limits per wallet class, the day boundary for limits, account sharding and retention. */
@ConfigMapping(prefix = "payguard.wallet")
public interface WalletConfig {

    /** Time zone whose calendar days and years the daily and yearly limits count in. */
    @WithDefault("Asia/Shanghai")
    ZoneId limitZone();

    /** Settlement sub-accounts per merchant and currency: credits spread over them (see README, hot accounts). */
    @WithDefault("16")
    int settlementBuckets();

    /** Sub-accounts per system clearing account and currency. */
    @WithDefault("16")
    int clearingBuckets();

    /** Limits per class: class-i, class-ii, class-iii. Amounts in minor units. */
    Map<String, Limits> limits();

    /**
     * The stored answers to wallet commands ({@code command_answer}), re-published when a command comes again. Kept at
     * least as long as {@code processed_event} (a redelivery or a resend of the command is recognised for that long and
     * must find its answer); the service refuses to start with less.
     */
    RetentionJob.Settings commandAnswer();

    /** Idempotency-Key records ({@code idempotency_record}): a key is replayed for this long, at least 24 h. */
    RetentionJob.Settings idempotency();

    interface Limits {
        long perTransaction();

        long daily();

        @WithDefault("9223372036854775807")
        long yearly();

        @WithDefault("9223372036854775807")
        long cumulativeOutflow();
    }
}

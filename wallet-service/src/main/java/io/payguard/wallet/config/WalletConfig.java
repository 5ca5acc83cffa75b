package io.payguard.wallet.config;

import java.time.ZoneId;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code payguard.wallet.*}: limits per wallet class, the day boundary for limits, and account sharding. */
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

    interface Limits {
        long perTransaction();

        long daily();

        @WithDefault("9223372036854775807")
        long yearly();

        @WithDefault("9223372036854775807")
        long cumulativeOutflow();
    }
}

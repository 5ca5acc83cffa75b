package io.payguard.payment.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * Risk rules and thresholds. Configuration, not code: change them with environment variables or the properties
 * file and restart (no rebuild). Amounts are minor units of the payment's currency.
 */
@ConfigMapping(prefix = "payguard.risk")
public interface RiskConfig {

    @WithDefault("5000000")
    long perTransactionMax();

    @WithDefault("20000000")
    long dailyMax();

    Velocity velocity();

    Blocklist blocklist();

    Anomaly anomaly();

    Sca sca();

    interface Velocity {
        @WithDefault("PT1H")
        Duration window();

        @WithDefault("20")
        int customerMax();

        @WithDefault("10")
        int cardMax();

        @WithDefault("50")
        int ipMax();
    }

    interface Blocklist {
        Optional<List<String>> customers();

        /** Keyed-hash card fingerprints (as stored), never card numbers. */
        Optional<List<String>> cardFingerprints();

        Optional<List<String>> bins();
    }

    interface Anomaly {
        @WithDefault("10")
        int factor();

        @WithDefault("5")
        int minHistory();

        /** The customer's usual amount is the average of this many of their latest succeeded payments (bounded work per confirm). */
        @WithDefault("50")
        int recentPayments();
    }

    interface Sca {
        /** Strong customer authentication above this amount. */
        @WithDefault("50000")
        long threshold();

        @WithDefault("PT5M")
        Duration codeTtl();

        /** How many new codes the customer may ask for per challenge (POST .../authenticate/resend). */
        @WithDefault("3")
        int maxResends();

        /** The least time between two codes sent for one challenge. */
        @WithDefault("PT30S")
        Duration resendInterval();

        /** Dev only: write the one-time code itself to the log. */
        @WithDefault("false")
        boolean logCodes();
    }

    Review review();

    Barcode barcode();

    /**
     * The PBoC barcode-payment limits (条码支付业务规范, 2017), per customer and UTC day, in minor units of
     * {@code currency}, over the customer's barcode payments (QR codes and payment codes) in that currency: static codes
     * at most {@code static-daily-max}; dynamic codes by the customer's authentication level.
     */
    interface Barcode {
        @WithDefault("CNY")
        String currency();

        /** Static QR codes (500 CNY). */
        @WithDefault("50000")
        long staticDailyMax();

        /** Dynamic codes, level C: fewer than two factors (1,000 CNY). */
        @WithDefault("100000")
        @WithName("level-c-daily-max")
        long levelCDailyMax();

        /** Dynamic codes, level B: two or more factors (5,000 CNY). */
        @WithDefault("500000")
        @WithName("level-b-daily-max")
        long levelBDailyMax();

        /** Dynamic codes, level A: two or more factors including a device key; agreed with the customer (20,000 CNY). */
        @WithDefault("2000000")
        @WithName("level-a-daily-max")
        long levelADailyMax();
    }

    /** Payments the rules send to review (outcome {@code review}): held, not captured, until an operator decides. */
    interface Review {
        /** Review every payment above this amount (rule {@code review_threshold}); absent: no such rule. */
        Optional<Long> above();

        /**
         * An unreviewed payment is released (hold voided, card authorisation reversed) and fails {@code review_expired}
         * this long after its risk decision. Must stay below {@code payguard.payment.hold-ttl} (checked at start).
         */
        @WithDefault("PT24H")
        Duration ttl();

        /** How often the expiry job looks for expired reviews; 0 disables it. */
        @WithDefault("PT1M")
        Duration expiryInterval();

        /** At most this many expired reviews per round. */
        @WithDefault("50")
        int expiryBatch();
    }
}

package io.payguard.payment.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Customer-presented payment codes ({@code POST /v1/payment_codes}). */
@ConfigMapping(prefix = "payguard.payment-code")
public interface PaymentCodeConfig {

    /** The leading digits of every code (1 to 6 digits); the rest of the 18 are random, the last a Luhn check digit. */
    @WithDefault("28")
    String prefix();

    /** How long a code may be charged; at most 60 s (a longer setting is capped). */
    @WithDefault("PT60S")
    Duration validity();

    /** Charges of unknown codes a merchant may make per {@code miss-window} before it is answered 429. */
    @WithDefault("10")
    int missLimit();

    @WithDefault("PT10M")
    Duration missWindow();

    /** How often active codes past their expiry are marked expired (event {@code payment_code.expired}); 0: never. */
    @WithDefault("PT30S")
    Duration expiryInterval();

    /** At most this many codes per expiry round. */
    @WithDefault("100")
    int expiryBatch();
}

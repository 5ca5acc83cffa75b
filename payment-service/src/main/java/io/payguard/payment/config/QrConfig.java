package io.payguard.payment.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Merchant-presented QR codes ({@code payguard.qr.*}): what the EMVCo payload says about the network and merchant. */
@ConfigMapping(prefix = "payguard.qr")
public interface QrConfig {

    /** Sub-tag 00 of the merchant account information template: the network's globally unique id (reverse domain). */
    @WithDefault("io.payguard")
    String globallyUniqueId();

    /** The merchant account information template's id, 26 to 51. */
    @WithDefault("26")
    String merchantAccountTag();

    /** Merchant category code (ISO 18245) written in tag 52. */
    @WithDefault("5999")
    String merchantCategoryCode();

    /** ISO 3166-1 alpha-2 country in tag 58. */
    @WithDefault("CN")
    String countryCode();

    /** The merchant city in tag 60 (at most 15 characters). */
    @WithDefault("Shanghai")
    String merchantCity();

    /** A dynamic code's lifetime when the merchant does not say ({@code expires_in}). */
    @WithDefault("PT5M")
    Duration defaultExpiresIn();

    /** The longest lifetime a merchant may ask for a dynamic code. */
    @WithDefault("PT1H")
    Duration maxExpiresIn();

    /** How often active dynamic codes past their expiry are expired (with their payment intent canceled); 0 disables. */
    @WithDefault("PT30S")
    Duration expiryInterval();

    /** At most this many codes per expiry round. */
    @WithDefault("100")
    int expiryBatch();
}

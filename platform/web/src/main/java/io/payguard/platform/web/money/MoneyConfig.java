package io.payguard.platform.web.money;

import java.util.List;

import io.smallrye.config.ConfigMapping;

/**
 * {@code payguard.money.*}: the money every service accepts, set once for the whole suite in platform/web's
 * {@code META-INF/microprofile-config.properties} (a deployment may override it, for every service alike).
 */
@ConfigMapping(prefix = "payguard.money")
public interface MoneyConfig {

    /** The enabled ISO 4217 currencies; each must have minor units (XXX, XTS, XAU and the like are refused at start). */
    List<String> currencies();

    /** The largest amount one request may name, in minor units of its currency. */
    long maxAmount();
}

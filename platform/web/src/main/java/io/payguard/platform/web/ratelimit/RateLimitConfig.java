package io.payguard.platform.web.ratelimit;

import java.util.List;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Token buckets per caller (API key, or OAuth client + subject) and per endpoint group, plus a coarse bucket
 * per source address in front of authentication. Limits are per service instance: with N replicas behind a
 * load balancer a caller gets up to N times the limit (see the README).
 */
@ConfigMapping(prefix = "payguard.rate-limit")
public interface RateLimitConfig {

    @WithDefault("true")
    boolean enabled();

    /** Before authentication, per source IP: protects token verification itself. */
    Limit perAddress();

    /** After authentication, per caller, for paths in no group. */
    Limit defaults();

    /** Named groups of path prefixes with their own per-caller limits. */
    Map<String, Group> groups();

    interface Limit {
        @WithDefault("200")
        long capacity();

        @WithDefault("100")
        long refillPerSecond();
    }

    interface Group extends Limit {
        List<String> pathPrefixes();
    }
}

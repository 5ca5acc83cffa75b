package io.payguard.platform.web.dpop;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Remembers every accepted proof ({@code jkt} + {@code jti}) for longer than a proof may be old, so a replayed
 * proof is refused. Per instance: a replay sent to another replica within the window is not caught there
 * (documented; a shared store would close it).
 */
@ApplicationScoped
public class DpopReplayCache {

    private final Cache<String, Boolean> seen = Caffeine.newBuilder()
            .maximumSize(1_000_000)
            .expireAfterWrite(Duration.ofMinutes(3))
            .build();

    /** True the first time this proof is presented, false on every replay. */
    public boolean firstUse(String jkt, String jti) {
        return seen.asMap().putIfAbsent(jkt + "|" + jti, Boolean.TRUE) == null;
    }
}

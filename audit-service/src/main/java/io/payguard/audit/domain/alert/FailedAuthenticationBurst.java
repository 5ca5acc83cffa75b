package io.payguard.audit.domain.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * More than {@code threshold} failed authentications within one sliding minute from one client id or one source
 * address raises one alert; the same key alerts again only after a quiet window. State is per instance (each
 * replica sees the share of the stream its partitions carry) and bounded: idle keys are dropped.
 */
public final class FailedAuthenticationBurst {

    public static final String RULE = "failed-authentications-burst";
    private static final int MAX_KEYS = 100_000;

    private final int threshold;
    private final Duration window;
    private final Map<String, ArrayDeque<Instant>> seen = new HashMap<>();
    private final Map<String, Instant> alerted = new HashMap<>();

    public FailedAuthenticationBurst(int threshold, Duration window) {
        if (threshold < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("threshold >= 1 and a positive window");
        }
        this.threshold = threshold;
        this.window = window;
    }

    /** Records one failed authentication; returns the alerts it raises (zero, one per key kind). */
    public synchronized List<SecurityAlert> observe(String clientId, String ip, Instant at) {
        var alerts = new ArrayList<SecurityAlert>(2);
        if (clientId != null) {
            check("clientId", clientId, at, alerts);
        }
        if (ip != null) {
            check("ip", ip, at, alerts);
        }
        if (seen.size() > MAX_KEYS) {
            seen.values().removeIf(q -> q.isEmpty() || q.peekLast().isBefore(at.minus(window)));
            alerted.values().removeIf(t -> t.isBefore(at.minus(window)));
        }
        return alerts;
    }

    private void check(String kind, String key, Instant at, List<SecurityAlert> alerts) {
        String k = kind + ":" + key;
        var times = seen.computeIfAbsent(k, x -> new ArrayDeque<>());
        times.addLast(at);
        Instant from = at.minus(window);
        while (!times.isEmpty() && times.peekFirst().isBefore(from)) {
            times.removeFirst();
        }
        Instant last = alerted.get(k);
        if (times.size() > threshold && (last == null || last.isBefore(from))) {
            alerted.put(k, at);
            alerts.add(new SecurityAlert(RULE, kind, key, times.size(), window, at));
        }
    }
}

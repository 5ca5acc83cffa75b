package io.payguard.e2e;

import java.net.CookieHandler;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Keeps cookies for one login conversation with Keycloak on loopback. The JDK's CookieManager never sends
 * {@code Secure} cookies over http, and Keycloak marks its session cookies Secure even on 127.0.0.1,
 * so the tests keep name=value pairs per host themselves (only ever used against the local stack).
 */
final class LoopbackCookieJar extends CookieHandler {

    private final Map<String, Map<String, String>> byHost = new ConcurrentHashMap<>();

    @Override
    public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) {
        var cookies = byHost.getOrDefault(uri.getHost(), Map.of());
        if (cookies.isEmpty()) {
            return Map.of();
        }
        return Map.of(
                "Cookie",
                List.of(cookies.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining("; "))));
    }

    @Override
    public void put(URI uri, Map<String, List<String>> responseHeaders) {
        responseHeaders.forEach((name, values) -> {
            if (name != null && name.equalsIgnoreCase("Set-Cookie")) {
                for (String v : values) {
                    String pair = v.split(";", 2)[0];
                    int eq = pair.indexOf('=');
                    if (eq > 0) {
                        byHost.computeIfAbsent(uri.getHost(), h -> new ConcurrentHashMap<>())
                                .put(
                                        pair.substring(0, eq).trim(),
                                        pair.substring(eq + 1).trim());
                    }
                }
            }
        });
    }
}

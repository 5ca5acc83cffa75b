package io.payguard.webapp.http;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.payguard.webapp.config.WebAppConfig;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;

/**
 * The same strict headers on every response: a Content-Security-Policy without inline scripts or styles, whose
 * {@code connect-src} names only this origin, the realm and the four services; Trusted Types required for every DOM
 * sink (lit-html's policy is the only one allowed); violations reported to {@code /csp-reports}.
 */
@ApplicationScoped
public class SecurityHeaders {

    private final String csp;

    SecurityHeaders(WebAppConfig config) {
        this.csp = policy(config);
    }

    static String policy(WebAppConfig config) {
        Set<String> connect = new LinkedHashSet<>();
        connect.add("'self'");
        connect.add(origin(config.issuer()));
        connect.add(origin(config.services().auth()));
        connect.add(origin(config.services().payment()));
        connect.add(origin(config.services().wallet()));
        connect.add(origin(config.services().audit()));
        return String.join(
                "; ",
                "default-src 'none'",
                "script-src 'self'",
                "style-src 'self'",
                "img-src 'self' data: blob:",
                "font-src 'self'",
                "media-src 'self' blob:",
                "manifest-src 'self'",
                "worker-src 'self'",
                "connect-src " + String.join(" ", connect),
                "form-action 'self'",
                "frame-ancestors 'none'",
                "base-uri 'none'",
                "object-src 'none'",
                "require-trusted-types-for 'script'",
                "trusted-types lit-html pg-sw",
                "report-uri /csp-reports");
    }

    static String origin(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    void register(@Observes Filters filters) {
        filters.register(this::headers, 100);
    }

    void headers(RoutingContext rc) {
        var h = rc.response().headers();
        h.set("Content-Security-Policy", csp);
        h.set("X-Content-Type-Options", "nosniff");
        h.set("Referrer-Policy", "no-referrer");
        h.set("Cross-Origin-Opener-Policy", "same-origin");
        h.set("Permissions-Policy", "camera=(self), microphone=(), geolocation=(), payment=()");
        h.set("X-Frame-Options", "DENY");
        String path = rc.normalizedPath();
        if (!path.startsWith("/static/")) {
            // Only the fingerprinted bundles may be cached for good; the page, the worker, the manifest and
            // config.json must be revalidated, or a release would never reach a browser that saw the last one.
            rc.addHeadersEndHandler(v -> rc.response().headers().set("Cache-Control", "no-cache"));
        }
        rc.next();
    }
}

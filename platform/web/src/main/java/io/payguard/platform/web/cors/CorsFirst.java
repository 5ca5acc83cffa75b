package io.payguard.platform.web.cors;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.vertx.http.runtime.VertxHttpConfig;
import io.quarkus.vertx.http.runtime.cors.CORSFilter;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.smallrye.config.SmallRyeConfig;

/**
 * Cross-origin access for the web app (web/): Quarkus' own CORS filter, configured by {@code quarkus.http.cors.*}, run
 * ahead of every PayGuard filter. Where Quarkus registers it (after {@code AdmissionControl}, {@code RequestGuard} and
 * the rate limits), a preflight {@code OPTIONS}, which carries no credential, was answered 401 by {@code RequestGuard},
 * and a problem (401, 403, 429, 503) left without {@code Access-Control-Allow-Origin}, so a browser saw a network
 * error instead of it. Here a preflight is answered before anything else looks at it, and the allow-origin header is
 * on the response before any refusal is written.
 *
 * <p>Registered only when {@code payguard.cors.origins} names at least one origin; otherwise nothing changes (no
 * cross-origin access: browsers get no allow-origin header). Quarkus' own registration stays off
 * ({@code quarkus.http.cors.enabled=false}), so the filter does not run twice.
 */
@ApplicationScoped
public class CorsFirst {

    /** Above every other PayGuard filter ({@code AdmissionControl} is 1100, {@code RequestGuard} 1000). */
    static final int PRIORITY = 2000;

    private final List<String> origins;

    CorsFirst(@ConfigProperty(name = "payguard.cors.origins") Optional<List<String>> origins) {
        this.origins = origins.orElse(List.of());
    }

    void register(@Observes Filters filters) {
        if (origins.isEmpty()) {
            return;
        }
        var http = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class).getConfigMapping(VertxHttpConfig.class);
        filters.register(new CORSFilter(http.cors()), PRIORITY);
    }
}

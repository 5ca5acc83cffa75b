package io.payguard.platform.web.apikey;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.payguard.platform.web.CorrelationId;
import io.payguard.platform.web.Problem;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.json.Json;

/**
 * Refuses any request that carries something shaped like an API key in its URL (query string or path):
 * URLs end up in logs, proxies and browser history. Runs before authentication.
 */
@ApplicationScoped
public class KeyInUrlFilter {

    void register(@Observes Filters filters) {
        filters.register(ctx -> {
            String uri = ctx.request().uri();
            if (uri != null && ApiKeyFormat.IN_TEXT.matcher(java.net.URLDecoder.decode(uri.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8)).find()) {
                var problem = Problem.of(400, "api_key_in_url", "API keys are not accepted in URLs",
                        "Send the key in the Authorization header; consider this key exposed and rotate it.", CorrelationId.of(ctx));
                ctx.response().setStatusCode(400).putHeader("Content-Type", Problem.MEDIA_TYPE).end(Json.encode(problem));
                return;
            }
            ctx.next();
        }, 900);
    }
}

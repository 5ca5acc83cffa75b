package io.payguard.platform.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.runtime.filters.Filters;

/** Gives every response (errors and 401s included) the correlation id under {@code X-Request-Id}. */
@ApplicationScoped
public class CorrelationIdFilter {

    void register(@Observes Filters filters) {
        filters.register(
                ctx -> {
                    String id = CorrelationId.of(ctx);
                    ctx.response().headers().set(CorrelationId.HEADER, id);
                    ctx.next();
                },
                1000);
    }
}

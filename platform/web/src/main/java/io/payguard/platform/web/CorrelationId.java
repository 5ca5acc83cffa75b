package io.payguard.platform.web;

import java.util.UUID;
import java.util.regex.Pattern;

import io.vertx.core.http.HttpServerRequest;

/** The request's correlation id: the caller's {@code X-Request-Id} when well-formed, else a new one. */
public final class CorrelationId {
    public static final String HEADER = "X-Request-Id";
    private static final String CONTEXT_KEY = "payguard.correlation-id";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]{8,64}");

    private CorrelationId() {}

    public static String of(io.vertx.ext.web.RoutingContext ctx) {
        String existing = ctx.get(CONTEXT_KEY);
        if (existing != null) {
            return existing;
        }
        String id = fromRequest(ctx.request());
        ctx.put(CONTEXT_KEY, id);
        return id;
    }

    static String fromRequest(HttpServerRequest request) {
        String header = request.getHeader(HEADER);
        return header != null && SAFE.matcher(header).matches()
                ? header
                : UUID.randomUUID().toString();
    }
}

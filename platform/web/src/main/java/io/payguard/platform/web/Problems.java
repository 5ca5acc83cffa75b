package io.payguard.platform.web;

import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;

/** Writes a problem straight to the Vert.x response, for refusals made before (or outside) Jakarta REST. */
public final class Problems {

    private Problems() {}

    public static void end(RoutingContext ctx, int status, String code, String title, String detail) {
        var response = ctx.response();
        if (response.ended()) {
            return;
        }
        if (response.headWritten()) {
            response.end();
            return;
        }
        response.setStatusCode(status)
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .end(Json.encode(Problem.of(status, code, title, detail, CorrelationId.of(ctx))));
    }
}

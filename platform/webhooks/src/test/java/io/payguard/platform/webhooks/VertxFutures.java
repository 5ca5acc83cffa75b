package io.payguard.platform.webhooks;

import java.util.concurrent.TimeUnit;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

/** Test servers on 127.0.0.1 and waiting for Vert.x futures from a test thread. */
final class VertxFutures {

    private VertxFutures() {}

    static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** A server on 127.0.0.1 and a free port. */
    static HttpServer listen(Vertx vertx, HttpServerOptions options, Handler<HttpServerRequest> handler)
            throws Exception {
        return listen(vertx, options, "127.0.0.1", handler);
    }

    static HttpServer listen(Vertx vertx, HttpServerOptions options, String address, Handler<HttpServerRequest> handler)
            throws Exception {
        return await(vertx.createHttpServer(options).requestHandler(handler).listen(0, address));
    }
}

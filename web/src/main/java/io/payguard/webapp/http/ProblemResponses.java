package io.payguard.webapp.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import org.jboss.logging.Logger;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Every error this app answers is an RFC 9457 problem: an unknown path (after the REST resources and the static
 * files had their turn), a refused request to a resource, and a failure of any handler (logged without its input).
 */
@ApplicationScoped
public class ProblemResponses {

    private static final Logger LOG = Logger.getLogger(ProblemResponses.class);
    static final String TYPE_BASE = "https://payguard.io/problems/";

    static JsonObject problem(int status, String code, String title, String detail) {
        return new JsonObject()
                .put("type", TYPE_BASE + code)
                .put("title", title)
                .put("status", status)
                .put("detail", detail)
                .put("code", code);
    }

    static void send(RoutingContext rc, JsonObject problem) {
        if (rc.response().headWritten()) {
            return;
        }
        rc.response()
                .setStatusCode(problem.getInteger("status"))
                .putHeader("Content-Type", "application/problem+json")
                .putHeader("Cache-Control", "no-store")
                .end(problem.encode());
    }

    /** Plain Vert.x routes (no reactive-routes extension: its body handling made empty POSTs to REST hang). */
    void routes(@Observes Router router) {
        router.route().last().handler(this::notFound);
        router.route().failureHandler(this::failure);
    }

    /** Last in line: nothing else answered this path. */
    void notFound(RoutingContext rc) {
        send(rc, problem(404, "not_found", "Not found", "There is nothing at this address."));
    }

    void failure(RoutingContext rc) {
        int status = rc.statusCode();
        if (status >= 400 && status < 500) {
            send(rc, problem(status, "request_refused", "Request refused", "The request cannot be answered."));
            return;
        }
        LOG.errorf(
                "request failed: %s",
                rc.failure() == null ? "unknown" : rc.failure().getClass().getName());
        send(rc, problem(500, "internal_error", "Internal error", "The request failed; it was logged."));
    }

    /** Refusals of the REST resources (unsupported media type, method not allowed, malformed input). */
    @Provider
    public static class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            int status = e.getResponse().getStatus();
            String title = e.getResponse().getStatusInfo().getReasonPhrase();
            return Response.status(status)
                    .type("application/problem+json")
                    .entity(problem(
                                    status,
                                    title.toLowerCase(java.util.Locale.ROOT).replace(' ', '_'),
                                    title,
                                    "The request was refused.")
                            .encode())
                    .build();
        }
    }
}

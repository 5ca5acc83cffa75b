package io.payguard.platform.web;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.payguard.kernel.failure.ApplicationException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.ext.web.RoutingContext;

/** Maps every failure to an RFC 9457 problem with a stable code; internals never reach the client. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    static final int RETRY_AFTER_SECONDS = 5;
    private final ThrottledWarning unavailable =
            new ThrottledWarning(LOG, "requests answered 503: a backing service is unavailable (%s), e.g. request %s");

    /** One WARN per second at most for a failure that hits every request alike, with how many it hit. */
    static final class ThrottledWarning {
        private final Logger log;
        private final String format;
        private final java.util.concurrent.atomic.AtomicLong suppressed = new java.util.concurrent.atomic.AtomicLong();
        private volatile long lastSecond;

        ThrottledWarning(Logger log, String format) {
            this.log = log;
            this.format = format;
        }

        void warn(String correlationId, String reason) {
            long second = System.currentTimeMillis() / 1000;
            long count = suppressed.incrementAndGet();
            if (second != lastSecond) {
                lastSecond = second;
                suppressed.set(0);
                log.warnf(format + " (%d in the last second)", reason, correlationId, count);
            }
        }
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, RoutingContext ctx) {
        return respond(Problem.of(e.status(), e.code(), e.title(), e.getMessage(), CorrelationId.of(ctx)));
    }

    /** The one place where an application refusal becomes an HTTP status: by its kind, never by the thrower. */
    @ServerExceptionMapper
    public Response application(ApplicationException e, RoutingContext ctx) {
        return application(e, CorrelationId.of(ctx));
    }

    static Response application(ApplicationException e, String correlationId) {
        var response = Response.status(statusOf(e.kind()))
                .type(Problem.MEDIA_TYPE)
                .entity(Problem.of(statusOf(e.kind()), e.code(), e.title(), e.detail(), correlationId));
        e.retryAfter()
                .map(after -> Math.max(1, after.toSeconds()))
                .or(() -> e.kind() == ApplicationException.Kind.UNAVAILABLE
                        ? java.util.Optional.of((long) RETRY_AFTER_SECONDS)
                        : java.util.Optional.empty())
                .ifPresent(seconds -> response.header("Retry-After", seconds));
        return response.build();
    }

    /** The status an application refusal is answered with: a {@link ProblemException}'s own, else its kind's. */
    public static int statusOf(ApplicationException e) {
        return e instanceof ProblemException p ? p.status() : statusOf(e.kind());
    }

    /** The problem an application refusal is answered with (for adapters that store or forward the body). */
    public static Problem problemOf(ApplicationException e, String correlationId) {
        return Problem.of(statusOf(e), e.code(), e.title(), e.detail(), correlationId);
    }

    public static int statusOf(ApplicationException.Kind kind) {
        return switch (kind) {
            case INVALID -> 400;
            case NOT_PERMITTED -> 403;
            case NOT_FOUND -> 404;
            case STATE_CONFLICT -> 409;
            case REFUSED -> 422;
            case TOO_SOON -> 429;
            case UNAVAILABLE -> 503;
        };
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, RoutingContext ctx) {
        return respond(Problem.of(401, "unauthenticated", "Authentication required", null, CorrelationId.of(ctx)));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, RoutingContext ctx) {
        return respond(Problem.of(403, "forbidden", "Not allowed", null, CorrelationId.of(ctx)));
    }

    /** A field the request model does not declare: refused, so nothing can be mass-assigned. */
    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER - 100)
    public Response unknownField(
            com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException e, RoutingContext ctx) {
        return respond(Problem.of(
                400,
                "unknown_field",
                "Unknown field",
                "field '" + e.getPropertyName() + "' is not accepted here",
                CorrelationId.of(ctx)));
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER - 100)
    public Response mismatched(com.fasterxml.jackson.databind.exc.MismatchedInputException e, RoutingContext ctx) {
        String path = e.getPath().stream()
                .map(r -> r.getFieldName() == null ? "[" + r.getIndex() + "]" : r.getFieldName())
                .collect(java.util.stream.Collectors.joining("."));
        return respond(Problem.of(
                400,
                "malformed_json",
                "The request body does not match this operation",
                path.isEmpty() ? null : "wrong type or format at '" + path + "'",
                CorrelationId.of(ctx)));
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER - 100)
    public Response badJson(JsonProcessingException e, RoutingContext ctx) {
        return respond(Problem.of(
                400,
                "malformed_json",
                "The request body is not valid JSON for this operation",
                null,
                CorrelationId.of(ctx)));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, RoutingContext ctx) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.errorf(
                    "request %s failed with %d: %s",
                    CorrelationId.of(ctx), status, e.getClass().getName());
        }
        return respond(Problem.of(
                status,
                codeFor(status),
                Response.Status.fromStatusCode(status) == null
                        ? "Error"
                        : Response.Status.fromStatusCode(status).getReasonPhrase(),
                null,
                CorrelationId.of(ctx)));
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, RoutingContext ctx) {
        String id = CorrelationId.of(ctx);
        var failure = io.payguard.platform.messaging.MessageFailure.of(e);
        if (failure.kind() == io.payguard.platform.messaging.MessageFailure.Kind.INFRASTRUCTURE) {
            // the database (or broker) is down or saturated: nothing was changed; the caller may retry, and an
            // outage is one WARN per second at most, not an ERROR per request
            unavailable.warn(id, failure.reason());
            return Response.status(503)
                    .type(Problem.MEDIA_TYPE)
                    .header("Retry-After", RETRY_AFTER_SECONDS)
                    .entity(Problem.of(
                            503,
                            "service_unavailable",
                            "Service temporarily unavailable",
                            "A backing service is unavailable. Retry after " + RETRY_AFTER_SECONDS
                                    + " s, with the same Idempotency-Key for a write.",
                            id))
                    .build();
        }
        // Only the type is logged here: messages may carry request data.
        LOG.errorf("request %s failed: %s", id, e.getClass().getName());
        return respond(Problem.of(
                500, "internal_error", "Internal error", "Quote the correlation id when you report this.", id));
    }

    static String codeFor(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthenticated";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 409 -> "conflict";
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            case 422 -> "unprocessable";
            case 429 -> "rate_limited";
            default -> status >= 500 ? "internal_error" : "http_" + status;
        };
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem)
                .build();
    }
}

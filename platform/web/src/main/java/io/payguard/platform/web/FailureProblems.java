package io.payguard.platform.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.payguard.platform.web.dpop.DpopProofVerifier;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Gives an RFC 9457 body to the refusals Vert.x and Quarkus Security make outside Jakarta REST, which otherwise
 * end with an empty body: a failed or missing authentication (401, with its challenge), a denied permission (403),
 * and status-only failures such as a body over {@code quarkus.http.limits.max-body-size} (413). Anything else goes
 * on to Quarkus' own error handler.
 */
@ApplicationScoped
public class FailureProblems {

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::handle);
        // failures no route's failure handler took, e.g. a request path Vert.x cannot even decode (400)
        for (int status : new int[] {400, 405, 413, 414, 415, 431}) {
            router.errorHandler(status, this::handle);
        }
    }

    void handle(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (ctx.response().ended()) {
            return;
        }
        if (failure instanceof AuthenticationFailedException || failure instanceof UnauthorizedException) {
            ctx.response().putHeader("WWW-Authenticate", challenge(ctx.request().getHeader("Authorization")));
            Problems.end(ctx, 401, "unauthenticated", "Authentication required", null);
        } else if (failure instanceof ForbiddenException) {
            Problems.end(ctx, 403, "forbidden", "Not allowed", null);
        } else if (failure == null && ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
            int status = ctx.statusCode();
            var reason = io.netty.handler.codec.http.HttpResponseStatus.valueOf(status)
                    .reasonPhrase();
            Problems.end(ctx, status, ProblemMappers.codeFor(status), reason, null);
        } else {
            ctx.next();
        }
    }

    /** The scheme the caller used (RFC 9449 §7.1 for DPoP), else Bearer (RFC 6750 §3). */
    public static String challenge(String authorization) {
        if (authorization != null && authorization.regionMatches(true, 0, "DPoP ", 0, 5)) {
            return "DPoP algs=\""
                    + String.join(
                            " ", DpopProofVerifier.ALGORITHMS.stream().sorted().toList()) + "\"";
        }
        return "Bearer";
    }
}

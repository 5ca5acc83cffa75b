package io.payguard.platform.web;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.vertx.ext.web.RoutingContext;

/** Enforces {@link RequiresScope} for callers that came with an API key, after authentication and roles. */
public class ScopeFilter {

    private final jakarta.enterprise.inject.Instance<Caller> callers;

    public ScopeFilter(jakarta.enterprise.inject.Instance<Caller> callers) {
        this.callers = callers;
    }

    @ServerRequestFilter(priority = jakarta.ws.rs.Priorities.AUTHORIZATION + 10)
    public Response requireScope(jakarta.ws.rs.container.ResourceInfo resource, RoutingContext ctx) {
        RequiresScope required = resource.getResourceMethod() == null
                ? null
                : resource.getResourceMethod().getAnnotation(RequiresScope.class);
        if (required == null && resource.getResourceClass() != null) {
            required = resource.getResourceClass().getAnnotation(RequiresScope.class);
        }
        if (required == null) {
            return null;
        }
        Caller caller = callers.get();
        if (!caller.viaApiKey() || caller.scopes().contains(required.value())) {
            return null;
        }
        return Response.status(403)
                .type(Problem.MEDIA_TYPE)
                .entity(Problem.of(
                        403,
                        "insufficient_scope",
                        "The API key lacks a scope",
                        "this operation needs scope '" + required.value() + "'",
                        CorrelationId.of(ctx)))
                .build();
    }
}

package io.payguard.platform.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Walks every route a service publishes in its OpenAPI document (so a new route cannot escape) and probes it
 * with each kind of credential, collecting every answer that breaks the access rules:
 * <ul>
 * <li>a probe without a valid credential (none, forged, expired, wrong audience, revoked key) must get 401;</li>
 * <li>a valid credential whose roles the route does not allow must get 403 or 404;</li>
 * <li>a valid credential whose role the route allows must get past authentication and authorisation (GET only,
 * so the walk creates nothing);</li>
 * <li>a route that declares no roles at all is a violation unless it is explicitly listed as public.</li>
 * </ul>
 * The roles come from the security requirements SmallRye OpenAPI derives from {@code @RolesAllowed}.
 */
public final class RouteMatrix {

    public record Route(String method, String path, Set<String> roles, String audience) {}

    /**
     * One kind of caller. {@code roles} empty means the credential is not valid for this service. Headers are
     * made per request (method, URL), so sender-constrained credentials can sign a fresh DPoP proof each time.
     */
    public record Probe(
            String name,
            java.util.function.BiFunction<String, String, Map<String, String>> headers,
            Set<String> roles) {
        public Probe(String name, Map<String, String> headers, Set<String> roles) {
            this(name, (method, url) -> headers, roles);
        }

        public boolean valid() {
            return !roles.isEmpty();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    public RouteMatrix(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    public List<Route> routes() {
        JsonNode doc = read(get(baseUrl + "/q/openapi?format=json", Map.of()).body());
        List<Route> routes = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
            var path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                var op = ops.next();
                if (!METHODS.contains(op.getKey())) {
                    continue;
                }
                Set<String> roles = new LinkedHashSet<>();
                boolean secured = false;
                for (JsonNode requirement : op.getValue().path("security")) {
                    for (Iterator<JsonNode> values = requirement.elements(); values.hasNext(); ) {
                        secured = true;
                        values.next().forEach(r -> roles.add(r.asText()));
                    }
                }
                routes.add(new Route(
                        op.getKey().toUpperCase(),
                        path.getKey(),
                        secured && roles.isEmpty() ? Set.of("*authenticated*") : roles,
                        op.getValue().path("x-payguard-audience").asText(null)));
            }
        }
        return routes;
    }

    /** Every rule broken, as readable lines; empty when the service keeps all of them. */
    public List<String> violations(List<Probe> probes, Set<String> publicRoutes) {
        List<String> problems = new ArrayList<>();
        List<Route> routes = routes();
        if (routes.isEmpty()) {
            problems.add("no routes found in " + baseUrl + "/q/openapi");
        }
        for (Route route : routes) {
            String id = route.method() + " " + route.path();
            if (route.roles().isEmpty() && !publicRoutes.contains(id)) {
                problems.add(id + ": declares no required role (unprotected route)");
            }
            if (!"public".equals(route.audience()) && !"private".equals(route.audience())) {
                problems.add(id + ": not in the API inventory (x-payguard-audience must be public or private)");
            }
            if ("private".equals(route.audience())
                    && (route.roles().contains("customer") || route.roles().contains("merchant"))) {
                problems.add(id + ": a private (service-to-service) API admits customer or merchant tokens");
            }
            String url = baseUrl + route.path().replaceAll("\\{[^}]+}", "00000000-0000-4000-8000-000000000000");
            for (Probe probe : probes) {
                boolean allowed = probe.valid()
                        && (route.roles().contains("*authenticated*")
                                || probe.roles().stream().anyMatch(route.roles()::contains));
                if (allowed && !"GET".equals(route.method())) {
                    continue; // would change state; the 401/403 sides are still walked
                }
                int status = call(route.method(), url, probe.headers().apply(route.method(), url));
                if (!probe.valid()) {
                    if (status != 401 && !publicRoutes.contains(id)) {
                        problems.add(id + " with " + probe.name() + ": expected 401, got " + status);
                    }
                } else if (!allowed) {
                    if (status != 403 && status != 404) {
                        problems.add(id + " with " + probe.name() + " (roles " + probe.roles()
                                + "): expected 403/404, got " + status);
                    }
                } else if (status == 401 || status == 403 || status >= 500) {
                    problems.add(id + " with " + probe.name() + " (allowed): expected access, got " + status);
                }
            }
        }
        return problems;
    }

    private int call(String method, String url, Map<String, String> headers) {
        var b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(15));
        headers.forEach(b::header);
        if ("GET".equals(method) || "DELETE".equals(method)) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json")
                    .header("Idempotency-Key", "route-matrix-probe")
                    .method(method, HttpRequest.BodyPublishers.ofString("{}"));
        }
        return send(b.build()).statusCode();
    }

    private HttpResponse<String> get(String url, Map<String, String> headers) {
        var b = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(15))
                .GET();
        headers.forEach(b::header);
        return send(b.build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("not an OpenAPI JSON document", e);
        }
    }
}

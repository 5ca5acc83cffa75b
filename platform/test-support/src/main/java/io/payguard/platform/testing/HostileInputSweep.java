package io.payguard.platform.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Sends hostile input to every route a service publishes in its OpenAPI document (so a new route cannot escape),
 * each time with a credential the route admits, and collects every answer that breaks the error contract:
 * <ul>
 * <li>no answer within the timeout, or any 5xx;</li>
 * <li>a 4xx whose body is not an RFC 9457 problem ({@code application/problem+json} with the same {@code status}
 * and a {@code code});</li>
 * <li>a body that gives away internals: an exception or class name, a stack frame, SQL.</li>
 * </ul>
 * Hostile ids and query values (NUL and control characters, bad percent-encoding, SQL and path fragments, huge and
 * non-ASCII strings, out-of-range numbers), and for operations with a body: malformed and deeply nested JSON, the
 * wrong JSON type at the top and in each property the schema declares, strings with NUL, huge strings, numbers as
 * strings, fractions, exponents and overflow, unknown enum values, unknown fields, wrong media types. Every write
 * carries a fresh {@code Idempotency-Key}, so the body is really parsed.
 * <p>
 * Left out: percent escapes that are not hexadecimal ({@code %zz}). Vert.x's HTTP server refuses those itself with a
 * bare 400 before any handler runs, and Quarkus offers no hook for that answer.
 */
public final class HostileInputSweep {

    /** One credential: the roles it holds and the headers it sends for a method and URL (DPoP proofs are per call). */
    public record Credential(
            String name,
            java.util.Set<String> roles,
            java.util.function.BiFunction<String, String, Map<String, String>> headers) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> HOSTILE_IDS = List.of(
            "%00",
            "abc%00def",
            "%0d%0aSet-Cookie:%20x=1",
            "%C0%AF",
            "..%2F..%2Fetc%2Fpasswd",
            "'%20OR%201=1--",
            "%F0%9F%92%A9",
            "-1",
            "0",
            "99999999999999999999999",
            "x".repeat(600),
            "%E2%80%AE",
            "null",
            "%2525",
            "{id}",
            "00000000-0000-0000-0000-000000000000");
    private static final List<String> HOSTILE_QUERY = List.of(
            "%00",
            "%1b%5b2J",
            "-1",
            "0",
            "abc",
            "1e309",
            "99999999999999999999999",
            "%25zz",
            "x".repeat(2000),
            "%5B%5D",
            "'%20OR%20'1'='1",
            "2026-13-45T99:99:99Z");

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String baseUrl;
    private int requests;

    public HostileInputSweep(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    public int requests() {
        return requests;
    }

    /** Every broken rule as a readable line; empty when every answer was a clean refusal or a success. */
    public List<String> violations(List<Credential> credentials, Consumer<String> progress) {
        JsonNode doc = read(send(HttpRequest.newBuilder(URI.create(baseUrl + "/q/openapi?format=json"))
                        .GET()
                        .build())
                .body());
        List<String> problems = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
            var path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                var op = ops.next();
                String method = op.getKey().toUpperCase();
                if (!List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                    continue;
                }
                var credential = credentialFor(method, path.getKey(), op.getValue(), credentials);
                int before = problems.size();
                int sent = requests;
                sweep(doc, method, path.getKey(), op.getValue(), credential, problems);
                progress.accept(String.format(
                        "%s %s as %s: %d requests, %d violations",
                        method,
                        path.getKey(),
                        credential == null ? "nobody" : credential.name(),
                        requests - sent,
                        problems.size() - before));
            }
        }
        return problems;
    }

    private void sweep(
            JsonNode doc, String method, String template, JsonNode op, Credential credential, List<String> problems) {
        boolean hasBody = !method.equals("GET") && !method.equals("DELETE");
        String plain = template.replaceAll("\\{[^}]+}", "does-not-exist");
        // hostile ids in every path parameter, with an empty JSON object as the body of writes
        if (template.contains("{")) {
            for (String id : HOSTILE_IDS) {
                check(
                        method,
                        template.replaceAll("\\{[^}]+}", id),
                        credential,
                        hasBody ? "application/json" : null,
                        hasBody ? "{}" : null,
                        problems);
            }
        }
        for (JsonNode p : op.path("parameters")) {
            if ("query".equals(p.path("in").asText())) {
                for (String value : HOSTILE_QUERY) {
                    check(
                            method,
                            plain + "?" + p.path("name").asText() + "=" + value,
                            credential,
                            hasBody ? "application/json" : null,
                            hasBody ? "{}" : null,
                            problems);
                }
            }
        }
        if (!hasBody) {
            return;
        }
        List<String> bodies = new ArrayList<>(List.of(
                "",
                "{",
                "}",
                "[]",
                "\"text\"",
                "42",
                "null",
                "true",
                "{\"a\":1,}",
                "{'a':1}",
                "{\"a\":\"\\u0000\"}",
                "[".repeat(5000) + "]".repeat(5000),
                "{\"a\":".repeat(3000) + "1" + "}".repeat(3000),
                "{\"unknown_field\":1}",
                "{\"__proto__\":{\"admin\":true}}",
                "\uFEFF{}",
                "{\"a\":\"\\ud800\"}"));
        Map<String, JsonNode> properties = properties(
                doc,
                op.path("requestBody").path("content").path("application/json").path("schema"));
        for (var property : properties.entrySet()) {
            for (String value : hostileValues(property.getValue())) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put(property.getKey(), RAW + value);
                bodies.add(render(body));
            }
        }
        for (String body : bodies) {
            check(method, plain, credential, "application/json", body, problems);
        }
        check(method, plain, credential, "text/plain", "{}", problems);
        check(method, plain, credential, "application/xml", "<a/>", problems);
        check(method, plain, credential, "application/json; charset=latin-1", "{}", problems);
        check(method, plain, credential, null, "{}", problems);
    }

    private static final String RAW = "\u0001raw:";

    /** A JSON object whose values are raw JSON text (so wrong types and malformed numbers can be written). */
    private static String render(Map<String, Object> body) {
        var sb = new StringBuilder("{");
        for (var e : body.entrySet()) {
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append('"')
                    .append(e.getKey())
                    .append("\":")
                    .append(e.getValue().toString().substring(RAW.length()));
        }
        return sb.append('}').toString();
    }

    /** Raw JSON values that are wrong for a property of this schema, plus a few that are hostile for any. */
    private static List<String> hostileValues(JsonNode schema) {
        String type = schema.path("type").asText("object");
        List<String> values = new ArrayList<>(
                List.of("null", "{}", "[]", "\"" + "y".repeat(100_000) + "\"", "\"a\\u0000b\"", "\"\\u001b[2J\""));
        switch (type) {
            case "integer", "number" ->
                values.addAll(List.of(
                        "\"100\"",
                        "1.99",
                        "1.5",
                        "1e2",
                        "-1",
                        "0",
                        "99999999999999999999999",
                        "-9223372036854775809",
                        "1e400",
                        "NaN",
                        "true"));
            case "string" ->
                values.addAll(List.of(
                        "42",
                        "true",
                        "\"\"",
                        "\" \"",
                        "\"zzz-unknown-enum\"",
                        "\"%00\"",
                        "\"<script>alert(1)</script>\"",
                        "\"'; DROP TABLE payment_intent;--\"",
                        "\"4111111111111111\""));
            case "boolean" -> values.addAll(List.of("\"true\"", "1", "0"));
            case "array" -> values.addAll(List.of("\"x\"", "[null]", "[" + "1,".repeat(10_000) + "1]"));
            default -> values.addAll(List.of("\"x\"", "42"));
        }
        return values;
    }

    private static Map<String, JsonNode> properties(JsonNode doc, JsonNode schema) {
        JsonNode resolved = schema;
        for (int hops = 0; resolved.has("$ref") && hops < 5; hops++) {
            String ref = resolved.path("$ref").asText();
            resolved = doc.at(ref.startsWith("#") ? ref.substring(1) : ref);
        }
        Map<String, JsonNode> props = new LinkedHashMap<>();
        resolved.path("properties").fields().forEachRemaining(e -> props.put(e.getKey(), e.getValue()));
        return props;
    }

    /**
     * The first credential whose roles the route declares and that the route really lets in: some services declare
     * every role on a resource class and refuse most of them per operation, and a sweep refused with 403 would never
     * reach the parsers. Probed with a read, or with a malformed body for writes (refused before anything happens).
     */
    private Credential credentialFor(String method, String template, JsonNode op, List<Credential> credentials) {
        List<String> roles = new ArrayList<>();
        for (JsonNode requirement : op.path("security")) {
            requirement.elements().forEachRemaining(values -> values.forEach(r -> roles.add(r.asText())));
        }
        List<Credential> candidates = credentials.stream()
                .filter(c -> roles.isEmpty()
                        ? !c.roles().isEmpty()
                        : c.roles().stream().anyMatch(roles::contains))
                .toList();
        boolean write = !method.equals("GET") && !method.equals("DELETE");
        String url = baseUrl + template.replaceAll("\\{[^}]+}", "does-not-exist");
        for (Credential c : candidates) {
            var b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
            c.headers().apply(method, url).forEach(b::header);
            if (write) {
                b.header("Content-Type", "application/json").header("Idempotency-Key", "sweep-" + UUID.randomUUID());
            }
            b.method(method, write ? HttpRequest.BodyPublishers.ofString("{") : HttpRequest.BodyPublishers.noBody());
            int status = send(b.build()).statusCode();
            if (status != 401 && status != 403) {
                return c;
            }
        }
        return candidates.isEmpty() ? null : candidates.get(0);
    }

    private void check(
            String method,
            String pathAndQuery,
            Credential credential,
            String contentType,
            String body,
            List<String> problems) {
        String url = baseUrl + pathAndQuery;
        String label = method + " " + abbreviate(pathAndQuery) + (body == null ? "" : " body " + abbreviate(body))
                + (contentType == null ? "" : " [" + contentType + "]");
        HttpRequest.Builder b;
        try {
            b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
        } catch (IllegalArgumentException e) {
            return; // not even a URI the client can send: no server will see it
        }
        if (credential != null) {
            credential.headers().apply(method, withoutQuery(url)).forEach(b::header);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (!method.equals("GET") && !method.equals("DELETE")) {
            b.header("Idempotency-Key", "sweep-" + UUID.randomUUID());
        }
        b.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = answer(
                b,
                () -> {
                    if (credential != null) {
                        credential.headers().apply(method, withoutQuery(url)).forEach(b::setHeader);
                    }
                },
                label,
                problems);
        if (r != null) {
            judge(label, r, problems);
        }
    }

    private static String withoutQuery(String url) {
        return url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
    }

    /**
     * Sends the request; when rate limited, asks again at the pace Retry-After asks for ({@code resign} signs it
     * afresh), within a deadline. Null, with the problem noted, when no usable answer came.
     */
    private HttpResponse<String> answer(HttpRequest.Builder b, Runnable resign, String label, List<String> problems) {
        HttpResponse<String> r;
        try {
            r = sendOnce(b.build());
        } catch (IOException e) {
            problems.add(label + ": no answer (" + e.getClass().getSimpleName() + ")");
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (r.statusCode() != 429) {
            return r;
        }
        var latest = new java.util.concurrent.atomic.AtomicReference<>(r);
        long pace = retryAfterSeconds(r);
        try {
            org.awaitility.Awaitility.await()
                    .atMost(Duration.ofSeconds(60))
                    .pollDelay(Duration.ofSeconds(pace))
                    .pollInterval(Duration.ofSeconds(pace))
                    .until(() -> {
                        resign.run();
                        latest.set(sendOnce(b.build()));
                        return latest.get().statusCode() != 429;
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            problems.add(label + ": still rate limited after 60 s");
            return null;
        }
        return latest.get();
    }

    /** No 5xx, no internals in the body, and every 4xx a well-formed problem. */
    private static void judge(String label, HttpResponse<String> r, List<String> problems) {
        int status = r.statusCode();
        if (status >= 500) {
            problems.add(label + ": " + status + " " + abbreviate(r.body()));
            return;
        }
        String text = r.body();
        for (String leak : List.of(
                "Exception",
                "\tat ",
                "at io.",
                "at java.",
                "org.hibernate",
                "io.vertx.pgclient",
                "SQLSTATE",
                "syntax error at")) {
            if (text.contains(leak)) {
                problems.add(label + ": the answer shows internals (" + leak.trim() + "): " + abbreviate(text));
                return;
            }
        }
        if (status >= 400) {
            String type = r.headers().firstValue("Content-Type").orElse("");
            if (!type.startsWith("application/problem+json")) {
                problems.add(label + ": " + status + " without a problem body (Content-Type '" + type + "')");
                return;
            }
            try {
                JsonNode problem = JSON.readTree(text);
                if (problem.path("status").asInt() != status
                        || !problem.path("code").isTextual()) {
                    problems.add(label + ": " + status + " with a malformed problem " + abbreviate(text));
                }
            } catch (IOException e) {
                problems.add(label + ": " + status + " with a body that is not JSON");
            }
        }
    }

    /** The Retry-After delay in seconds, kept between 1 and 5 (1 when it is missing or not a number). */
    private static long retryAfterSeconds(HttpResponse<String> r) {
        try {
            return Math.max(
                    1,
                    Math.min(
                            5,
                            Long.parseLong(r.headers()
                                    .firstValue("Retry-After")
                                    .orElse("1")
                                    .trim())));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private HttpResponse<String> sendOnce(HttpRequest request) throws IOException, InterruptedException {
        requests++;
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return sendOnce(request);
        } catch (IOException e) {
            throw new IllegalStateException(request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String abbreviate(String s) {
        String oneLine = s.replaceAll("[\\r\\n]+", " ");
        return oneLine.length() > 120 ? oneLine.substring(0, 120) + "...(" + oneLine.length() + " chars)" : oneLine;
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("not an OpenAPI JSON document", e);
        }
    }
}

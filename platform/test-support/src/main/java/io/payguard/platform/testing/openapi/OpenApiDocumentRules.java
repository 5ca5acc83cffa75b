package io.payguard.platform.testing.openapi;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a merchant needs to code from an operation, checked over the parsed document (no linter has these rules): a
 * request example, a success example, the error responses the operation can give (each an RFC 9457 problem with an
 * example naming its {@code type} and {@code code}), the {@code Idempotency-Key} header's format and the rate-limit
 * headers. {@link #check} answers one line per operation and gap.
 */
public final class OpenApiDocumentRules {

    static final String PROBLEM_TYPE_PREFIX = "https://payguard.io/problems/";
    static final Set<String> RATE_LIMIT_HEADERS = Set.of("RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset");
    /** The refusals the shared filters give every operation (or every one with a body): not operation-specific. */
    static final Set<String> SHARED = Set.of(
            "invalid_characters",
            "api_key_in_url",
            "malformed_json",
            "unknown_field",
            "forbidden",
            "insufficient_scope",
            "idempotency_key_reused",
            "idempotency_key_in_use",
            "invalid_idempotency_key");

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private final JsonNode document;
    private final List<String> failures = new ArrayList<>();

    private OpenApiDocumentRules(JsonNode document) {
        this.document = document;
    }

    /** The gaps of every operation outside {@code /q/}, as {@code "POST /v1/x: what is missing"}. */
    public static List<String> check(JsonNode document) {
        var rules = new OpenApiDocumentRules(document);
        for (Iterator<Map.Entry<String, JsonNode>> paths =
                        document.path("paths").fields();
                paths.hasNext(); ) {
            var path = paths.next();
            if (path.getKey().startsWith("/q/")) {
                continue;
            }
            path.getValue().fields().forEachRemaining(op -> {
                if (METHODS.contains(op.getKey())) {
                    rules.operation(op.getKey().toUpperCase() + " " + path.getKey(), path.getKey(), op.getValue());
                }
            });
        }
        return rules.failures;
    }

    private void operation(String name, String path, JsonNode op) {
        JsonNode responses = op.path("responses");
        boolean body = !op.path("requestBody").isMissingNode();
        if (body && !hasExample(resolve(op.path("requestBody")).path("content"))) {
            fail(name, "no request body example");
        }
        success(name, responses);
        boolean secured = op.has("security")
                ? !op.path("security").isEmpty()
                : !document.path("security").isEmpty();
        boolean query = false;
        for (JsonNode p : op.path("parameters")) {
            JsonNode param = resolve(p);
            query |= param.path("in").asText().equals("query");
            if (param.path("in").asText().equals("header")
                    && param.path("name").asText().equalsIgnoreCase("Idempotency-Key")) {
                idempotencyKey(name, param);
            }
        }
        require(name, responses, "400", body || query || op.has("parameters"), "a 400 (validation) problem");
        if ((body || query) && !hasOwnRefusal(responses)) {
            fail(name, "no operation-specific 400, 403, 409 or 422 example (only the shared filters')");
        }
        require(name, responses, "401", secured, "a 401 problem (it is authenticated)");
        require(name, responses, "403", secured, "a 403 problem (it is authenticated)");
        require(name, responses, "404", path.contains("{"), "a 404 problem (it takes an id)");
        require(name, responses, "429", true, "a 429 problem (every operation is rate limited)");
        require(name, responses, "503", true, "a 503 problem (admission control, backing services)");
        responses.fields().forEachRemaining(r -> response(name, r.getKey(), resolve(r.getValue()), secured));
    }

    /** Whether a 400, 403, 409 or 422 names a problem code of the operation's own (not a shared filter's). */
    private boolean hasOwnRefusal(JsonNode responses) {
        for (String status : List.of("400", "403", "409", "422")) {
            var codes = exampleCodes(resolve(responses.path(status)));
            codes.removeAll(SHARED);
            if (!codes.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private void success(String name, JsonNode responses) {
        var statuses = new ArrayList<String>();
        responses.fieldNames().forEachRemaining(s -> {
            if (s.startsWith("2")) {
                statuses.add(s);
            }
        });
        if (statuses.isEmpty()) {
            fail(name, "no success (2xx) response");
            return;
        }
        statuses.sort(String::compareTo);
        JsonNode success = resolve(responses.path(statuses.get(0)));
        if (success.has("content") && !hasExample(success.path("content"))) {
            fail(name, "no example for its " + statuses.get(0) + " response");
        }
        success.path("content").fields().forEachRemaining(media -> {
            if (!media.getValue().has("schema")) {
                fail(name, "no schema for its " + statuses.get(0) + " response (" + media.getKey() + ")");
            }
        });
    }

    private void require(String name, JsonNode responses, String status, boolean needed, String what) {
        if (needed && !responses.has(status)) {
            fail(name, "no " + what);
        }
    }

    private void response(String name, String status, JsonNode response, boolean secured) {
        JsonNode headers = response.path("headers");
        if (status.startsWith("4") || status.startsWith("5")) {
            JsonNode problem = response.path("content").path("application/problem+json");
            if (!problem.path("schema").path("$ref").asText().endsWith("/Problem")) {
                fail(name, status + " is not an application/problem+json Problem");
            }
            List<String> codes = exampleCodes(response);
            if (codes.isEmpty()) {
                fail(name, status + " has no problem example naming its type and code");
            }
        }
        if ((status.equals("429") || status.equals("503")) && !headers.has("Retry-After")) {
            fail(name, status + " does not document Retry-After");
        }
        if (secured && (status.startsWith("2") || status.startsWith("4"))) {
            for (String header : RATE_LIMIT_HEADERS) {
                if (!headers.has(header)) {
                    fail(name, status + " does not document " + header);
                }
            }
        }
    }

    /** The codes of the problem examples of {@code response} whose {@code type} names that code. */
    private List<String> exampleCodes(JsonNode response) {
        List<String> codes = new ArrayList<>();
        JsonNode media = response.path("content").path("application/problem+json");
        List<JsonNode> values = new ArrayList<>();
        if (media.has("example")) {
            values.add(media.path("example"));
        }
        media.path("examples").forEach(e -> values.add(resolve(e).path("value")));
        for (JsonNode v : values) {
            String code = v.path("code").asText("");
            if (!code.isEmpty() && v.path("type").asText().equals(PROBLEM_TYPE_PREFIX + code)) {
                codes.add(code);
            }
        }
        return codes;
    }

    private void idempotencyKey(String name, JsonNode param) {
        JsonNode schema = resolve(param.path("schema"));
        if (schema.path("minLength").asInt(-1) != 8
                || schema.path("maxLength").asInt(-1) != 255
                || param.path("description").asText().isBlank()) {
            fail(name, "Idempotency-Key is not documented (8 to 255 characters, with a description)");
        }
    }

    private boolean hasExample(JsonNode content) {
        for (JsonNode media : content) {
            if (media.has("example")
                    || !media.path("examples").isEmpty()
                    || resolve(media.path("schema")).has("example")
                    || !resolve(media.path("schema")).path("examples").isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** {@code node}, or what its local {@code $ref} points at. */
    private JsonNode resolve(JsonNode node) {
        String ref = node.path("$ref").asText("");
        return ref.startsWith("#/") ? document.at(ref.substring(1)) : node;
    }

    private void fail(String operation, String what) {
        failures.add(operation + ": " + what);
    }
}

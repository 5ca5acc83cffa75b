package io.payguard.platform.web.openapi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Schema;

import io.payguard.platform.web.Problem;

/** The shared pieces {@link ApiDocumentFilter} puts into every document: the problem schema, headers, refusals. */
final class ApiDocumentParts {

    /** An example correlation id (the server's are UUIDs; a client's {@code X-Request-Id} is 8 to 64 safe chars). */
    static final String CORRELATION_ID = "3f0c2b1e-8d4a-4c55-9a07-2f1b9c6d0e11";

    private static final long MAX_INT64 = Long.MAX_VALUE;

    private ApiDocumentParts() {}

    /**
     * RFC 9457 problem details as {@link Problem} writes them. The bounds are what the code produces: codes and titles
     * are constants, details are built from them and at most a field name (Jackson reads names of up to 50 000
     * characters, under the 1 MB body limit).
     */
    static Schema problemSchema() {
        return OASFactory.createSchema()
                .addType(Schema.SchemaType.OBJECT)
                .description("An RFC 9457 problem: `code` is stable and meant for programs; `title` and `detail`"
                        + " are for people and carry no internal details or personal data. An operation may add extension"
                        + " members (RFC 9457 section 3.2), such as `payment_intent_status` on a 409.")
                .required(List.of("type", "title", "status", "code"))
                .addProperty(
                        "type",
                        string(300, "uri", null).description("`https://payguard.io/problems/` followed by the code"))
                .addProperty("title", string(200, null, null).description("A short summary of the problem kind"))
                .addProperty(
                        "status",
                        OASFactory.createSchema()
                                .addType(Schema.SchemaType.INTEGER)
                                .format("int32")
                                .minimum(java.math.BigDecimal.valueOf(400))
                                .maximum(java.math.BigDecimal.valueOf(599)))
                .addProperty(
                        "detail",
                        string(51_000, null, null).description("What went wrong with this request, for people"))
                .addProperty(
                        "code",
                        string(64, null, "^[a-z0-9_]{1,64}$").description("The stable problem code programs branch on"))
                .addProperty(
                        "correlationId",
                        string(64, null, "^[A-Za-z0-9._-]{8,64}$")
                                .description("The request's id (`X-Request-Id`): quote it when reporting a problem"));
    }

    private static Schema string(int maxLength, String format, String pattern) {
        var schema = OASFactory.createSchema().addType(Schema.SchemaType.STRING).maxLength(maxLength);
        if (format != null) {
            schema.setFormat(format);
        }
        if (pattern != null) {
            schema.setPattern(pattern);
        }
        return schema;
    }

    /** The headers {@code RateLimiter} and the 429/503 answers send. */
    static Map<String, Header> headers() {
        Map<String, Header> headers = new LinkedHashMap<>();
        headers.put(
                ApiDocumentFilter.RATE_LIMIT_LIMIT,
                header(
                        1,
                        "The capacity of the caller's bucket for this endpoint group (requests). Sent on every"
                                + " answer to an identified caller; absent on refusals made before authentication."));
        headers.put(
                ApiDocumentFilter.RATE_LIMIT_REMAINING,
                header(0, "Requests left in the caller's bucket now. Sent with RateLimit-Limit."));
        headers.put(
                ApiDocumentFilter.RATE_LIMIT_RESET,
                header(0, "Seconds until the caller's bucket is full again. Sent with RateLimit-Limit."));
        headers.put(
                ApiDocumentFilter.RETRY_AFTER,
                header(1, "Seconds to wait before retrying (a rate limit, an overload or a backing service down)."));
        return headers;
    }

    private static Header header(long minimum, String description) {
        return OASFactory.createHeader()
                .description(description)
                .schema(OASFactory.createSchema()
                        .addType(Schema.SchemaType.INTEGER)
                        .format("int64")
                        .minimum(java.math.BigDecimal.valueOf(minimum))
                        .maximum(java.math.BigDecimal.valueOf(MAX_INT64)))
                .example(minimum == 0 ? 0 : 1);
    }

    /** 400s every operation can get from the request guard; and from reading a body, where there is one. */
    static Map<String, Problem> guardRefusals(boolean body) {
        Map<String, Problem> problems = new LinkedHashMap<>();
        problems.put(
                "invalid_characters",
                problem(
                        400,
                        "invalid_characters",
                        "Invalid characters in the URL",
                        "the path and query must be valid percent-encoded UTF-8 without control characters"));
        problems.put(
                "api_key_in_url",
                problem(
                        400,
                        "api_key_in_url",
                        "API keys are not accepted in URLs",
                        "Send the key in the Authorization header; consider this key exposed and rotate it."));
        if (body) {
            problems.put(
                    "malformed_json",
                    problem(
                            400,
                            "malformed_json",
                            "The request body does not match this operation",
                            "wrong type or format at 'amount'"));
            problems.put(
                    "unknown_field",
                    problem(400, "unknown_field", "Unknown field", "field 'status' is not accepted here"));
        }
        return problems;
    }

    static Map<String, Problem> unauthenticated() {
        return Map.of(
                "unauthenticated",
                problem(
                        401,
                        "unauthenticated",
                        "Authentication required",
                        "send a token or API key in the Authorization header"),
                "dpop_required",
                problem(401, "dpop_required", "Proof of possession required", "exactly one DPoP proof is required"));
    }

    static Problem forbidden() {
        return problem(403, "forbidden", "Not allowed", null);
    }

    static Problem insufficientScope(String scope) {
        return problem(
                403, "insufficient_scope", "The API key lacks a scope", "this operation needs scope '" + scope + "'");
    }

    static Problem rateLimited() {
        return problem(429, "rate_limited", "Too many requests", "retry after 1 s");
    }

    static Map<String, Problem> unavailable() {
        return Map.of(
                "overloaded",
                problem(
                        503,
                        "overloaded",
                        "Service overloaded",
                        "more than 256 requests are in progress; retry after 1 s (with the same Idempotency-Key)"),
                "service_unavailable",
                problem(
                        503,
                        "service_unavailable",
                        "Service temporarily unavailable",
                        "A backing service is unavailable. Retry after 5 s, with the same Idempotency-Key for a write."));
    }

    static Problem internalError() {
        return problem(500, "internal_error", "Internal error", "Quote the correlation id when you report this.");
    }

    private static Problem problem(int status, String code, String title, String detail) {
        return Problem.of(status, code, title, detail, CORRELATION_ID);
    }

    /** A problem as its JSON body (the fields that are set, in the record's order). */
    static Map<String, Object> body(Problem p) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", p.type());
        body.put("title", p.title());
        body.put("status", p.status());
        if (p.detail() != null) {
            body.put("detail", p.detail());
        }
        body.put("code", p.code());
        body.put("correlationId", p.correlationId());
        return body;
    }
}

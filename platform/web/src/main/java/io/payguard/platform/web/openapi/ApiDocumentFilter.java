package io.payguard.platform.web.openapi;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.examples.Example;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

import io.payguard.kernel.IdempotencyKeys;
import io.payguard.platform.web.Problem;
import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * What every PayGuard API document says the same way, because the shared filters do it the same way for every
 * operation (see platform/web README, "API documents"):
 * <ul>
 * <li>the OIDC security scheme's {@code openIdConnectUrl} (the realm's discovery document);
 * <li>the RFC 9457 {@code Problem} schema, and every 4xx/5xx answer as {@code application/problem+json} of it. An
 * example written in an annotation without a value ({@code @ExampleObject(name = code, summary = title, description =
 * detail)}) becomes a problem body naming that code;
 * <li>the refusals of the shared filters: 400 from {@code RequestGuard} (and {@code ProblemMappers} for a body), 401
 * and 403 where an operation is secured, 429 ({@code RateLimiter}, with {@code Retry-After}) and 503
 * ({@code AdmissionControl}, a backing service down), each with its examples;
 * <li>the {@code RateLimit-*} headers {@code RateLimiter} sends with every answer to an identified caller;
 * <li>500 {@code internal_error}, what {@code ProblemMappers} answers for a fault of PayGuard's own;
 * <li>the {@code Idempotency-Key} header's format ({@link IdempotencyKeys}), and the request line's bound on a path or
 * query string that an operation does not bound more tightly;
 * <li>no request body where SmallRye took the Vert.x {@code RoutingContext} parameter for one (and no schema that
 * nothing refers to any more).
 * </ul>
 */
@OpenApiFilter(OpenApiFilter.RunStage.RUN)
public class ApiDocumentFilter implements OASFilter {

    public static final String PROBLEM = "Problem";
    static final String PROBLEM_REF = "#/components/schemas/" + PROBLEM;
    static final String RATE_LIMIT_LIMIT = "RateLimit-Limit";
    static final String RATE_LIMIT_REMAINING = "RateLimit-Remaining";
    static final String RATE_LIMIT_RESET = "RateLimit-Reset";
    static final String RETRY_AFTER = "Retry-After";
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final Config config;

    public ApiDocumentFilter() {
        this(ConfigProvider.getConfig());
    }

    ApiDocumentFilter(Config config) {
        this.config = config;
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        Components components = openAPI.getComponents();
        openIdConnectUrl(components);
        components.addSchema(PROBLEM, ApiDocumentParts.problemSchema());
        ApiDocumentParts.headers().forEach(components::addHeader);
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        int maxUri = config.getOptionalValue("payguard.http.max-uri-length", Integer.class)
                .orElse(8192);
        Map<String, String> scopes = RequiredScopes.byOperationId();
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (path.startsWith("/q/")) {
                return;
            }
            item.getOperations().values().forEach(op -> {
                document(op, maxUri, scopes.get(op.getOperationId()));
                if (scopes.containsKey(op.getOperationId() + RequiredScopes.SIGNED)) {
                    signed(op);
                }
            });
        });
        SchemaPruning.prune(openAPI);
    }

    /** The OIDC scheme points at the realm's discovery document ({@code quarkus.oidc.auth-server-url}). */
    private void openIdConnectUrl(Components components) {
        if (components.getSecuritySchemes() == null) {
            return;
        }
        Optional<String> server = config.getOptionalValue("quarkus.oidc.auth-server-url", String.class);
        for (SecurityScheme scheme : components.getSecuritySchemes().values()) {
            if (scheme.getType() == SecurityScheme.Type.OPENIDCONNECT && server.isPresent()) {
                String base = server.get().replaceAll("/+$", "");
                scheme.setOpenIdConnectUrl(base + "/.well-known/openid-configuration");
                scheme.setDescription(
                        "OAuth 2.0 access tokens (JWT, RS256, verified locally against the realm's keys, following"
                                + " RFC8725: the algorithm is fixed, issuer, audience, expiry and typ are checked;"
                                + " DPoP-bound for customers), or a merchant API key sent as"
                                + " `Authorization: Bearer sk_live_…` (pk_ and rk_ keys alike; test keys sk_test_…).");
            }
        }
    }

    void document(Operation op, int maxUri, String scope) {
        if (op.getResponses() == null) {
            op.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = op.getResponses();
        boolean secured = op.getSecurity() != null && !op.getSecurity().isEmpty();
        SchemaPruning.dropContextBody(op);
        parameters(op, maxUri);
        ApiDocumentParts.guardRefusals(op.getRequestBody() != null)
                .forEach((name, p) -> addProblem(responses, 400, "Invalid request", name, p));
        if (secured) {
            ApiDocumentParts.unauthenticated()
                    .forEach((name, p) -> addProblem(responses, 401, "Not authenticated", name, p));
            addProblem(responses, 403, "Not allowed", "forbidden", ApiDocumentParts.forbidden());
            if (scope != null) {
                addProblem(
                        responses, 403, "Not allowed", "insufficient_scope", ApiDocumentParts.insufficientScope(scope));
            }
        }
        addProblem(responses, 429, "Too many requests", "rate_limited", ApiDocumentParts.rateLimited());
        ApiDocumentParts.unavailable().forEach((name, p) -> addProblem(responses, 503, "Unavailable", name, p));
        addProblem(responses, 500, "A fault of PayGuard's", "internal_error", ApiDocumentParts.internalError());
        responses.getAPIResponses().forEach((status, response) -> {
            if (status.startsWith("4") || status.startsWith("5")) {
                problemContent(status, response);
            }
            if (status.equals("429") || status.equals("503")) {
                response.addHeader(RETRY_AFTER, ref(RETRY_AFTER));
            }
            if (secured && (status.startsWith("2") || status.startsWith("4"))) {
                response.addHeader(RATE_LIMIT_LIMIT, ref(RATE_LIMIT_LIMIT));
                response.addHeader(RATE_LIMIT_REMAINING, ref(RATE_LIMIT_REMAINING));
                response.addHeader(RATE_LIMIT_RESET, ref(RATE_LIMIT_RESET));
            }
        });
    }

    /**
     * An operation that verifies HTTP message signatures (RFC 9421, {@code @SignedRequest}): its three headers and the
     * 401 refusals of {@code SignedRequestFilter}. How to sign: platform/web README, "Signed requests".
     */
    static void signed(Operation op) {
        signatureHeader(
                op,
                "Signature-Input",
                "RFC 9421 signature parameters: covered components \"@method\" \"@target-uri\" \"content-digest\""
                        + " (when there is a body) \"idempotency-key\", with created, keyid and nonce. Required when the"
                        + " merchant's request signing is required, or its key's mode is in"
                        + " payguard.request-signing.required-modes; verified whenever present.",
                "sig1=(\"@method\" \"@target-uri\" \"content-digest\" \"idempotency-key\");created=1765093200;"
                        + "keyid=\"key_2026_01\";nonce=\"b7d1c3a9e5f24c6d\";alg=\"ed25519\"",
                "^[a-z*][a-z0-9_.*-]*=\\(.*$");
        signatureHeader(
                op,
                "Signature",
                "RFC 9421 signature over the signature base, with the merchant's registered Ed25519 or ES256 key.",
                "sig1=:wqcAqbmYJ2ji2glfAMaRy4gruYYnx2nEFN2HN6jrnDnQCK1u02Gb04v9EDgwUPiu4A0w6vuQv5lIp5WPpBKRCw==:",
                "^[a-z*][a-z0-9_.*-]*=:[A-Za-z0-9+/=]+:$");
        signatureHeader(
                op,
                "Content-Digest",
                "RFC 9530 digest of the body (sha-256 or sha-512), covered by the signature.",
                "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:",
                "^[a-z*][a-z0-9_.*-]*=:[A-Za-z0-9+/=]*:( *, *[a-z*][a-z0-9_.*-]*=:[A-Za-z0-9+/=]*:)*$");
        APIResponses responses = op.getResponses();
        for (var p : new String[][] {
            {"signature_required", "Signature required", "this merchant must sign this operation (RFC 9421)"},
            {"signature_invalid", "Invalid signature", "the signature does not verify with the named key"},
            {"signature_expired", "Signature expired", "'created' is more than 300 seconds from the server's time"},
            {"signature_replayed", "Signature replayed", "this keyid and nonce were already used"},
            {"content_digest_mismatch", "Content-Digest mismatch", "Content-Digest does not match the body"},
            {"unknown_signing_key", "Unknown signing key", "keyid names no active signing key of this merchant"}
        }) {
            addProblem(
                    responses,
                    401,
                    "Not authenticated",
                    p[0],
                    Problem.of(401, p[0], p[1], p[2], ApiDocumentParts.CORRELATION_ID));
        }
        problemContent("401", responses.getAPIResponse("401"));
    }

    private static void signatureHeader(Operation op, String name, String description, String example, String pattern) {
        if (op.getParameters() != null
                && op.getParameters().stream().anyMatch(p -> name.equalsIgnoreCase(p.getName()))) {
            return;
        }
        op.addParameter(OASFactory.createParameter()
                .name(name)
                .in(Parameter.In.HEADER)
                .required(false)
                .description(description)
                .example(example)
                .schema(OASFactory.createSchema()
                        .addType(Schema.SchemaType.STRING)
                        .maxLength(8192)
                        .pattern(pattern)));
    }

    /** The Idempotency-Key's format; the request line's bound on a string parameter not bounded more tightly. */
    private static void parameters(Operation op, int maxUri) {
        if (op.getParameters() == null) {
            return;
        }
        for (Parameter p : op.getParameters()) {
            if (p.getIn() == Parameter.In.HEADER && IDEMPOTENCY_KEY.equalsIgnoreCase(p.getName())) {
                p.setSchema(OASFactory.createSchema()
                        .addType(Schema.SchemaType.STRING)
                        .minLength(8)
                        .maxLength(IdempotencyKeys.MAX_LENGTH)
                        .pattern("^[A-Za-z0-9._:-]{8," + IdempotencyKeys.MAX_LENGTH + "}$"));
                p.setExample("order-7f3c9a2e-confirm");
                if (p.getDescription() == null) {
                    p.setDescription("Makes the call safe to retry: the same key with the same request answers the"
                            + " first call's answer again; with another request it is refused (422"
                            + " idempotency_key_reused). 8 to 255 letters, digits, '.', '_', ':' or '-'.");
                }
            } else if (p.getSchema() != null
                    && p.getSchema().getType() != null
                    && p.getSchema().getType().contains(Schema.SchemaType.STRING)
                    && p.getSchema().getMaxLength() == null
                    && p.getSchema().getEnumeration() == null
                    && (p.getIn() == Parameter.In.PATH || p.getIn() == Parameter.In.QUERY)) {
                p.getSchema().setMaxLength(maxUri);
            }
        }
    }

    /** Adds a problem example to the response for {@code status}, creating the response when there is none. */
    private static void addProblem(APIResponses responses, int status, String description, String name, Problem p) {
        APIResponse response = responses.getAPIResponse(String.valueOf(status));
        if (response == null) {
            response = OASFactory.createAPIResponse().description(description);
            responses.addAPIResponse(String.valueOf(status), response);
        }
        MediaType media = problemContent(String.valueOf(status), response);
        if (media.getExamples() == null || !media.getExamples().containsKey(name)) {
            media.addExample(name, OASFactory.createExample().summary(p.title()).value(ApiDocumentParts.body(p)));
        }
    }

    /**
     * Makes an error response's content {@code application/problem+json} of the Problem schema (moving examples an
     * annotation gave under another media type) and turns value-less examples into problem bodies.
     */
    static MediaType problemContent(String status, APIResponse response) {
        Content content = response.getContent();
        if (content == null) {
            content = OASFactory.createContent();
            response.setContent(content);
        }
        MediaType problem = content.getMediaType(Problem.MEDIA_TYPE);
        if (problem == null) {
            problem = OASFactory.createMediaType();
        }
        Map<String, Example> examples = new LinkedHashMap<>();
        if (problem.getExamples() != null) {
            examples.putAll(problem.getExamples());
        }
        if (content.getMediaTypes() != null) {
            for (var entry : Map.copyOf(content.getMediaTypes()).entrySet()) {
                if (!entry.getKey().equals(Problem.MEDIA_TYPE)) {
                    if (entry.getValue().getExamples() != null) {
                        examples.putAll(entry.getValue().getExamples());
                    }
                    content.removeMediaType(entry.getKey());
                }
            }
        }
        int code = status.chars().allMatch(Character::isDigit) ? Integer.parseInt(status) : 400;
        examples.forEach((name, example) -> {
            if (example.getValue() == null && example.getExternalValue() == null && example.getRef() == null) {
                String title = example.getSummary() == null ? name : example.getSummary();
                example.setValue(ApiDocumentParts.body(
                        Problem.of(code, name, title, example.getDescription(), ApiDocumentParts.CORRELATION_ID)));
                example.setDescription(null);
            }
        });
        problem.setExamples(examples.isEmpty() ? null : examples);
        problem.setSchema(OASFactory.createSchema().ref(PROBLEM_REF));
        content.addMediaType(Problem.MEDIA_TYPE, problem);
        return problem;
    }

    private static Header ref(String name) {
        return OASFactory.createHeader().ref("#/components/headers/" + name);
    }
}

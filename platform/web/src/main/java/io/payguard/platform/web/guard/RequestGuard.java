package io.payguard.platform.web.guard;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.payguard.kernel.ApiKeyFormat;
import io.payguard.platform.web.FailureProblems;
import io.payguard.platform.web.Problems;
import io.payguard.platform.web.dpop.DpopProofVerifier;
import io.payguard.platform.web.security.AuthenticationFailureAuditor;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * The first look at every request, before authentication and before Jakarta REST: what no route can ever accept is
 * refused here with an RFC 9457 problem, so it never reaches a parser, the OIDC extension or the database. In order:
 * <ol>
 * <li>a request line over {@code payguard.http.max-uri-length}: 414; headers over
 * {@code payguard.http.max-header-bytes}: 431; a declared body over {@code quarkus.http.limits.max-body-size}: 413.
 * The HTTP codec's own limits ({@code quarkus.http.limits.max-initial-line-length}, {@code max-header-size}) sit far
 * above these, because the codec answers with a bare status and no body;</li>
 * <li>a path or query string that is not valid percent-encoded UTF-8, or that decodes to a control character (NUL
 * included: PostgreSQL cannot store it): 400 {@code invalid_characters};</li>
 * <li>anything shaped like an API key in the URL: 400 {@code api_key_in_url} (URLs end up in logs, proxies and
 * browser history);</li>
 * <li>{@code Authorization: DPoP} with no DPoP proof, several, or one that is not a compact JWS with
 * {@code typ=dpop+jwt}, an allowed algorithm and a public JWK: 401 {@code dpop_required} and an audit record. The
 * OIDC extension answered some of these (an undecodable proof, {@code alg: none}) with a NullPointerException;</li>
 * <li>no credential at all on a route that is not public: 401 with a problem body (Quarkus' permission check answers
 * with a bare challenge);</li>
 * <li>a body sent to a {@code /v1} route with a media type other than JSON: 415. Every PayGuard API takes JSON
 * only.</li>
 * </ol>
 */
@ApplicationScoped
public class RequestGuard {

    /** Before authentication (and before any other PayGuard filter). */
    static final int PRIORITY = 1000;

    private final AuthenticationFailureAuditor failures;
    private final int maxUriLength;
    private final int maxHeaderBytes;
    private final long maxBodyBytes;
    private final List<String> publicPaths;

    public RequestGuard(
            AuthenticationFailureAuditor failures,
            @ConfigProperty(name = "payguard.http.max-uri-length", defaultValue = "8192") int maxUriLength,
            @ConfigProperty(name = "payguard.http.max-header-bytes", defaultValue = "16384") int maxHeaderBytes,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10M") MemorySize maxBody,
            @ConfigProperty(name = "quarkus.http.auth.permission.public.paths") Optional<List<String>> publicPaths) {
        this.failures = failures;
        this.maxUriLength = maxUriLength;
        this.maxHeaderBytes = maxHeaderBytes;
        this.maxBodyBytes = maxBody.asLongValue();
        this.publicPaths = publicPaths.orElse(List.of());
    }

    void register(@Observes Filters filters) {
        filters.register(this::check, PRIORITY);
    }

    void check(RoutingContext ctx) {
        var request = ctx.request();
        String path = request.path() == null ? "" : request.path();
        if (refusedForSize(ctx, request)
                || refusedForUrl(ctx, request, path)
                || refusedForCredential(ctx, request, path)) {
            return;
        }
        if (path.startsWith("/v1/") && hasBody(request) && !json(request.getHeader("Content-Type"))) {
            Problems.end(
                    ctx, 415, "unsupported_media_type", "Unsupported media type", "send the body as application/json");
            return;
        }
        ctx.next();
    }

    /** 414, 431 or 413 (ending the request) when the request line, the headers or the declared body are too large. */
    private boolean refusedForSize(RoutingContext ctx, HttpServerRequest request) {
        if (request.uri() != null && request.uri().length() > maxUriLength) {
            Problems.end(
                    ctx,
                    414,
                    "uri_too_long",
                    "Request URI too long",
                    "the request line may carry at most " + maxUriLength + " characters");
            return true;
        }
        if (headerBytes(request) > maxHeaderBytes) {
            Problems.end(
                    ctx,
                    431,
                    "headers_too_large",
                    "Request headers too large",
                    "the headers may carry at most " + maxHeaderBytes + " bytes");
            return true;
        }
        if (declaredLength(request) > maxBodyBytes) {
            // the body handler would answer this with a bare 413; a chunked body over the limit still gets that
            Problems.end(
                    ctx,
                    413,
                    "payload_too_large",
                    "Request body too large",
                    "the body may carry at most " + maxBodyBytes + " bytes");
            return true;
        }
        return false;
    }

    /** 400 (ending the request) when the URL is not clean UTF-8 or carries an API key. */
    private static boolean refusedForUrl(RoutingContext ctx, HttpServerRequest request, String path) {
        String decodedPath = decode(path);
        String decodedQuery = decode(request.query());
        if (decodedPath == null || decodedQuery == null) {
            Problems.end(
                    ctx,
                    400,
                    "invalid_characters",
                    "Invalid characters in the URL",
                    "the path and query must be valid percent-encoded UTF-8 without control characters");
            return true;
        }
        if (ApiKeyFormat.IN_TEXT.matcher(decodedPath).find()
                || ApiKeyFormat.IN_TEXT.matcher(decodedQuery.replace('+', ' ')).find()) {
            Problems.end(
                    ctx,
                    400,
                    "api_key_in_url",
                    "API keys are not accepted in URLs",
                    "Send the key in the Authorization header; consider this key exposed and rotate it.");
            return true;
        }
        return false;
    }

    /** 401 (ending the request) for a DPoP token without one well-shaped proof, or no credential on a private route. */
    private boolean refusedForCredential(RoutingContext ctx, HttpServerRequest request, String path) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "DPoP ", 0, 5)) {
            var proofs = request.headers().getAll("DPoP");
            String problem = proofs.size() != 1
                    ? "exactly one DPoP proof is required"
                    : DpopProofVerifier.shapeProblem(proofs.get(0));
            if (problem != null) {
                failures.refused(ctx, "dpop_invalid");
                ctx.response()
                        .putHeader(
                                "WWW-Authenticate",
                                FailureProblems.challenge(authorization) + ", error=\"invalid_dpop_proof\"");
                Problems.end(ctx, 401, "dpop_required", "Proof of possession required", problem);
                return true;
            }
        }
        if (authorization == null && !isPublic(path)) {
            ctx.response().putHeader("WWW-Authenticate", FailureProblems.challenge(null));
            Problems.end(
                    ctx,
                    401,
                    "unauthenticated",
                    "Authentication required",
                    "send a token or API key in the Authorization header");
            return true;
        }
        return false;
    }

    /** As {@code quarkus.http.auth.permission.public.paths} matches: exact, or a prefix before {@code /*}. */
    boolean isPublic(String path) {
        for (String p : publicPaths) {
            boolean prefix = p.endsWith("/*");
            String base = prefix ? p.substring(0, p.length() - 2) : p;
            if (path.equals(base) || (prefix && path.startsWith(base + "/"))) {
                return true;
            }
        }
        return false;
    }

    private static int headerBytes(HttpServerRequest request) {
        int total = 0;
        for (var header : request.headers()) {
            total += header.getKey().length() + header.getValue().length() + 4;
        }
        return total;
    }

    private static boolean hasBody(HttpServerRequest request) {
        return request.getHeader("Content-Length") != null
                ? declaredLength(request) != 0
                : request.getHeader("Transfer-Encoding") != null;
    }

    /** The declared Content-Length; 0 when there is none, -1 when it is not a number (the codec refuses those). */
    private static long declaredLength(HttpServerRequest request) {
        String length = request.getHeader("Content-Length");
        if (length == null) {
            return 0;
        }
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** {@code application/json} or any {@code application/*+json}, with or without parameters such as charset. */
    static boolean json(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
                .trim()
                .toLowerCase(Locale.ROOT);
        return type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
    }

    /**
     * {@code raw} (a path or query string as sent) decoded, or null when it holds a malformed percent escape, bytes
     * that are not UTF-8, raw non-ASCII, or (decoded) a control character (C0, DEL or C1). Null input decodes to "".
     */
    static String decode(String raw) {
        if (raw == null || raw.isEmpty()) {
            return "";
        }
        byte[] bytes = new byte[raw.length()];
        int n = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int hi = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
                int lo = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 2), 16) : -1;
                if (hi < 0 || lo < 0) {
                    return null;
                }
                bytes[n++] = (byte) (hi << 4 | lo);
                i += 2;
            } else if (c < 0x80) {
                bytes[n++] = (byte) c;
            } else {
                return null;
            }
        }
        String decoded;
        try {
            decoded = StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(ByteBuffer.wrap(bytes, 0, n))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
        return decoded.codePoints().anyMatch(cp -> cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) ? null : decoded;
    }
}

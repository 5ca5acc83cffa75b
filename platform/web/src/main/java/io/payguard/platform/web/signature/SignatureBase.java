package io.payguard.platform.web.signature;

import java.net.URI;
import java.util.Locale;

/**
 * The signature base of RFC 9421 section 2.5: one line per covered component, {@code "<name>": <value>}, in the
 * order covered, then {@code "@signature-params": <the inner list as serialized>}, lines joined by a single LF and no
 * LF at the end. Derived components supported: {@code @method}, {@code @target-uri}, {@code @authority},
 * {@code @scheme}, {@code @path}, {@code @query}, {@code @request-target}; any other is refused (null).
 */
final class SignatureBase {

    private SignatureBase() {}

    /** The base, or null when a covered component is absent from the request or not supported. */
    static String of(StructuredFields.InnerList covered, HttpSignatureVerifier.Request request) {
        var out = new StringBuilder();
        for (var item : covered.items()) {
            String name = (String) item.value();
            String value = name.startsWith("@") ? derived(name, request) : field(name, request);
            if (value == null) {
                return null;
            }
            out.append('"').append(name).append("\": ").append(value).append('\n');
        }
        out.append("\"@signature-params\": ").append(StructuredFields.serialize(covered));
        return out.toString();
    }

    private static String field(String name, HttpSignatureVerifier.Request request) {
        if (!name.equals(name.toLowerCase(Locale.ROOT)) || name.isEmpty()) {
            return null;
        }
        String value = HttpSignatureVerifier.joined(request, name);
        return value == null || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0 ? null : value;
    }

    private static String derived(String name, HttpSignatureVerifier.Request request) {
        URI uri = URI.create(request.targetUri());
        String query = uri.getRawQuery();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return switch (name) {
            case "@method" -> request.method();
            case "@target-uri" -> request.targetUri();
            case "@authority" -> authority(uri);
            case "@scheme" -> uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
            case "@path" -> path;
            case "@query" -> "?" + (query == null ? "" : query);
            case "@request-target" -> query == null ? path : path + "?" + query;
            default -> null;
        };
    }

    /** Host lower-cased, the port only when it is not the scheme's default (RFC 9421 section 2.2.3). */
    private static String authority(URI uri) {
        if (uri.getHost() == null) {
            return null;
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1
                || ("https".equalsIgnoreCase(uri.getScheme()) && port == 443)
                || ("http".equalsIgnoreCase(uri.getScheme()) && port == 80);
        return defaultPort ? host : host + ":" + port;
    }
}

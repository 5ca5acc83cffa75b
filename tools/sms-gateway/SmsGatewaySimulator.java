import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

/**
 * An SMS gateway simulator for the local stack: PayGuard's SMS channel posts one-time codes here, and the demo and the
 * e2e tests read them back. JDK only. Run: {@code SMS_GATEWAY_TOKEN_FILE=token.txt java SmsGatewaySimulator.java}
 *
 * <p>SMS_GATEWAY_PORT (default 8086; bound to 127.0.0.1 only), SMS_GATEWAY_TOKEN_FILE (the bearer token, first line;
 * read at start) or SMS_GATEWAY_TOKEN. Every call under /v1 needs {@code Authorization: Bearer <token>}.
 * <ul>
 * <li>{@code POST /v1/messages} {@code {"to":"+8613800000000","text":"..."}} (JSON, at most 8 KiB; {@code to} in E.164,
 * {@code text} 1-1600 characters) → 202 {@code {"id":"sms_..."}}; 400 malformed, 401 no or wrong token, 413 too large,
 * 415 not JSON.</li>
 * <li>{@code GET /v1/messages?to=%2B8613800000000&limit=20} → 200 {@code {"data":[{"id","to","text","received_at"}]}},
 * newest first ({@code to} optional; a literal {@code +} in the query is kept).</li>
 * <li>{@code GET /health} → 200 (no token).</li>
 * </ul>
 * Memory is bounded: the newest 1,000 messages are kept, older ones are dropped. The log names the masked number and
 * the message id, never the text (it carries one-time codes).
 */
public class SmsGatewaySimulator {
    static final int MAX_BODY = 8 * 1024;
    static final int MAX_TEXT = 1600;
    static final int KEPT = 1000;
    static final int MAX_LIMIT = 100;
    static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    static final Deque<Message> messages = new ArrayDeque<>();

    record Message(String id, String to, String text, Instant receivedAt) {
        String json() {
            return "{\"id\":" + quote(id) + ",\"to\":" + quote(to) + ",\"text\":" + quote(text) + ",\"received_at\":"
                    + quote(receivedAt.toString()) + "}";
        }
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(System.getenv().getOrDefault("SMS_GATEWAY_PORT", "8086"));
        byte[] token = token().getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/v1/messages", exchange -> {
            try {
                messages(exchange, token);
            } catch (RuntimeException e) {
                answer(exchange, 400, error("invalid_request"));
            }
        });
        server.createContext("/health", exchange -> answer(exchange, 200, "{\"status\":\"UP\"}"));
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        System.out.println("SMS gateway simulator on http://127.0.0.1:" + port + "/v1/messages (bearer token required)");
    }

    static String token() throws IOException {
        String file = System.getenv("SMS_GATEWAY_TOKEN_FILE");
        String token = file != null
                ? Files.readAllLines(Path.of(file)).stream().findFirst().orElse("").strip()
                : System.getenv().getOrDefault("SMS_GATEWAY_TOKEN", "");
        if (token.length() < 16) {
            throw new IllegalStateException("SMS_GATEWAY_TOKEN_FILE or SMS_GATEWAY_TOKEN: a token of 16+ characters");
        }
        return token;
    }

    static void messages(HttpExchange exchange, byte[] token) throws IOException {
        if (!exchange.getRequestURI().getPath().equals("/v1/messages")) {
            answer(exchange, 404, error("not_found"));
            return;
        }
        String method = exchange.getRequestMethod();
        if (!method.equals("POST") && !method.equals("GET")) {
            exchange.getResponseHeaders().set("Allow", "GET, POST");
            answer(exchange, 405, error("method_not_allowed"));
            return;
        }
        if (!authorised(exchange.getRequestHeaders().getFirst("Authorization"), token)) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
            answer(exchange, 401, error("unauthorized"));
            return;
        }
        if (method.equals("GET")) {
            list(exchange);
        } else {
            accept(exchange);
        }
    }

    static boolean authorised(String header, byte[] token) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(header.substring(7).strip().getBytes(StandardCharsets.UTF_8), token);
    }

    static void accept(HttpExchange exchange) throws IOException {
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.toLowerCase().startsWith("application/json")) {
            answer(exchange, 415, error("unsupported_media_type"));
            return;
        }
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_BODY + 1);
        }
        if (body.length > MAX_BODY) {
            answer(exchange, 413, error("body_too_large"));
            return;
        }
        Map<String, String> fields = Json.object(new String(body, StandardCharsets.UTF_8));
        String to = fields.get("to"), text = fields.get("text");
        if (fields.size() != 2 || to == null || !E164.matcher(to).matches()) {
            answer(exchange, 400, error("invalid_to"));
            return;
        }
        if (text == null || text.isEmpty() || text.length() > MAX_TEXT) {
            answer(exchange, 400, error("invalid_text"));
            return;
        }
        var message = new Message("sms_" + UUID.randomUUID().toString().replace("-", ""), to, text, Instant.now());
        synchronized (messages) {
            messages.addFirst(message);
            while (messages.size() > KEPT) {
                messages.removeLast();
            }
        }
        System.out.println("accepted " + message.id() + " to " + masked(to) + " (" + text.length() + " characters)");
        answer(exchange, 202, "{\"id\":" + quote(message.id()) + "}");
    }

    static void list(HttpExchange exchange) throws IOException {
        Map<String, String> query = query(exchange.getRequestURI().getQuery());
        String to = query.get("to");
        String limitParam = query.getOrDefault("limit", "20");
        if (!limitParam.matches("[0-9]{1,3}") || Integer.parseInt(limitParam) < 1 || Integer.parseInt(limitParam) > MAX_LIMIT) {
            answer(exchange, 400, error("invalid_limit"));
            return;
        }
        int limit = Integer.parseInt(limitParam);
        List<String> found = new ArrayList<>();
        synchronized (messages) {
            for (Message m : messages) {
                if (found.size() < limit && (to == null || m.to().equals(to.strip()))) {
                    found.add(m.json());
                }
            }
        }
        answer(exchange, 200, "{\"data\":[" + String.join(",", found) + "]}");
    }

    /** The decoded query ({@code %2B} and a literal {@code +} both mean '+': numbers carry no spaces). */
    static Map<String, String> query(String query) {
        Map<String, String> result = new LinkedHashMap<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    result.putIfAbsent(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
        }
        return result;
    }

    static String masked(String to) {
        return to.substring(0, 3) + "*".repeat(to.length() - 7) + to.substring(to.length() - 4);
    }

    static String error(String code) {
        return "{\"error\":" + quote(code) + "}";
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    /** A strict reader for one flat JSON object of string members (all this API takes); anything else throws. */
    static final class Json {
        private final String s;
        private int i;

        private Json(String s) {
            this.s = s;
        }

        static Map<String, String> object(String text) {
            Json p = new Json(text);
            Map<String, String> result = new LinkedHashMap<>();
            p.skip();
            p.expect('{');
            p.skip();
            if (p.peek() == '}') {
                p.i++;
            } else {
                do {
                    p.skip();
                    String key = p.string();
                    p.skip();
                    p.expect(':');
                    p.skip();
                    if (result.put(key, p.string()) != null) {
                        throw new IllegalArgumentException("duplicate member");
                    }
                    p.skip();
                } while (p.next() == ',');
                p.i--;
                p.expect('}');
            }
            p.skip();
            if (p.i != p.s.length()) {
                throw new IllegalArgumentException("trailing data");
            }
            return result;
        }

        private char peek() {
            if (i >= s.length()) {
                throw new IllegalArgumentException("unexpected end");
            }
            return s.charAt(i);
        }

        private char next() {
            char c = peek();
            i++;
            return c;
        }

        private void expect(char c) {
            if (next() != c) {
                throw new IllegalArgumentException("expected " + c);
            }
        }

        private void skip() {
            while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
        }

        private String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (true) {
                char c = next();
                if (c == '"') {
                    return b.toString();
                }
                if (c < 0x20) {
                    throw new IllegalArgumentException("control character");
                }
                if (c != '\\') {
                    b.append(c);
                    continue;
                }
                char e = next();
                switch (e) {
                    case '"', '\\', '/' -> b.append(e);
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'n' -> b.append('\n');
                    case 'r' -> b.append('\r');
                    case 't' -> b.append('\t');
                    case 'u' -> {
                        if (i + 4 > s.length()) {
                            throw new IllegalArgumentException("bad escape");
                        }
                        b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        i += 4;
                    }
                    default -> throw new IllegalArgumentException("bad escape");
                }
            }
        }
    }
}

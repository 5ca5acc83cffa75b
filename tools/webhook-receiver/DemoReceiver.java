import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook receiver that verifies PayGuard's signatures (Standard Webhooks: https://www.standardwebhooks.com).
 * JDK only; copy it freely. Run: {@code RECEIVER_SECRET_FILE=secrets.txt java DemoReceiver.java}
 *
 * <p>RECEIVER_PORT (default 8085), RECEIVER_SECRET_FILE: one whsec_ secret per line, read on every request, so a
 * rotation (two lines during the overlap) needs no restart. Endpoints: POST /webhooks (204 verified, 400 not),
 * GET /received (the last 500 verified deliveries as JSON), GET /health. Test aid: POST /webhooks?failFirst=N answers
 * 500 to the first N verified attempts of each webhook-id, to watch PayGuard retry.
 */
public class DemoReceiver {
    static final long TOLERANCE_SECONDS = 5 * 60;
    static final int MAX_BODY = 1024 * 1024;
    static final Pattern FIELD = Pattern.compile("\"([^\"\\\\]*)\"\\s*:\\s*\"([^\"\\\\]{0,200})\"");
    static final Deque<String> received = new ArrayDeque<>();
    static final Map<String, Integer> attempts = new ConcurrentHashMap<>();

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(System.getenv().getOrDefault("RECEIVER_PORT", "8085"));
        String secretFile = System.getenv().getOrDefault("RECEIVER_SECRET_FILE", "webhook-secrets.txt");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/webhooks", exchange -> webhook(exchange, Path.of(secretFile)));
        server.createContext("/received", exchange -> answer(exchange, 200, list()));
        server.createContext("/health", exchange -> answer(exchange, 200, "{\"status\":\"UP\"}"));
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        System.out.println("webhook receiver on http://127.0.0.1:" + port + "/webhooks, secrets from " + secretFile);
    }

    static void webhook(HttpExchange exchange, Path secretFile) throws IOException {
        if (!exchange.getRequestMethod().equals("POST")) {
            answer(exchange, 405, "");
            return;
        }
        List<String> secrets;
        try {
            secrets = Files.readAllLines(secretFile).stream().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        } catch (NoSuchFileException e) {
            System.out.println("rejected: secret file " + secretFile + " is missing");
            answer(exchange, 503, "");
            return;
        }
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_BODY + 1);
        }
        String id = exchange.getRequestHeaders().getFirst("webhook-id"); // header names are case-insensitive here
        String reason = body.length > MAX_BODY ? "body_too_large" : verify(secrets, id,
                exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                exchange.getRequestHeaders().getFirst("webhook-signature"), body);
        if (reason != null) {
            System.out.println("rejected webhook (" + reason + ")");
            answer(exchange, 400, "{\"error\":\"" + reason + "\"}");
            return;
        }
        String json = new String(body, StandardCharsets.UTF_8);
        String type = safe(topLevel(json, "type")), eventId = safe(topLevel(json, "id")), webhookId = safe(id);
        String query = exchange.getRequestURI().getQuery();
        int failFirst = query != null && query.matches("failFirst=\\d{1,3}") ? Integer.parseInt(query.substring(10)) : 0;
        if (attempts.merge(webhookId, 1, Integer::sum) <= failFirst) {
            System.out.println("failing " + type + " " + eventId + " (webhook-id " + webhookId + ") on purpose");
            answer(exchange, 500, "");
            return;
        }
        // Deliveries are at least once: a real receiver de-duplicates by webhook-id (or the event id) here.
        System.out.println("received " + type + " " + eventId + " (webhook-id " + webhookId + ") verified");
        synchronized (received) {
            received.addLast(String.format("{\"webhookId\":\"%s\",\"eventId\":\"%s\",\"type\":\"%s\",\"receivedAt\":\"%s\"}",
                    webhookId, eventId, type, Instant.now()));
            if (received.size() > 500) {
                received.removeFirst();
            }
        }
        answer(exchange, 204, null);
    }

    /** Null when the message verifies, else why not. */
    static String verify(List<String> secrets, String id, String timestamp, String signatures, byte[] body) {
        if (id == null || id.isBlank() || timestamp == null || signatures == null || signatures.isBlank()) {
            return "missing_header";
        }
        if (!timestamp.matches("\\d{1,12}")) {
            return "bad_timestamp";
        }
        if (Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp)) > TOLERANCE_SECONDS) {
            return "timestamp_out_of_tolerance"; // too old (a replay) or from the future
        }
        boolean matched = false;
        for (String secret : secrets) {
            byte[] expected;
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.replaceFirst("^whsec_", "")), "HmacSHA256"));
                mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
                expected = mac.doFinal(body); // over the raw bytes, never re-serialised JSON
            } catch (Exception e) {
                return "bad_secret";
            }
            for (String signature : signatures.split(" ")) { // several during a secret rotation
                if (signature.startsWith("v1,")) {
                    try {
                        matched |= MessageDigest.isEqual(expected, Base64.getDecoder().decode(signature.substring(3)));
                    } catch (IllegalArgumentException notBase64) {
                        // cannot match
                    }
                }
            }
        }
        return secrets.isEmpty() ? "bad_secret" : matched ? null : "no_matching_signature";
    }

    /** A string field of the top-level JSON object, without a JSON library (the body's "data" has its own "id"). */
    static String topLevel(String json, String key) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') i++;
                else if (c == '"') inString = false;
            } else if (c == '{' || c == '[') depth++;
            else if (c == '}' || c == ']') depth--;
            else if (c == '"') {
                Matcher field = FIELD.matcher(json).region(i, json.length());
                if (depth == 1 && field.lookingAt() && field.group(1).equals(key)) return field.group(2);
                inString = true;
            }
        }
        return "?";
    }

    /** Only what an event id, type or message id is made of reaches the log (no injected lines). */
    static String safe(String value) {
        String cleaned = value == null ? "?" : value.replaceAll("[^A-Za-z0-9_.:-]", "");
        return cleaned.isEmpty() ? "?" : cleaned.substring(0, Math.min(cleaned.length(), 100));
    }

    static String list() {
        synchronized (received) {
            return "[" + String.join(",", new ArrayList<>(received)) + "]";
        }
    }

    static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}

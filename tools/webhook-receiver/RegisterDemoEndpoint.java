import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Registers the ./dev demo receiver as a webhook endpoint of a demo merchant (JDK only, run by {@code ./dev up} in
 * source-launch mode). Idempotent across runs: when the endpoint recorded in the state folder still exists, nothing
 * changes; otherwise a new endpoint is created and its signing secret (shown once by the API) is written, mode 0600,
 * where the demo receiver reads it.
 *
 * <p>Environment: {@code TOKEN_URL}, {@code CLIENT_ID}, {@code CLIENT_SECRET} (the merchant's client credentials at
 * Keycloak), {@code AUTH_URL} (auth-service), {@code RECEIVER_URL} (where deliveries go), {@code STATE_DIR}.
 */
public class RegisterDemoEndpoint {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        String client = env("CLIENT_ID");
        Path dir = Path.of(env("STATE_DIR"));
        Files.createDirectories(dir);
        Path idFile = dir.resolve(client + ".endpoint");
        Path secretFile = dir.resolve(client + ".secret");
        String token = token(env("TOKEN_URL"), client, env("CLIENT_SECRET"));
        String endpoints = env("AUTH_URL") + "/v1/webhook_endpoints";
        if (Files.exists(idFile) && Files.exists(secretFile)) {
            String id = Files.readString(idFile).trim();
            var existing = send(HttpRequest.newBuilder(URI.create(endpoints + "/" + id))
                    .header("Authorization", "Bearer " + token)
                    .GET());
            if (existing.statusCode() == 200) {
                System.out.println(id + " (already registered)");
                return;
            }
        }
        String body = "{\"url\":\"" + env("RECEIVER_URL") + "\",\"description\":\"./dev demo receiver\","
                + "\"enabledEvents\":[\"*\"],\"mode\":\"test\"}";
        var created = send(HttpRequest.newBuilder(URI.create(endpoints))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "dev-" + UUID.randomUUID())
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        String id = field(created.body(), "id");
        String secret = field(created.body(), "secret");
        if (created.statusCode() != 201 || id == null || secret == null) {
            fail("registering the endpoint answered " + created.statusCode() + ": " + withoutSecret(created.body()));
        }
        writePrivate(secretFile, secret + "\n");
        writePrivate(idFile, id + "\n");
        System.out.println(id);
    }

    private static String token(String tokenUrl, String client, String secret) throws Exception {
        String form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(client, StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        var r = send(HttpRequest.newBuilder(URI.create(tokenUrl))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        String token = field(r.body(), "access_token");
        if (r.statusCode() != 200 || token == null) {
            fail("Keycloak refused the merchant's client credentials: " + r.statusCode());
        }
        return token;
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws InterruptedException {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            fail("could not reach " + request.build().uri() + ": " + e.getMessage());
            return null;
        }
    }

    /** The string value of a top-level field (the API's JSON is flat enough for this; no library needed). */
    private static String field(String json, String name) {
        var m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        return m.find() ? m.group(1) : null;
    }

    private static String withoutSecret(String body) {
        return body.replaceAll("whsec_[A-Za-z0-9+/=]+", "whsec_…");
    }

    private static void writePrivate(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, text);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static String env(String name) {
        String v = System.getenv(name);
        if (v == null || v.isBlank()) {
            fail(name + " is not set");
        }
        return v;
    }

    private static void fail(String message) {
        System.err.println("demo webhook endpoint: " + message);
        System.exit(1);
    }
}

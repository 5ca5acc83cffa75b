package io.payguard.platform.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.core.Vertx;

/**
 * The merchant-facing samples in tools/webhook-receiver verify what this library signs: DemoReceiver.java (run in a
 * child JVM in source-launch mode, as a merchant would) and verify.mjs (node).
 */
class WebhookSamplesCrossCheckTest {

    private static final Duration START = Duration.ofSeconds(90);
    private static final Path SAMPLES = samples();

    @TempDir
    Path dir;

    private Process receiver;
    private Vertx vertx;

    @AfterEach
    void stop() throws Exception {
        if (receiver != null) {
            receiver.destroy();
            if (!receiver.waitFor(10, TimeUnit.SECONDS)) {
                receiver.destroyForcibly();
            }
        }
        if (vertx != null) {
            VertxFutures.await(vertx.close());
        }
    }

    @Test
    void demoReceiverVerifiesWhatTheLibrarySignsAndRejectsTampering() throws Exception {
        var oldSecret = WebhookSigning.newSecret();
        var secrets = dir.resolve("secrets.txt");
        Files.writeString(secrets, oldSecret + "\n");
        int port = freePort();
        var log = dir.resolve("receiver.log");
        var java = ProcessHandle.current().info().command().orElseThrow();
        receiver = startReceiver(java, port, secrets, log);
        var base = "http://127.0.0.1:" + port;
        var http = HttpClient.newHttpClient();
        await().atMost(START)
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptions()
                .until(() -> http.send(
                                        HttpRequest.newBuilder(URI.create(base + "/health"))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200);
        vertx = Vertx.vertx();
        var sender = new WebhookSender(vertx, OutboundPolicy.dev(), HostResolver.system());
        try {
            var eventId = "evt_" + UUID.randomUUID().toString().replace("-", "");
            // "data" first, with its own id and type: the receiver must read the top-level ones
            var body = ("{\"data\":{\"id\":\"pi_1\",\"type\":\"card\",\"card_last4\":\"4242\"},\"id\":\"" + eventId
                            + "\",\"type\":\"payment_intent.succeeded\"}")
                    .getBytes(StandardCharsets.UTF_8);
            var signed = WebhookSigning.headers("msg_signed", Instant.now(), body, List.of(oldSecret));
            var delivered = send(sender, base + "/webhooks", signed, body);
            assertThat(delivered.outcome()).isEqualTo(DeliveryAttempt.Outcome.DELIVERED);
            assertThat(delivered.statusCode()).isEqualTo(204);

            var tampered = body.clone();
            tampered[tampered.length - 3] = 'X';
            var rejected = send(sender, base + "/webhooks", signed, tampered);
            assertThat(rejected.statusCode()).isEqualTo(400);
            assertThat(rejected.responseExcerpt()).contains("no_matching_signature");

            // rotation: both secrets in the file; a message signed by the new one only verifies
            var newSecret = WebhookSigning.newSecret();
            Files.writeString(secrets, oldSecret + "\n" + newSecret + "\n");
            var rotated = WebhookSigning.headers("msg_rotated", Instant.now(), body, List.of(newSecret));
            assertThat(send(sender, base + "/webhooks", rotated, body).statusCode())
                    .isEqualTo(204);

            var old = WebhookSigning.headers("msg_old", Instant.now().minusSeconds(301), body, List.of(oldSecret));
            assertThat(send(sender, base + "/webhooks", old, body).responseExcerpt())
                    .contains("timestamp_out_of_tolerance");

            Files.delete(secrets);
            assertThat(send(sender, base + "/webhooks", signed, body).statusCode())
                    .isEqualTo(503);

            var received = http.send(
                            HttpRequest.newBuilder(URI.create(base + "/received"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            assertThat(received)
                    .contains("{\"webhookId\":\"msg_signed\",\"eventId\":\"" + eventId
                            + "\",\"type\":\"payment_intent.succeeded\",\"receivedAt\":\"")
                    .contains("\"webhookId\":\"msg_rotated\"")
                    .doesNotContain("msg_old");
            assertThat(Files.readString(log))
                    .contains("received payment_intent.succeeded " + eventId + " (webhook-id msg_signed) verified")
                    .contains("rejected webhook (no_matching_signature)")
                    .doesNotContain("4242");
        } finally {
            sender.close();
        }
    }

    @Test
    void nodeSampleVerifiesWhatTheLibrarySigns() throws Exception {
        var node = onPath("node");
        var first = WebhookSigning.newSecret();
        var second = WebhookSigning.newSecret();
        var secrets = dir.resolve("secrets.txt");
        Files.writeString(secrets, "# the endpoint's secret\n" + second + "\n");
        var body = "{\"id\":\"evt_1\",\"type\":\"refund.succeeded\",\"data\":{\"amount\":1250}}"
                .getBytes(StandardCharsets.UTF_8);
        var bodyFile = dir.resolve("body.json");
        Files.write(bodyFile, body);
        // signed with both secrets (rotation); the node side knows only the second
        var headers = WebhookSigning.headers("msg_node", Instant.now(), body, List.of(first, second));

        assertThat(runNode(node, secrets, bodyFile, headers)).isEqualTo("verified");

        Files.writeString(bodyFile, "{\"id\":\"evt_1\",\"type\":\"refund.succeeded\",\"data\":{\"amount\":9999}}");
        assertThat(runNode(node, secrets, bodyFile, headers)).isEqualTo("rejected no_matching_signature");

        Files.write(bodyFile, body);
        var old = WebhookSigning.headers("msg_node", Instant.now().minusSeconds(600), body, List.of(second));
        assertThat(runNode(node, secrets, bodyFile, old)).isEqualTo("rejected timestamp_out_of_tolerance");
    }

    private Process startReceiver(String java, int port, Path secrets, Path log) throws IOException {
        var builder = new ProcessBuilder(
                        java, SAMPLES.resolve("DemoReceiver.java").toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .directory(dir.toFile());
        builder.environment().put("RECEIVER_PORT", Integer.toString(port));
        builder.environment().put("RECEIVER_SECRET_FILE", secrets.toString());
        return builder.start();
    }

    private static DeliveryAttempt send(WebhookSender sender, String url, Map<String, String> headers, byte[] body) {
        return sender.send(url, headers, body).await().atMost(Duration.ofSeconds(30));
    }

    private String runNode(String node, Path secrets, Path body, Map<String, String> headers) throws Exception {
        var command = new ArrayList<>(List.of(
                node,
                SAMPLES.resolve("verify.mjs").toString(),
                "--secrets",
                secrets.toString(),
                "--body",
                body.toString()));
        headers.forEach((name, value) -> command.addAll(List.of("--header", name + ": " + value)));
        var out = dir.resolve("node.out");
        var process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS))
                .as("node verify.mjs finished")
                .isTrue();
        var output = Files.readString(out).strip();
        assertThat(process.exitValue())
                .as("exit code of node verify.mjs, output: %s", output)
                .isEqualTo(output.equals("verified") ? 0 : 1);
        return output;
    }

    /** The executable on PATH; the cross-check needs it, so its absence fails the test. */
    private static String onPath(String name) {
        for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            var candidate = Path.of(entry, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return fail("node is needed to cross-check tools/webhook-receiver/verify.mjs; it is not on PATH");
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static Path samples() {
        for (var at = Path.of("").toAbsolutePath(); at != null; at = at.getParent()) {
            var candidate = at.resolve("tools/webhook-receiver");
            if (Files.isRegularFile(candidate.resolve("DemoReceiver.java"))) {
                return candidate;
            }
        }
        throw new IllegalStateException(
                "tools/webhook-receiver not found above " + Path.of("").toAbsolutePath());
    }
}

package io.payguard.platform.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

/** The sender against a Vert.x server on 127.0.0.1 (dev policy), and its refusals with fake resolvers. */
class WebhookSenderTest {

    private static final Duration AWAIT = Duration.ofSeconds(20);
    private static final byte[] BODY =
            "{\"id\":\"evt_1\",\"type\":\"payment_intent.succeeded\"}".getBytes(StandardCharsets.UTF_8);

    private static Vertx vertx;
    private static HttpServer server;
    private static int port;
    /** Requests the server saw, by path; each records its Host header and body. */
    private static final Map<String, ConcurrentLinkedQueue<Seen>> SEEN = new ConcurrentHashMap<>();

    record Seen(String host, Map<String, String> headers, String body) {}

    @BeforeAll
    static void startServer() throws Exception {
        vertx = Vertx.vertx();
        server = VertxFutures.listen(vertx, new HttpServerOptions(), WebhookSenderTest::handle);
        port = server.actualPort();
    }

    @AfterAll
    static void stopServer() throws Exception {
        VertxFutures.await(vertx.close());
    }

    @BeforeEach
    void forget() {
        SEEN.clear();
    }

    private static void handle(HttpServerRequest request) {
        request.body().onSuccess(body -> {
            var headers = new ConcurrentHashMap<String, String>();
            request.headers().forEach(h -> headers.put(h.getKey().toLowerCase(), h.getValue()));
            SEEN.computeIfAbsent(request.path(), p -> new ConcurrentLinkedQueue<>())
                    .add(new Seen(request.getHeader("Host"), headers, body.toString(StandardCharsets.UTF_8)));
            var response = request.response();
            switch (request.path()) {
                case "/ok" -> response.setStatusCode(200).end("thanks");
                case "/no-content" -> response.setStatusCode(204).end();
                case "/fail" -> response.setStatusCode(500).end("boom\r\n\u001b[31mred\u202e" + "x".repeat(500));
                case "/redirect" ->
                    response.setStatusCode(302)
                            .putHeader("Location", "http://127.0.0.1:" + port + "/ok")
                            .end();
                case "/huge" -> {
                    // chunked, so the client learns the size only by reading
                    response.setChunked(true).setStatusCode(200);
                    for (int i = 0; i < 64; i++) {
                        response.write(Buffer.buffer(new byte[16 * 1024]));
                    }
                    response.end();
                }
                case "/huge-declared" -> response.setStatusCode(200).end(Buffer.buffer(new byte[200 * 1024]));
                case "/silent" -> {
                    // never answers
                }
                default -> response.setStatusCode(404).end();
            }
        });
    }

    @Test
    void a2xxIsDeliveredWithStatusLatencyAndTheSignedRequest() {
        var headers = WebhookSigning.headers("msg_1", Instant.now(), BODY, List.of(WebhookSigning.newSecret()));
        try (var sender = sender(OutboundPolicy.dev(), HostResolver.system())) {
            var attempt = sender.send(local("/ok"), headers, BODY);

            assertThat(attempt.outcome()).isEqualTo(DeliveryAttempt.Outcome.DELIVERED);
            assertThat(attempt.statusCode()).isEqualTo(200);
            assertThat(attempt.latency()).isPositive().isLessThan(AWAIT);
            assertThat(attempt.responseExcerpt()).isEqualTo("thanks");
            assertThat(attempt.failure()).isNull();
        }
        var seen = only("/ok");
        assertThat(seen.body()).isEqualTo(new String(BODY, StandardCharsets.UTF_8));
        assertThat(seen.headers())
                .containsEntry("content-type", "application/json")
                .containsEntry("user-agent", "PayGuard-Webhooks/1")
                .containsEntry("webhook-id", "msg_1")
                .containsEntry("webhook-timestamp", headers.get("webhook-timestamp"))
                .containsEntry("webhook-signature", headers.get("webhook-signature"));
    }

    @Test
    void a204IsDelivered() {
        try (var sender = sender(OutboundPolicy.dev(), HostResolver.system())) {
            var attempt = sender.send(local("/no-content"), Map.of(), BODY);
            assertThat(attempt.outcome()).isEqualTo(DeliveryAttempt.Outcome.DELIVERED);
            assertThat(attempt.statusCode()).isEqualTo(204);
            assertThat(attempt.responseExcerpt()).isEmpty();
        }
    }

    @Test
    void a500FailsWithAShortCleanExcerpt() {
        try (var sender = sender(OutboundPolicy.dev(), HostResolver.system())) {
            var attempt = sender.send(local("/fail"), Map.of(), BODY);

            assertThat(attempt.outcome()).isEqualTo(DeliveryAttempt.Outcome.FAILED);
            assertThat(attempt.statusCode()).isEqualTo(500);
            assertThat(attempt.failure()).isEqualTo("http_status");
            assertThat(attempt.responseExcerpt())
                    .startsWith("boom[31mredx")
                    .hasSize(200)
                    .doesNotContain("\r", "\n", "\u001b", "\u202e");
        }
    }

    @Test
    void aRedirectFailsAndIsNotFollowed() {
        try (var sender = sender(OutboundPolicy.dev(), HostResolver.system())) {
            var attempt = sender.send(local("/redirect"), Map.of(), BODY);

            assertThat(attempt.outcome()).isEqualTo(DeliveryAttempt.Outcome.FAILED);
            assertThat(attempt.statusCode()).isEqualTo(302);
            assertThat(attempt.failure()).isEqualTo("redirect_not_followed");
        }
        assertThat(SEEN).containsOnlyKeys("/redirect");
    }

    @Test
    void aResponseOverTheCapFailsTooLarge() {
        var policy = OutboundPolicy.dev().withMaxResponseBytes(64 * 1024);
        try (var sender = sender(policy, HostResolver.system())) {
            var chunked = sender.send(local("/huge"), Map.of(), BODY);
            var declared = sender.send(local("/huge-declared"), Map.of(), BODY);

            assertThat(chunked.outcome()).isEqualTo(DeliveryAttempt.Outcome.FAILED);
            assertThat(chunked.failure()).isEqualTo("response_too_large");
            assertThat(chunked.statusCode()).isEqualTo(200);
            assertThat(declared.outcome()).isEqualTo(DeliveryAttempt.Outcome.FAILED);
            assertThat(declared.failure()).isEqualTo("response_too_large");
            // the sender is still usable afterwards (the oversized connections were closed, not pooled half-read)
            assertThat(sender.send(local("/ok"), Map.of(), BODY).delivered()).isTrue();
        }
    }

    @Test
    void aServerThatNeverAnswersTimesOutWithinTheRequestTimeout() {
        var policy = OutboundPolicy.dev().withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(700));
        try (var sender = sender(policy, HostResolver.system())) {
            var attempt = sender.send(local("/silent"), Map.of(), BODY);

            assertThat(attempt.outcome()).isEqualTo(DeliveryAttempt.Outcome.FAILED);
            assertThat(attempt.failure()).isEqualTo("timeout");
            assertThat(attempt.statusCode()).isZero();
            assertThat(attempt.latency()).isBetween(Duration.ofMillis(690), Duration.ofSeconds(5));
        }
        assertThat(SEEN).containsKey("/silent");
    }

    @Test
    void aClosedPortIsAConnectionFailure() throws Exception {
        int closed;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        try (var sender = sender(OutboundPolicy.dev(), HostResolver.system())) {
            var attempt = sender.send("http://127.0.0.1:" + closed + "/x", Map.of(), BODY);
            assertThat(attempt.outcome()).isEqualTo(DeliveryAttempt.Outcome.FAILED);
            assertThat(attempt.failure()).isEqualTo("connection_failed");
            assertThat(attempt.statusCode()).isZero();
        }
    }

    @Test
    void aNameWithOneRefusedAddressIsRefusedWithoutAnyConnection() {
        var resolved = new AtomicInteger();
        HostResolver rebinding = host -> {
            resolved.incrementAndGet();
            return List.of(ip("203.0.113.7"), ip("10.0.0.1"));
        };
        try (var sender = sender(OutboundPolicy.live(), rebinding)) {
            var attempt = sender.send("https://hooks.example/wh", Map.of(), BODY);

            assertThat(attempt.outcome()).isEqualTo(DeliveryAttempt.Outcome.TARGET_REFUSED);
            assertThat(attempt.failure()).isEqualTo("private");
            assertThat(attempt.statusCode()).isZero();
        }
        assertThat(resolved).hasValue(1);
        assertThat(SEEN).isEmpty();
    }

    @Test
    void aNameResolvingToLoopbackIsRefusedUnderLive() {
        HostResolver toLoopback = host -> List.of(ip("127.0.0.1"));
        try (var sender = sender(OutboundPolicy.live(), toLoopback)) {
            var attempt = sender.send("https://hooks.example:" + port + "/ok", Map.of(), BODY);

            assertThat(attempt.outcome()).isEqualTo(DeliveryAttempt.Outcome.TARGET_REFUSED);
            assertThat(attempt.failure()).isEqualTo("loopback");
        }
        assertThat(SEEN).isEmpty();
    }

    @Test
    void aRefusedUrlIsNeverResolved() {
        var resolved = new AtomicInteger();
        HostResolver counting = host -> {
            resolved.incrementAndGet();
            return List.of(ip("127.0.0.1"));
        };
        try (var sender = sender(OutboundPolicy.live(), counting)) {
            assertThat(sender.send("http://hooks.example/wh", Map.of(), BODY).failure())
                    .isEqualTo("scheme_not_allowed");
            assertThat(sender.send("https://169.254.169.254/latest/meta-data", Map.of(), BODY))
                    .extracting(DeliveryAttempt::outcome, DeliveryAttempt::failure)
                    .containsExactly(DeliveryAttempt.Outcome.TARGET_REFUSED, "ip_literal_blocked");
        }
        assertThat(resolved).hasValue(0);
    }

    @Test
    void anUnknownHostFailsAsDns() {
        HostResolver unknown = host -> {
            throw new UnknownHostException(host);
        };
        try (var sender = sender(OutboundPolicy.dev(), unknown)) {
            var attempt = sender.send("http://nowhere.test:" + port + "/ok", Map.of(), BODY);
            assertThat(attempt.outcome()).isEqualTo(DeliveryAttempt.Outcome.FAILED);
            assertThat(attempt.failure()).isEqualTo("dns_failed");
        }
    }

    @Test
    void theConnectionIsPinnedToTheResolvedAddressWhileHostNamesTheUrlsHost() {
        var resolvedOnEventLoop = new ConcurrentLinkedQueue<Boolean>();
        HostResolver pinned = host -> {
            resolvedOnEventLoop.add(Context.isOnEventLoopThread());
            assertThat(host).isEqualTo("pinned.test");
            return List.of(ip("127.0.0.1"));
        };
        try (var sender = sender(OutboundPolicy.dev(), pinned)) {
            var attempt = sender.send("http://pinned.test:" + port + "/ok?merchant=m_1", Map.of(), BODY);
            assertThat(attempt.outcome()).isEqualTo(DeliveryAttempt.Outcome.DELIVERED);
        }
        assertThat(only("/ok").host()).isEqualTo("pinned.test:" + port);
        assertThat(resolvedOnEventLoop).containsExactly(false);
    }

    @Test
    void anIpv6LiteralIsConnectedToAndNamedInBrackets() throws Exception {
        var seen = new ConcurrentLinkedQueue<String>();
        var v6 = VertxFutures.listen(vertx, new HttpServerOptions(), "::1", request -> {
            seen.add(request.getHeader("Host"));
            request.response().setStatusCode(204).end();
        });
        try (var sender = sender(OutboundPolicy.dev(), HostResolver.system())) {
            var attempt = sender.send("http://[::1]:" + v6.actualPort() + "/ok", Map.of(), BODY);
            assertThat(attempt.outcome()).isEqualTo(DeliveryAttempt.Outcome.DELIVERED);
        } finally {
            VertxFutures.await(v6.close());
        }
        assertThat(seen).containsExactly("[::1]:" + v6.actualPort());
    }

    @Test
    void callerHeadersCannotOverrideHostOrFraming() {
        try (var sender = sender(OutboundPolicy.dev(), HostResolver.system())) {
            var attempt = sender.send(
                    local("/ok"), Map.of("Host", "evil.example", "Content-Length", "1", "webhook-id", "msg_9"), BODY);
            assertThat(attempt.delivered()).isTrue();
        }
        var seen = only("/ok");
        assertThat(seen.host()).isEqualTo("127.0.0.1:" + port);
        assertThat(seen.body()).isEqualTo(new String(BODY, StandardCharsets.UTF_8));
        assertThat(seen.headers()).containsEntry("webhook-id", "msg_9");
    }

    private static Seen only(String path) {
        assertThat(SEEN).containsKey(path);
        assertThat(SEEN.get(path)).hasSize(1);
        return SEEN.get(path).peek();
    }

    private static String local(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static ClosingSender sender(OutboundPolicy policy, HostResolver resolver) {
        return new ClosingSender(new WebhookSender(vertx, policy, resolver));
    }

    /** The sender, awaited, closed after each test. */
    record ClosingSender(WebhookSender sender) implements AutoCloseable {
        DeliveryAttempt send(String url, Map<String, String> headers, byte[] body) {
            return sender.send(url, headers, body).await().atMost(AWAIT);
        }

        @Override
        public void close() {
            sender.close();
        }
    }
}

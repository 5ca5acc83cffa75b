package io.payguard.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A webhook endpoint owned by a test, on 127.0.0.1: it records every request and answers 500 to the first {@code n}
 * attempts of each event ({@link #failFirst}), then 204. Signatures are checked by the test, not here.
 */
final class TestReceiver implements AutoCloseable {

    record Request(Map<String, String> headers, byte[] bytes) {
        String body() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static final Pattern EVENT_ID = Pattern.compile("\"id\"\\s*:\\s*\"(evt_[^\"]+)\"");

    private final HttpServer server;
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final List<Map.Entry<String, Request>> delivered = new CopyOnWriteArrayList<>();
    private volatile int failFirst;

    private TestReceiver(HttpServer server) {
        this.server = server;
    }

    static TestReceiver start() {
        try {
            var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            var receiver = new TestReceiver(server);
            server.createContext("/hook", receiver::handle);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    void failFirst(int n) {
        failFirst = n;
    }

    int attempts(String eventId) {
        var n = attempts.get(eventId);
        return n == null ? 0 : n.get();
    }

    Request awaitDelivered(String eventId, Duration within) {
        return await().atMost(within)
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> delivered.stream()
                                .filter(e -> e.getKey().equals(eventId))
                                .map(Map.Entry::getValue)
                                .findFirst()
                                .orElse(null),
                        r -> r != null);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            var headers = new TreeMap<String, String>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
            var m = EVENT_ID.matcher(new String(body, StandardCharsets.UTF_8));
            String eventId = m.find() ? m.group(1) : "?";
            int attempt =
                    attempts.computeIfAbsent(eventId, k -> new AtomicInteger()).incrementAndGet();
            if (attempt <= failFirst) {
                byte[] answer = "{\"error\":\"try again later\"}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(500, answer.length);
                exchange.getResponseBody().write(answer);
                return;
            }
            delivered.add(Map.entry(eventId, new Request(headers, body)));
            exchange.sendResponseHeaders(204, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

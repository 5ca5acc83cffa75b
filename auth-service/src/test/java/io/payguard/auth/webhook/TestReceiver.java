package io.payguard.auth.webhook;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A webhook receiver on 127.0.0.1 (JDK HttpServer) for the tests: {@code /ok/<name>} answers 200, {@code /fail/<name>}
 * always 500, {@code /flaky/<n>/<name>} 500 for the first n requests and 200 afterwards. Every request is kept per path.
 */
final class TestReceiver implements AutoCloseable {

    /** One request as received: headers (names in lower case), the raw body, when it arrived. */
    record Received(Map<String, String> headers, byte[] body, long receivedAtMillis) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final Map<String, List<Received>> byPath = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    TestReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    List<Received> received(String path) {
        return byPath.getOrDefault(path, List.of());
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        long at = System.currentTimeMillis();
        var headers = new HashMap<String, String>();
        exchange.getRequestHeaders()
                .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
        String path = exchange.getRequestURI().getPath();
        byPath.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>()).add(new Received(headers, body, at));
        int n = counts.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        int status = 200;
        if (path.startsWith("/fail/")) {
            status = 500;
        } else if (path.startsWith("/flaky/")) {
            int failures = Integer.parseInt(path.split("/")[2]);
            status = n <= failures ? 500 : 200;
        }
        byte[] answer = (status == 200 ? "ok" : "try later " + "x".repeat(400)).getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

package io.payguard.payment.sca;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The SMS gateway of the tests: a JDK HTTP server answering {@code POST /v1/messages} like the simulator of
 * {@code ./dev} (202, bearer token required), keeping what it received.
 */
public class SmsGatewayStub implements QuarkusTestResourceLifecycleManager {

    public static final String TOKEN = "sms-test-token";
    public static final List<JsonNode> RECEIVED = new CopyOnWriteArrayList<>();
    public static final List<String> AUTHORIZATIONS = new CopyOnWriteArrayList<>();

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        var json = new ObjectMapper();
        server.createContext("/v1/messages", exchange -> {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            AUTHORIZATIONS.add(String.valueOf(auth));
            int status = ("Bearer " + TOKEN).equals(auth) ? 202 : 401;
            if (status == 202) {
                RECEIVED.add(json.readTree(exchange.getRequestBody()));
            }
            byte[] body = "{\"id\":\"msg-1\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return Map.of(
                "payguard.sca.sms.gateway-url",
                "http://127.0.0.1:" + server.getAddress().getPort(),
                "payguard.sca.sms.gateway-token",
                TOKEN);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}

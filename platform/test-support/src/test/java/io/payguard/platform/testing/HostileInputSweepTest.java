package io.payguard.platform.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/** The sweep itself can fail: against a small server that breaks each rule once, each break is reported. */
class HostileInputSweepTest {

    static final String OPENAPI = """
            {"paths":{
              "/v1/crash/{id}":{"get":{"security":[{"SecurityScheme":["customer"]}],"parameters":[{"name":"id","in":"path"}]}},
              "/v1/bare":{"get":{"security":[{"SecurityScheme":["customer"]}],"parameters":[{"name":"q","in":"query"}]}},
              "/v1/leaky":{"post":{"security":[{"SecurityScheme":["merchant"]}],
                 "requestBody":{"content":{"application/json":{"schema":{"$ref":"#/components/schemas/Body"}}}}}},
              "/v1/clean":{"get":{"security":[{"SecurityScheme":["customer"]}]}}},
             "components":{"schemas":{"Body":{"properties":{"amount":{"type":"integer"}}}}}}
            """;

    HttpServer server;
    final List<String> seenAuthorization = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getRawPath();
        seenAuthorization.add(ex.getRequestHeaders().getFirst("Authorization"));
        ex.getRequestBody().readAllBytes();
        if (path.equals("/q/openapi")) {
            reply(ex, 200, "application/json", OPENAPI);
        } else if (path.startsWith("/v1/crash/") && path.contains("%00")) {
            reply(ex, 500, "application/problem+json", "{\"status\":500,\"code\":\"internal_error\"}");
        } else if (path.equals("/v1/bare")) {
            reply(ex, 400, "text/plain", "");
        } else if (path.equals("/v1/leaky")) {
            reply(
                    ex,
                    400,
                    "application/problem+json",
                    "{\"status\":400,\"code\":\"x\",\"detail\":\"com.fasterxml.jackson.core.JsonParseException: oops\"}");
        } else {
            reply(ex, 404, "application/problem+json", "{\"status\":404,\"code\":\"not_found\"}");
        }
    }

    static void reply(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            ex.getResponseBody().write(bytes);
        }
        ex.close();
    }

    @Test
    void everyBrokenRuleIsReportedWithTheCredentialTheRouteAdmits() {
        var sweep =
                new HostileInputSweep("http://127.0.0.1:" + server.getAddress().getPort());
        var credentials = List.of(
                new HostileInputSweep.Credential(
                        "customer", Set.of("customer"), (m, u) -> Map.of("Authorization", "Bearer customer-token")),
                new HostileInputSweep.Credential(
                        "merchant", Set.of("merchant"), (m, u) -> Map.of("Authorization", "Bearer merchant-token")));
        List<String> violations = sweep.violations(credentials, line -> {});

        assertThat(violations).anyMatch(v -> v.startsWith("GET /v1/crash/%00") && v.contains(": 500"));
        assertThat(violations).anyMatch(v -> v.startsWith("GET /v1/bare?q=") && v.contains("without a problem body"));
        assertThat(violations).anyMatch(v -> v.startsWith("POST /v1/leaky") && v.contains("shows internals"));
        assertThat(violations).noneMatch(v -> v.contains("/v1/clean"));
        assertThat(seenAuthorization).contains("Bearer customer-token", "Bearer merchant-token");
        assertThat(sweep.requests()).isGreaterThan(50);
    }
}

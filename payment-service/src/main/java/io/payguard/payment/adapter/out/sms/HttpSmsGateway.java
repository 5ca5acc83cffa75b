package io.payguard.payment.adapter.out.sms;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.payguard.payment.application.port.SmsGateway;
import io.payguard.payment.config.ScaConfig;
import io.smallrye.mutiny.Uni;

/**
 * The SMS gateway over HTTP: {@code POST {payguard.sca.sms.gateway-url}/v1/messages} with {@code {"to","text"}} and
 * the bearer token {@code payguard.sca.sms.gateway-token}; 2xx is sent, anything else a failure (the next channel is
 * tried). JDK HTTP client, asynchronous, never on a worker thread.
 */
@ApplicationScoped
public class HttpSmsGateway implements SmsGateway {

    private final HttpClient client;
    private final ObjectMapper json;
    private final URI endpoint;
    private final String token;
    private final Duration timeout;

    public HttpSmsGateway(ScaConfig config, ObjectMapper json) {
        this.json = json;
        this.timeout = config.sms().timeout();
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.endpoint = config.sms()
                .gatewayUrl()
                .map(u -> URI.create(u.toString().replaceAll("/+$", "") + "/v1/messages"))
                .orElse(null);
        this.token = config.sms().gatewayToken().orElse("");
    }

    @Override
    public Uni<Void> send(String to, String text) {
        if (endpoint == null) {
            return Uni.createFrom().failure(new IllegalStateException("no SMS gateway configured"));
        }
        String body;
        try {
            body = json.writeValueAsString(java.util.Map.of("to", to, "text", text));
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        var request = HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return Uni.createFrom()
                .completionStage(() -> client.sendAsync(request, HttpResponse.BodyHandlers.discarding()))
                .map(response -> {
                    if (response.statusCode() / 100 != 2) {
                        throw new IllegalStateException("SMS gateway answered " + response.statusCode());
                    }
                    return null;
                });
    }
}

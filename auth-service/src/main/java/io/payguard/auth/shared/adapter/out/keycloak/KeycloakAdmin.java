package io.payguard.auth.shared.adapter.out.keycloak;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.payguard.platform.web.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.MultiMap;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;

/**
 * Keycloak's admin REST API as the auth service's own service account sees it (client credentials; the realm grants
 * that account only what the auth service's features need). Shared by the features that administer identities.
 */
@ApplicationScoped
public class KeycloakAdmin {

    public static final long TIMEOUT_MILLIS = Duration.ofSeconds(10).toMillis();

    private final WebClient web;
    private final String serverUrl;
    private final String realm;
    private final String clientId;
    private final Optional<String> clientSecret;

    public KeycloakAdmin(
            Vertx vertx,
            @ConfigProperty(name = "quarkus.oidc.auth-server-url") String authServerUrl,
            @ConfigProperty(name = "payguard.keycloak.admin.client-id", defaultValue = "payguard-auth-service")
                    String clientId,
            @ConfigProperty(name = "payguard.service.client-secret") Optional<String> clientSecret) {
        this.web = WebClient.create(vertx);
        String trimmed =
                authServerUrl.endsWith("/") ? authServerUrl.substring(0, authServerUrl.length() - 1) : authServerUrl;
        int at = trimmed.indexOf("/realms/");
        this.serverUrl = trimmed.substring(0, at);
        this.realm = trimmed.substring(at + "/realms/".length());
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    /** Without a service-account secret nothing can be administered (a deployment that left it out). */
    public boolean configured() {
        return clientSecret.isPresent();
    }

    /** {@code /admin/realms/<realm>} followed by {@code path}. */
    public String url(String path) {
        return serverUrl + "/admin/realms/" + realm + path;
    }

    public WebClient web() {
        return web;
    }

    public Uni<String> token() {
        if (clientSecret.isEmpty()) {
            return Uni.createFrom()
                    .failure(
                            new ProblemException(
                                    503,
                                    "provisioning_unavailable",
                                    "Identity administration unavailable",
                                    "the auth service has no service-account secret configured (PAYGUARD_SERVICE_CLIENT_SECRET)"));
        }
        return web.postAbs(serverUrl + "/realms/" + realm + "/protocol/openid-connect/token")
                .timeout(TIMEOUT_MILLIS)
                .sendForm(MultiMap.caseInsensitiveMultiMap()
                        .add("grant_type", "client_credentials")
                        .add("client_id", clientId)
                        .add("client_secret", clientSecret.get()))
                .map(r -> expect(r, 200, "service-account token")
                        .bodyAsJsonObject()
                        .getString("access_token"));
    }

    /** The user of that id as the admin API shows it, or null when Keycloak has none. */
    public Uni<io.vertx.core.json.JsonObject> user(String token, String subject) {
        return web.getAbs(url("/users/" + subject))
                .bearerTokenAuthentication(token)
                .timeout(TIMEOUT_MILLIS)
                .send()
                .map(r -> r.statusCode() == 404
                        ? null
                        : expect(r, 200, "find user").bodyAsJsonObject());
    }

    /** The expected status or a 502 problem; Keycloak's body is not echoed, since it may describe the realm's configuration. */
    public static HttpResponse<Buffer> expect(HttpResponse<Buffer> r, int status, String step) {
        if (r.statusCode() != status) {
            throw new ProblemException(
                    502,
                    "identity_provider_error",
                    "Identity provider error",
                    "Keycloak answered " + r.statusCode() + " to '" + step + "'");
        }
        return r;
    }
}

package io.payguard.auth.merchant.adapter.out.keycloak;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.payguard.auth.merchant.application.IdentityProvisioner;
import io.payguard.platform.web.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.vertx.mutiny.core.buffer.Buffer;

/**
 * Creates merchant clients through Keycloak's admin REST API with the auth service's own service account,
 * which holds only {@code manage-clients}/{@code view-clients}/{@code query-clients}. The merchant role
 * and the API audiences are attached to the client by protocol mappers, so no user administration right
 * is needed.
 */
@ApplicationScoped
public class KeycloakProvisioner implements IdentityProvisioner {

    private static final List<String> MERCHANT_AUDIENCES = List.of("payguard-payment-api", "payguard-wallet-api", "payguard-auth-api");

    private final WebClient web;
    private final String serverUrl;
    private final String realm;
    private final String clientId;
    private final Optional<String> clientSecret;

    public KeycloakProvisioner(Vertx vertx,
            @ConfigProperty(name = "quarkus.oidc.auth-server-url") String authServerUrl,
            @ConfigProperty(name = "payguard.keycloak.admin.client-id", defaultValue = "payguard-auth-service") String clientId,
            @ConfigProperty(name = "payguard.service.client-secret") Optional<String> clientSecret) {
        this.web = WebClient.create(vertx);
        String trimmed = authServerUrl.endsWith("/") ? authServerUrl.substring(0, authServerUrl.length() - 1) : authServerUrl;
        int at = trimmed.indexOf("/realms/");
        this.serverUrl = trimmed.substring(0, at);
        this.realm = trimmed.substring(at + "/realms/".length());
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    @Override
    public Uni<ProvisionedClient> createMerchantClient(String merchantClientId, String displayName) {
        if (clientSecret.isEmpty()) {
            return Uni.createFrom().failure(new ProblemException(503, "provisioning_unavailable", "Onboarding unavailable",
                    "the auth service has no service-account secret configured (PAYGUARD_SERVICE_CLIENT_SECRET)"));
        }
        return token().flatMap(token -> create(token, merchantClientId, displayName)
                .flatMap(uuid -> uuid != null ? secret(token, uuid) : adoptOrphan(token, merchantClientId))
                .map(secret -> new ProvisionedClient(merchantClientId, secret)));
    }

    @Override
    public Uni<Void> removeMerchantClient(String merchantClientId) {
        if (clientSecret.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return token().flatMap(token -> find(token, merchantClientId).flatMap(found -> found == null || !payguardMerchant(found)
                ? Uni.createFrom().voidItem()
                : web.deleteAbs(clientsUrl() + "/" + found.getString("id")).bearerTokenAuthentication(token)
                        .timeout(Duration.ofSeconds(10).toMillis()).send()
                        .map(r -> {
                            expect(r, 204, "delete client");
                            return null;
                        })));
    }

    /**
     * The client exists already. When PayGuard made it (an onboarding that failed after this step), its secret was
     * never handed out: it is replaced by a new one, and the client is taken over. Anything else is a conflict.
     */
    private Uni<String> adoptOrphan(String token, String merchantClientId) {
        return find(token, merchantClientId).flatMap(found -> {
            if (found == null || !payguardMerchant(found)) {
                return Uni.createFrom().failure(new ProblemException(409, "client_exists", "Client exists",
                        "Keycloak already has a client '" + merchantClientId + "' that PayGuard did not create"));
            }
            return web.postAbs(clientsUrl() + "/" + found.getString("id") + "/client-secret").bearerTokenAuthentication(token)
                    .timeout(Duration.ofSeconds(10).toMillis()).send()
                    .map(r -> expect(r, 200, "regenerate client secret").bodyAsJsonObject().getString("value"));
        });
    }

    private Uni<JsonObject> find(String token, String merchantClientId) {
        return web.getAbs(clientsUrl()).addQueryParam("clientId", merchantClientId).bearerTokenAuthentication(token)
                .timeout(Duration.ofSeconds(10).toMillis()).send()
                .map(r -> {
                    JsonArray found = expect(r, 200, "find client").bodyAsJsonArray();
                    return found.isEmpty() ? null : found.getJsonObject(0);
                });
    }

    private static boolean payguardMerchant(JsonObject client) {
        JsonObject attributes = client.getJsonObject("attributes");
        return attributes != null && "true".equals(attributes.getString("payguard.merchant"));
    }

    private String clientsUrl() {
        return serverUrl + "/admin/realms/" + realm + "/clients";
    }

    private Uni<String> token() {
        return web.postAbs(serverUrl + "/realms/" + realm + "/protocol/openid-connect/token")
                .timeout(Duration.ofSeconds(10).toMillis())
                .sendForm(io.vertx.mutiny.core.MultiMap.caseInsensitiveMultiMap()
                        .add("grant_type", "client_credentials").add("client_id", clientId).add("client_secret", clientSecret.get()))
                .map(r -> expect(r, 200, "service-account token").bodyAsJsonObject().getString("access_token"));
    }

    private Uni<String> create(String token, String merchantClientId, String displayName) {
        JsonArray mappers = new JsonArray();
        mappers.add(new JsonObject().put("name", "merchant role").put("protocol", "openid-connect")
                .put("protocolMapper", "oidc-hardcoded-role-mapper").put("config", new JsonObject().put("role", "merchant")));
        for (String aud : MERCHANT_AUDIENCES) {
            mappers.add(new JsonObject().put("name", "audience " + aud).put("protocol", "openid-connect")
                    .put("protocolMapper", "oidc-audience-mapper").put("config", new JsonObject(Map.of(
                            "included.custom.audience", aud, "access.token.claim", "true", "id.token.claim", "false"))));
        }
        JsonObject client = new JsonObject()
                .put("clientId", merchantClientId).put("name", displayName).put("enabled", true)
                .put("publicClient", false).put("clientAuthenticatorType", "client-secret")
                .put("serviceAccountsEnabled", true).put("standardFlowEnabled", false).put("implicitFlowEnabled", false)
                .put("directAccessGrantsEnabled", false).put("protocolMappers", mappers)
                .put("attributes", new JsonObject().put("payguard.merchant", "true"));
        return web.postAbs(clientsUrl()).bearerTokenAuthentication(token)
                .timeout(Duration.ofSeconds(10).toMillis())
                .sendJsonObject(client)
                .map(r -> {
                    if (r.statusCode() == 409) {
                        return null; // exists: adoptOrphan decides
                    }
                    String location = expect(r, 201, "create client").getHeader("Location");
                    return location.substring(location.lastIndexOf('/') + 1);
                });
    }

    private Uni<String> secret(String token, String uuid) {
        return web.getAbs(clientsUrl() + "/" + uuid + "/client-secret").bearerTokenAuthentication(token)
                .timeout(Duration.ofSeconds(10).toMillis()).send()
                .map(r -> expect(r, 200, "read client secret").bodyAsJsonObject().getString("value"));
    }

    private static HttpResponse<Buffer> expect(HttpResponse<Buffer> r, int status, String step) {
        if (r.statusCode() != status) {
            // Keycloak's body is not echoed: it may describe the realm's configuration.
            throw new ProblemException(502, "identity_provider_error", "Identity provider error",
                    "Keycloak answered " + r.statusCode() + " to '" + step + "'");
        }
        return r;
    }
}

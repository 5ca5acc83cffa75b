package io.payguard.auth.merchant.adapter.out.keycloak;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.auth.merchant.application.port.IdentityProvisioner;
import io.payguard.auth.shared.adapter.out.keycloak.KeycloakAdmin;
import io.payguard.platform.web.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.ext.web.client.WebClient;

/**
 * Creates merchant clients through Keycloak's admin REST API with the auth service's own service account. For this
 * it needs {@code manage-clients}/{@code view-clients}/{@code query-clients}: the merchant role and the API audiences
 * are attached to the client by protocol mappers, so onboarding needs no user administration right (the account's
 * {@code view-users}/{@code manage-users} serve the KYC tier feature).
 */
@ApplicationScoped
public class KeycloakProvisioner implements IdentityProvisioner {

    private static final List<String> MERCHANT_AUDIENCES =
            List.of("payguard-payment-api", "payguard-wallet-api", "payguard-auth-api");

    private final KeycloakAdmin admin;
    private final WebClient web;

    public KeycloakProvisioner(KeycloakAdmin admin) {
        this.admin = admin;
        this.web = admin.web();
    }

    @Override
    public Uni<ProvisionedClient> createMerchantClient(String merchantClientId, String displayName) {
        return admin.token()
                .flatMap(token -> create(token, merchantClientId, displayName)
                        .flatMap(uuid -> uuid != null ? secret(token, uuid) : adoptOrphan(token, merchantClientId))
                        .map(secret -> new ProvisionedClient(merchantClientId, secret)));
    }

    @Override
    public Uni<Void> removeMerchantClient(String merchantClientId) {
        if (!admin.configured()) {
            return Uni.createFrom().voidItem();
        }
        return admin.token()
                .flatMap(token -> find(token, merchantClientId)
                        .flatMap(found -> found == null || !payguardMerchant(found)
                                ? Uni.createFrom().voidItem()
                                : web.deleteAbs(clientsUrl() + "/" + found.getString("id"))
                                        .bearerTokenAuthentication(token)
                                        .timeout(KeycloakAdmin.TIMEOUT_MILLIS)
                                        .send()
                                        .map(r -> {
                                            KeycloakAdmin.expect(r, 204, "delete client");
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
                return Uni.createFrom()
                        .failure(new ProblemException(
                                409,
                                "client_exists",
                                "Client exists",
                                "Keycloak already has a client '" + merchantClientId
                                        + "' that PayGuard did not create"));
            }
            return web.postAbs(clientsUrl() + "/" + found.getString("id") + "/client-secret")
                    .bearerTokenAuthentication(token)
                    .timeout(KeycloakAdmin.TIMEOUT_MILLIS)
                    .send()
                    .map(r -> KeycloakAdmin.expect(r, 200, "regenerate client secret")
                            .bodyAsJsonObject()
                            .getString("value"));
        });
    }

    private Uni<JsonObject> find(String token, String merchantClientId) {
        return web.getAbs(clientsUrl())
                .addQueryParam("clientId", merchantClientId)
                .bearerTokenAuthentication(token)
                .timeout(KeycloakAdmin.TIMEOUT_MILLIS)
                .send()
                .map(r -> {
                    JsonArray found =
                            KeycloakAdmin.expect(r, 200, "find client").bodyAsJsonArray();
                    return found.isEmpty() ? null : found.getJsonObject(0);
                });
    }

    private static boolean payguardMerchant(JsonObject client) {
        JsonObject attributes = client.getJsonObject("attributes");
        return attributes != null && "true".equals(attributes.getString("payguard.merchant"));
    }

    private String clientsUrl() {
        return admin.url("/clients");
    }

    private Uni<String> create(String token, String merchantClientId, String displayName) {
        JsonArray mappers = new JsonArray();
        mappers.add(new JsonObject()
                .put("name", "merchant role")
                .put("protocol", "openid-connect")
                .put("protocolMapper", "oidc-hardcoded-role-mapper")
                .put("config", new JsonObject().put("role", "merchant")));
        for (String aud : MERCHANT_AUDIENCES) {
            mappers.add(new JsonObject()
                    .put("name", "audience " + aud)
                    .put("protocol", "openid-connect")
                    .put("protocolMapper", "oidc-audience-mapper")
                    .put(
                            "config",
                            new JsonObject(Map.of(
                                    "included.custom.audience",
                                    aud,
                                    "access.token.claim",
                                    "true",
                                    "id.token.claim",
                                    "false"))));
        }
        JsonObject client = new JsonObject()
                .put("clientId", merchantClientId)
                .put("name", displayName)
                .put("enabled", true)
                .put("publicClient", false)
                .put("clientAuthenticatorType", "client-secret")
                .put("serviceAccountsEnabled", true)
                .put("standardFlowEnabled", false)
                .put("implicitFlowEnabled", false)
                .put("directAccessGrantsEnabled", false)
                .put("protocolMappers", mappers)
                .put("attributes", new JsonObject().put("payguard.merchant", "true"));
        return web.postAbs(clientsUrl())
                .bearerTokenAuthentication(token)
                .timeout(KeycloakAdmin.TIMEOUT_MILLIS)
                .sendJsonObject(client)
                .map(r -> {
                    if (r.statusCode() == 409) {
                        return null; // exists: adoptOrphan decides
                    }
                    String location =
                            KeycloakAdmin.expect(r, 201, "create client").getHeader("Location");
                    return location.substring(location.lastIndexOf('/') + 1);
                });
    }

    private Uni<String> secret(String token, String uuid) {
        return web.getAbs(clientsUrl() + "/" + uuid + "/client-secret")
                .bearerTokenAuthentication(token)
                .timeout(KeycloakAdmin.TIMEOUT_MILLIS)
                .send()
                .map(r -> KeycloakAdmin.expect(r, 200, "read client secret")
                        .bodyAsJsonObject()
                        .getString("value"));
    }
}

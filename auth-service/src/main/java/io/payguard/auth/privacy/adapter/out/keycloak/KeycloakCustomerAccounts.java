package io.payguard.auth.privacy.adapter.out.keycloak;

import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.auth.privacy.application.port.CustomerAccounts;
import io.payguard.auth.shared.adapter.out.keycloak.KeycloakAdmin;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The customer's Keycloak user through the admin REST API (the service account's {@code view-users} and
 * {@code manage-users}): e-mail, KYC tier attribute, and the deletion that ends an erasure.
 */
@ApplicationScoped
public class KeycloakCustomerAccounts implements CustomerAccounts {

    /** Keycloak user ids; nothing that could alter an admin URL. */
    private static final Pattern SUBJECT = Pattern.compile("[A-Za-z0-9:_-]{1,128}");

    private final KeycloakAdmin admin;

    public KeycloakCustomerAccounts(KeycloakAdmin admin) {
        this.admin = admin;
    }

    @Override
    public Uni<Optional<String>> email(String subject) {
        return user(subject).map(user -> user.map(u -> u.getString("email")));
    }

    @Override
    public Uni<Optional<Integer>> kycTier(String subject) {
        return user(subject)
                .map(user -> user.map(u -> {
                    JsonObject attributes = u.getJsonObject("attributes");
                    JsonArray values = attributes == null ? null : attributes.getJsonArray("kyc_tier");
                    String value = values == null || values.isEmpty() ? "1" : values.getString(0);
                    return value.matches("[123]") ? Integer.parseInt(value) : 1;
                }));
    }

    @Override
    public Uni<Void> delete(String subject) {
        if (!SUBJECT.matcher(subject).matches()) {
            return Uni.createFrom().voidItem();
        }
        return admin.token()
                .flatMap(token -> admin.web()
                        .deleteAbs(admin.url("/users/" + subject))
                        .bearerTokenAuthentication(token)
                        .timeout(KeycloakAdmin.TIMEOUT_MILLIS)
                        .send())
                .map(r -> {
                    if (r.statusCode() != 404) {
                        KeycloakAdmin.expect(r, 204, "delete user");
                    }
                    return null;
                });
    }

    private Uni<Optional<JsonObject>> user(String subject) {
        if (!SUBJECT.matcher(subject).matches()) {
            return Uni.createFrom().item(Optional.empty());
        }
        return admin.token().flatMap(token -> admin.user(token, subject)).map(Optional::ofNullable);
    }
}

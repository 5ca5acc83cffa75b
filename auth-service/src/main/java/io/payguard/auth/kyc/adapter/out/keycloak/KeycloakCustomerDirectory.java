package io.payguard.auth.kyc.adapter.out.keycloak;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.payguard.auth.kyc.application.KycTierService;
import io.payguard.auth.kyc.application.port.CustomerDirectory;
import io.payguard.auth.kyc.domain.KycTier;
import io.payguard.auth.shared.adapter.out.keycloak.KeycloakAdmin;
import io.payguard.platform.web.ProblemException;
import io.payguard.platform.web.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The KYC tier as the Keycloak user attribute {@code kyc_tier}, declared in the realm's user profile (admins only may
 * view and edit it; values 1, 2, 3) and issued as an access-token claim to the customer apps. Uses the auth
 * service's service account, which holds {@code view-users} and {@code manage-users} for this.
 * <p>
 * Keycloak has no partial update of attributes: a PUT of the user replaces the attributes it carries, so the user is
 * read and written back whole with only {@code kyc_tier} changed. Nothing else about the user is touched.
 */
@ApplicationScoped
public class KeycloakCustomerDirectory implements CustomerDirectory {

    static final String ATTRIBUTE = "kyc_tier";

    private final KeycloakAdmin admin;

    public KeycloakCustomerDirectory(KeycloakAdmin admin) {
        this.admin = admin;
    }

    @Override
    public Uni<Optional<KycTier>> kycTier(String subject) {
        return admin.token()
                .flatMap(token -> user(token, subject)
                        .flatMap(user -> user == null
                                ? Uni.createFrom().item(Optional.<KycTier>empty())
                                : isCustomer(token, subject)
                                        .map(customer ->
                                                customer ? Optional.of(tierOf(user)) : Optional.<KycTier>empty())));
    }

    @Override
    public Uni<Void> assignKycTier(String subject, KycTier tier) {
        return admin.token()
                .flatMap(token -> user(token, subject).flatMap(user -> {
                    if (user == null) {
                        return Uni.createFrom().failure(KycTierService.notFound());
                    }
                    JsonObject attributes = user.getJsonObject("attributes");
                    if (attributes == null) {
                        attributes = new JsonObject();
                        user.put("attributes", attributes);
                    }
                    attributes.put(ATTRIBUTE, new JsonArray().add(tier.attributeValue()));
                    return admin.web()
                            .putAbs(userUrl(subject))
                            .bearerTokenAuthentication(token)
                            .timeout(KeycloakAdmin.TIMEOUT_MILLIS)
                            .sendJsonObject(user)
                            .map(r -> {
                                KeycloakAdmin.expect(r, 204, "update user");
                                return null;
                            });
                }));
    }

    /** The user, or null when Keycloak has none of that id. */
    private Uni<JsonObject> user(String token, String subject) {
        return admin.user(token, subject);
    }

    /** Effective realm roles, composites included: only customers have a KYC tier (not staff, merchants or service accounts). */
    private Uni<Boolean> isCustomer(String token, String subject) {
        return admin.web()
                .getAbs(userUrl(subject) + "/role-mappings/realm/composite")
                .bearerTokenAuthentication(token)
                .timeout(KeycloakAdmin.TIMEOUT_MILLIS)
                .send()
                .map(r -> KeycloakAdmin.expect(r, 200, "read user roles").bodyAsJsonArray().stream()
                        .anyMatch(role -> role instanceof JsonObject o && Roles.CUSTOMER.equals(o.getString("name"))));
    }

    private static KycTier tierOf(JsonObject user) {
        JsonObject attributes = user.getJsonObject("attributes");
        JsonArray values = attributes == null ? null : attributes.getJsonArray(ATTRIBUTE);
        try {
            return KycTier.fromAttribute(values == null || values.isEmpty() ? null : values.getString(0));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(
                    502,
                    "identity_provider_error",
                    "Identity provider error",
                    "Keycloak holds an invalid kyc_tier for this customer");
        }
    }

    private String userUrl(String subject) {
        return admin.url("/users/" + subject);
    }
}

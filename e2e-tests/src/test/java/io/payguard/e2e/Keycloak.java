package io.payguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gets real tokens from the running Keycloak: client credentials for merchants and services, and for the
 * public apps the FAPI 2.0-style flow the realm requires: a pushed authorization request (PAR), authorization
 * code + PKCE (S256), and a DPoP-bound access token.
 */
final class Keycloak {

    static final String WEB_CLIENT = "payguard-web";
    static final String WEB_REDIRECT = "http://127.0.0.1:3000/callback";
    private static final Pattern FORM_ACTION =
            Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"", Pattern.DOTALL);
    private static final SecureRandom RANDOM = new SecureRandom();

    private Keycloak() {}

    static String clientCredentials(String clientId, String secret) {
        var r = new Http()
                .postForm(
                        Stack.keycloak() + "/protocol/openid-connect/token",
                        Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret),
                        Map.of());
        assertThat(r.status())
                .as("client credentials for %s: %s", clientId, r.body())
                .isEqualTo(200);
        return r.json().get("access_token").asText();
    }

    /** What a PKCE login produced: the code and verifier, so tests can also try a wrong verifier. */
    record AuthorizationCode(String code, String verifier) {}

    /** A customer's session: a DPoP-bound access token and the key that must sign a proof for every call. */
    record DpopSession(String accessToken, io.payguard.platform.testing.DpopProofs key) {
        Map<String, String> headers(String method, String url) {
            return Map.of("Authorization", "DPoP " + accessToken, "DPoP", key.proof(method, url, accessToken));
        }
    }

    /** One real caller of each kind the suite knows, logged in against the running Keycloak. */
    record Callers(
            DpopSession customer,
            DpopSession auditor,
            DpopSession compliance,
            DpopSession operator,
            String merchant,
            String service) {
        static Callers login() {
            return new Callers(
                    customerSession("alice"),
                    customerSession("ada"),
                    customerSession("cora"),
                    customerSession("otto"),
                    clientCredentials("demo-merchant-b", Stack.get("PAYGUARD_MERCHANT_B_SECRET")),
                    clientCredentials("payguard-payment-service", Stack.get("PAYGUARD_PAYMENT_SERVICE_SECRET")));
        }
    }

    static Http.Response pushAuthorizationRequest(Map<String, String> params) {
        var form = new HashMap<>(params);
        form.putIfAbsent("client_id", WEB_CLIENT);
        return new Http().postForm(Stack.keycloak() + "/protocol/openid-connect/ext/par/request", form, Map.of());
    }

    static AuthorizationCode loginWithPkce(String username, String password) {
        var http = new Http();
        String verifier = randomUrlSafe(48);
        String state = randomUrlSafe(16);
        var par = pushAuthorizationRequest(Map.of(
                "response_type",
                "code",
                "scope",
                "openid",
                "redirect_uri",
                WEB_REDIRECT,
                "state",
                state,
                "code_challenge",
                s256(verifier),
                "code_challenge_method",
                "S256"));
        assertThat(par.status())
                .as("pushed authorization request: %s", par.body())
                .isEqualTo(201);
        String authUrl = Stack.keycloak() + "/protocol/openid-connect/auth?"
                + Http.form(Map.of(
                        "client_id",
                        WEB_CLIENT,
                        "request_uri",
                        par.json().get("request_uri").asText()));
        var page = http.get(authUrl, Map.of());
        // With PAR, Keycloak first redirects to its own login-actions page.
        for (int hops = 0; page.status() == 302 && hops < 3; hops++) {
            String next = page.raw().headers().firstValue("Location").orElseThrow();
            assertThat(next).as("redirect stays within Keycloak").startsWith(Stack.get("KEYCLOAK_URL"));
            page = http.get(next, Map.of());
        }
        assertThat(page.status()).as("login page").isEqualTo(200);
        Matcher m = FORM_ACTION.matcher(page.body());
        assertThat(m.find()).as("Keycloak login form").isTrue();
        String action = m.group(1).replace("&amp;", "&");

        var login =
                http.postForm(action, Map.of("username", username, "password", password, "credentialId", ""), Map.of());
        assertThat(login.status())
                .as("login of %s should redirect to the app", username)
                .isEqualTo(302);
        URI location = URI.create(login.raw().headers().firstValue("Location").orElseThrow());
        assertThat(location.toString()).startsWith(WEB_REDIRECT);
        Map<String, String> query = new HashMap<>();
        for (String kv : location.getRawQuery().split("&")) {
            int eq = kv.indexOf('=');
            query.put(kv.substring(0, eq), java.net.URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
        }
        assertThat(query.get("state")).isEqualTo(state);
        return new AuthorizationCode(query.get("code"), verifier);
    }

    static Http.Response exchange(
            AuthorizationCode code, String verifier, io.payguard.platform.testing.DpopProofs key) {
        String tokenUrl = Stack.keycloak() + "/protocol/openid-connect/token";
        return new Http()
                .postForm(
                        tokenUrl,
                        Map.of(
                                "grant_type",
                                "authorization_code",
                                "client_id",
                                WEB_CLIENT,
                                "code",
                                code.code(),
                                "redirect_uri",
                                WEB_REDIRECT,
                                "code_verifier",
                                verifier),
                        Map.of("DPoP", key.proof("POST", tokenUrl, null)));
    }

    /**
     * Creates a customer (password: this machine's demo password) through the admin API of the local stack's
     * Keycloak, unless it exists. For the load benchmark, whose clients are distinct customers.
     */
    static void ensureCustomer(String username) {
        var http = new Http();
        String root = Stack.get("KEYCLOAK_URL");
        String realm = Stack.get("KEYCLOAK_REALM");
        var auth = adminAuth(http);
        String users = root + "/admin/realms/" + realm + "/users";
        var created = http.send(
                "POST",
                users,
                auth,
                Map.of(
                        "username",
                        username,
                        "enabled",
                        true,
                        "email",
                        username + "@load.payguard.invalid",
                        "emailVerified",
                        true,
                        "firstName",
                        "Load",
                        "lastName",
                        "Customer",
                        "credentials",
                        java.util.List.of(Map.of(
                                "type",
                                "password",
                                "value",
                                Stack.get("PAYGUARD_DEMO_PASSWORD"),
                                "temporary",
                                false))));
        assertThat(created.status())
                .as("create %s: %s", username, created.body())
                .isIn(201, 409);
        if (created.status() == 201) {
            String id = http.send("GET", users + "?exact=true&username=" + username, auth, null)
                    .json()
                    .get(0)
                    .get("id")
                    .asText();
            var role = http.send("GET", root + "/admin/realms/" + realm + "/roles/customer", auth, null)
                    .json();
            var mapped = http.send("POST", users + "/" + id + "/role-mappings/realm", auth, java.util.List.of(role));
            assertThat(mapped.status())
                    .as("customer role for %s: %s", username, mapped.body())
                    .isEqualTo(204);
        }
    }

    /** The local Keycloak's bootstrap admin, as an Authorization header for the admin API. */
    private static Map<String, String> adminAuth(Http http) {
        var login = http.postForm(
                Stack.get("KEYCLOAK_URL") + "/realms/master/protocol/openid-connect/token",
                Map.of(
                        "grant_type",
                        "password",
                        "client_id",
                        "admin-cli",
                        "username",
                        Stack.get("KC_BOOTSTRAP_ADMIN_USERNAME"),
                        "password",
                        Stack.get("KC_BOOTSTRAP_ADMIN_PASSWORD")),
                Map.of());
        assertThat(login.status()).as("Keycloak admin login: %s", login.body()).isEqualTo(200);
        return Map.of(
                "Authorization", "Bearer " + login.json().get("access_token").asText());
    }

    /**
     * Gives {@code username} a verified mobile number ({@code phone_number}, {@code phone_number_verified}) and sets
     * whether its e-mail address counts as verified, through the admin API; the next login's token carries both.
     */
    static void setPhone(String username, String phoneNumber, boolean emailVerified) {
        var http = new Http();
        var auth = adminAuth(http);
        String users = Stack.get("KEYCLOAK_URL") + "/admin/realms/" + Stack.get("KEYCLOAK_REALM") + "/users";
        var user = (com.fasterxml.jackson.databind.node.ObjectNode)
                http.send("GET", users + "?exact=true&username=" + username, auth, null)
                        .json()
                        .get(0);
        var attributes = user.has("attributes")
                ? (com.fasterxml.jackson.databind.node.ObjectNode) user.get("attributes")
                : user.putObject("attributes");
        attributes.putArray("phone_number").add(phoneNumber);
        attributes.putArray("phone_number_verified").add("true");
        user.put("emailVerified", emailVerified);
        var updated = http.send("PUT", users + "/" + user.get("id").asText(), auth, user);
        assertThat(updated.status())
                .as("phone of %s: %s", username, updated.body())
                .isEqualTo(204);
    }

    /** A customer created by {@link #ensureCustomer}, raised to a KYC tier, logged in again so the token carries it. */
    record TieredCustomer(String subject, DpopSession session) {}

    /**
     * Creates {@code username} (unless it exists), has {@code operator} set its KYC tier ({@code PUT
     * /v1/customers/{subject}/kyc}, with {@code evidenceRef} and {@code reason}), and logs it in again: the new token
     * carries the tier, so a wallet opened with it has that tier's class.
     */
    static TieredCustomer customerWithTier(
            String username, int tier, DpopSession operator, String evidenceRef, String reason) {
        ensureCustomer(username);
        var http = new Http();
        var first = customerSession(username);
        String me = Stack.serviceUrl("payment") + "/v1/me";
        String subject = http.send("GET", me, first.headers("GET", me), null)
                .json()
                .get("subject")
                .asText();
        String kyc = Stack.serviceUrl("auth") + "/v1/customers/" + subject + "/kyc";
        var set = http.send(
                "PUT",
                kyc,
                operator.headers("PUT", kyc),
                Map.of("tier", tier, "evidenceRef", evidenceRef, "reason", reason));
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        return new TieredCustomer(subject, customerSession(username));
    }

    /** PAR + PKCE login of a demo user, then a DPoP-bound token for a fresh key. */
    static DpopSession customerSession(String username) {
        var code = loginWithPkce(username, Stack.get("PAYGUARD_DEMO_PASSWORD"));
        var key = io.payguard.platform.testing.DpopProofs.newKey();
        var r = exchange(code, code.verifier(), key);
        assertThat(r.status()).as("code exchange: %s", r.body()).isEqualTo(200);
        assertThat(r.json().get("token_type").asText()).as("token type").isEqualToIgnoringCase("DPoP");
        return new DpopSession(r.json().get("access_token").asText(), key);
    }

    static String randomUrlSafe(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(
                            MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.payguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The web app's origin (stack.env WEB_URL, http://localhost:PORT) may call every service from the browser: a preflight
 * passes RequestGuard, rate limits, DPoP and authentication (no 401/403/429), a DPoP call gets its answer with
 * Access-Control-Allow-Origin, and so do problems (401, 403), which a browser would otherwise report as a network
 * error. Another origin gets no allow-origin header. Keycloak answers the app's PAR and token calls with CORS too.
 */
class CorsIT {

    private static final String FOREIGN = "http://evil.example";
    private final Http http = new Http();

    private static String web() {
        return Stack.get("WEB_URL");
    }

    private Http.Response preflight(String url, String origin, String method, String headers) {
        var h = new HashMap<String, String>();
        h.put("Origin", origin);
        h.put("Access-Control-Request-Method", method);
        if (headers != null) {
            h.put("Access-Control-Request-Headers", headers);
        }
        return http.send("OPTIONS", url, h, null);
    }

    private static Optional<String> header(Http.Response r, String name) {
        return r.raw().headers().firstValue(name);
    }

    private static List<String> list(Http.Response r, String name) {
        return header(r, name)
                .map(v -> List.of(v.toLowerCase().split("\\s*,\\s*")))
                .orElse(List.of());
    }

    @ParameterizedTest
    @ValueSource(strings = {"auth", "payment", "wallet", "audit"})
    void theWebAppsOriginMayCallTheServiceAndReadItsProblems(String service) {
        String url = Stack.serviceUrl(service) + "/v1/me";

        var pre = preflight(url, web(), "POST", "authorization,dpop,content-type,idempotency-key,accept-language");
        assertThat(pre.status()).as("preflight %s: %s", service, pre.body()).isEqualTo(200);
        assertThat(header(pre, "Access-Control-Allow-Origin")).contains(web());
        assertThat(list(pre, "Access-Control-Allow-Methods")).contains("get", "post", "put", "patch", "delete");
        assertThat(list(pre, "Access-Control-Allow-Headers"))
                .contains(
                        "authorization", "dpop", "content-type", "idempotency-key", "accept-language", "x-request-id");

        var alice = Keycloak.customerSession("alice");
        var headers = new HashMap<>(alice.headers("GET", url));
        headers.put("Origin", web());
        var me = http.get(url, headers);
        assertThat(me.status()).as("DPoP call to %s: %s", service, me.body()).isEqualTo(200);
        assertThat(header(me, "Access-Control-Allow-Origin")).contains(web());
        assertThat(list(me, "Access-Control-Expose-Headers"))
                .contains(
                        "dpop-nonce",
                        "www-authenticate",
                        "location",
                        "retry-after",
                        "content-disposition",
                        "x-request-id");

        var unauthenticated = http.get(url, Map.of("Origin", web()));
        assertThat(unauthenticated.status()).isEqualTo(401);
        assertThat(header(unauthenticated, "Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(header(unauthenticated, "Access-Control-Allow-Origin")).contains(web());
    }

    @ParameterizedTest
    @ValueSource(strings = {"auth", "payment", "wallet", "audit"})
    void anotherOriginGetsNoAllowOrigin(String service) {
        String url = Stack.serviceUrl(service) + "/v1/me";
        var pre = preflight(url, FOREIGN, "GET", "authorization,dpop");
        assertThat(header(pre, "Access-Control-Allow-Origin")).isEmpty();
        var alice = Keycloak.customerSession("alice");
        var headers = new HashMap<>(alice.headers("GET", url));
        headers.put("Origin", FOREIGN);
        var me = http.get(url, headers);
        assertThat(header(me, "Access-Control-Allow-Origin")).isEmpty();
        assertThat(me.status()).isNotEqualTo(200);
    }

    @Test
    void aForbiddenProblemCarriesTheAllowOriginToo() {
        String url = Stack.serviceUrl("auth") + "/v1/merchants";
        var headers = new HashMap<>(Keycloak.customerSession("alice").headers("GET", url));
        headers.put("Origin", web());
        var r = http.get(url, headers);
        assertThat(r.status()).as(r.body()).isEqualTo(403);
        assertThat(r.body()).contains("\"status\":403");
        assertThat(header(r, "Access-Control-Allow-Origin")).contains(web());
    }

    @Test
    void keycloakAnswersTheWebAppsParAndTokenCallsWithCors() {
        String oidc = Stack.keycloak() + "/protocol/openid-connect";
        // PAR as the app sends it: a CORS "simple" request (form body, no custom header). Keycloak answers PAR's
        // preflight without any Access-Control-* header, so the app must not send one (DPoP is bound with dpop_jkt).
        var par = http.postForm(
                oidc + "/ext/par/request",
                Map.of(
                        "client_id",
                        Keycloak.WEB_CLIENT,
                        "response_type",
                        "code",
                        "redirect_uri",
                        web() + "/",
                        "scope",
                        "openid",
                        "code_challenge",
                        Keycloak.s256(Keycloak.randomUrlSafe(48)),
                        "code_challenge_method",
                        "S256"),
                Map.of("Origin", web()));
        assertThat(par.status()).as(par.body()).isEqualTo(201);
        assertThat(par.body()).contains("request_uri");
        assertThat(header(par, "Access-Control-Allow-Origin")).contains(web());

        var pre = preflight(oidc + "/token", web(), "POST", "content-type,dpop");
        assertThat(pre.status()).isEqualTo(200);
        assertThat(header(pre, "Access-Control-Allow-Origin")).contains(web());
        assertThat(list(pre, "Access-Control-Allow-Headers")).contains("dpop", "content-type");
        // a refused token request still tells the app why
        var refused = http.postForm(
                oidc + "/token",
                Map.of("grant_type", "authorization_code", "client_id", Keycloak.WEB_CLIENT, "code", "nope"),
                Map.of("Origin", web()));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(header(refused, "Access-Control-Allow-Origin")).contains(web());
    }
}

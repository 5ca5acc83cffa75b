package io.payguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The web app as ./dev serves it (stack.env WEB_URL): its strict headers and /config.json over HTTP, then in headless
 * Chromium the landing page (login prompt, clean console, axe-core), the login through Keycloak with PAR, and the
 * wallet's home for a customer.
 */
@ExtendWith(BrowserWatcher.class)
class WebAppIT {

    private final Http http = new Http();
    private Browser browser;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void theAppIsServedWithAStrictPolicyAndTheStacksAddresses() {
        String web = Stack.get("WEB_URL");
        var index = http.get(web + "/", Map.of());
        assertThat(index.status()).isEqualTo(200);
        String csp = index.raw().headers().firstValue("Content-Security-Policy").orElse("");
        assertThat(csp)
                .contains("default-src 'none'", "script-src 'self'", "require-trusted-types-for 'script'")
                .contains("trusted-types ")
                .contains(origin(Stack.get("KEYCLOAK_URL")))
                .doesNotContain("'unsafe-inline'", "'unsafe-eval'", "*");
        assertThat(index.raw().headers().firstValue("X-Content-Type-Options")).contains("nosniff");

        var config = http.get(web + "/config.json", Map.of()).json();
        assertThat(config.get("issuer").asText()).isEqualTo(Stack.keycloak());
        assertThat(config.get("clientId").asText()).isEqualTo(Keycloak.WEB_CLIENT);
        for (String service : new String[] {"auth", "payment", "wallet", "audit"}) {
            assertThat(config.get("services").get(service).asText()).as(service).isEqualTo(Stack.serviceUrl(service));
            assertThat(csp).contains(origin(Stack.serviceUrl(service)));
        }
    }

    @Test
    void aCustomerLogsInThroughKeycloakWithParAndLandsOnTheWallet() {
        browser = Browser.mobile(WebAppIT.class);
        browser.open("/");
        browser.testId("login");
        browser.screenshot("landing");
        browser.assertConsoleClean();
        browser.assertAccessible("landing");

        browser.testId("login").click();
        browser.waiting().until(d -> d.getCurrentUrl().startsWith(Stack.get("KEYCLOAK_URL")));
        // With PAR, Keycloak answers the request_uri with a redirect to its own login-actions page; the client
        // requires PAR (require.pushed.authorization.requests), so reaching the form at all proves the app pushed it.
        assertThat(browser.driver().getCurrentUrl()).contains("client_id=" + Keycloak.WEB_CLIENT);
        browser.await("#username");
        browser.screenshot("keycloak-login");

        browser.loginAs("alice");
        browser.testId("wallet-home");
        assertThat(browser.testId("whoami").getText()).containsIgnoringCase("alice");
        browser.screenshot("wallet-home");
        browser.assertConsoleClean();
        browser.assertAccessible("wallet-home");
    }

    private static String origin(String url) {
        var uri = java.net.URI.create(url);
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }
}

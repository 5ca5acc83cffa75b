package io.payguard.e2e;

import static io.payguard.e2e.Funding.idempotent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The merchant dashboard in headless Chromium, as the demo merchant user {@code mia}: each screen (screenshot, clean
 * console, axe-core without serious or critical violations), a dynamic QR code created for an amount and shown as an
 * image, a customer of this run paying it through the API (as the wallet app does), the payment in mia's list, its
 * partial refund through the detail screen (with the confirmation step), the money back in the customer's wallet, an
 * API key created (its secret shown once, and working), revoked (and refused), a webhook endpoint with its delivery log,
 * and the events.
 *
 * <p>mia acts for the merchant the services see in her token: its {@code azp}, the web app's client {@code payguard-web}
 * (web/README.md, merchant dashboard: a user is not tied to a merchant yet). The payment she refunds is therefore one
 * made to her own QR code, not one of {@code demo-merchant-a}'s.
 */
@ExtendWith(BrowserWatcher.class)
class MerchantBrowserIT {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final long PRICE = 1_234;
    private static final long REFUND = 500;

    private final Http http = new Http();
    private final String payment = Stack.serviceUrl("payment");
    private Browser browser;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void miaCreatesAQrCodeSeesTheCustomersPaymentAndRefundsPartOfIt() {
        var customer = Customers.create(
                "merchant-ui-" + RUN,
                2,
                "merchant-browser-it-" + RUN,
                "e2e customer of MerchantBrowserIT",
                5_000,
                5_000);
        long funded = customer.balance();

        browser = Browser.desktop(MerchantBrowserIT.class);
        browser.open("/");
        browser.loginAs("mia");
        browser.testId("merchant-payments");
        assertThat(browser.testId("merchant-context").getText()).contains(Keycloak.WEB_CLIENT);
        check("payments");

        // a dynamic QR code for 12.34 CNY, its PNG shown from a blob: URL
        nav("merchant-qr");
        browser.testId("qr-amount").sendKeys("12.34");
        browser.testId("qr-description").sendKeys("e2e " + RUN);
        browser.testId("qr-create").click();
        WebElement image = browser.testId("qr-image");
        browser.waiting().until(d -> (Boolean) browser.driver()
                .executeScript("return arguments[0].complete && arguments[0].naturalWidth >= 256", image));
        assertThat(image.getAttribute("src")).startsWith("blob:");
        assertThat(image.getAttribute("alt")).contains("12.34");
        assertThat(browser.testId("qr-download").getAttribute("download")).endsWith(".png");
        WebElement result = browser.testId("qr-result");
        String intentId = result.getAttribute("data-intent");
        assertThat(intentId).startsWith("pi_");
        check("qr");

        // the customer pays the code in the wallet (scan + pay, through the API)
        browser.driver()
                .findElement(By.cssSelector(".merchant-payload summary"))
                .click();
        String payload = browser.testId("qr-payload").getText();
        var session = customer.login();
        var scanned = customerCall(session, "/v1/qr_codes/scan", Map.of("payload", payload));
        assertThat(scanned.status()).as(scanned.body()).isEqualTo(200);
        assertThat(scanned.json().path("merchant").path("id").asText()).isEqualTo(Keycloak.WEB_CLIENT);
        var paid = customerCall(session, "/v1/qr_codes/pay", Map.of("payload", payload));
        assertThat(paid.status()).as(paid.body()).isEqualTo(200);
        assertThat(paid.json().path("id").asText()).isEqualTo(intentId);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(customer.balance()).isEqualTo(funded - PRICE));

        // the QR screen sees it paid; the list shows the payment as succeeded
        browser.waiting().until(d -> {
            browser.testId("qr-refresh").click();
            return "used".equals(browser.testId("qr-status").getAttribute("data-status"));
        });
        nav("merchant");
        WebElement row = awaitRow(intentId, "succeeded");
        assertThat(row.getText()).contains("12.34");
        check("payments-with-payment");

        // the detail, then a partial refund of 5.00 with its confirmation
        row.findElement(By.cssSelector("[data-testid=payment-link]")).click();
        browser.testId("merchant-payment");
        assertThat(browser.testId("payment-amount").getText()).contains("12.34");
        assertThat(browser.testId("payment-received").getText()).contains("12.34");
        browser.waiting().withTimeout(Duration.ofSeconds(30)).until(d -> {
            browser.testId("payment-refresh").click();
            return browser.testId("payment-timeline").getText().contains("payment_intent.succeeded");
        });
        check("payment");
        browser.testId("refund-amount").sendKeys("5.00");
        browser.testId("refund-start").click();
        assertThat(browser.testId("refund-confirm").getText()).contains("5.00", intentId);
        check("refund-confirm");
        browser.testId("refund-confirm-button").click();
        browser.waiting()
                .withTimeout(Duration.ofSeconds(30))
                .until(ExpectedConditions.attributeToBe(
                        By.cssSelector("[data-testid=refund-state]"), "data-status", "succeeded"));
        assertThat(browser.testId("payment-refunded").getText()).contains("5.00");
        assertThat(browser.testId("refund-row").getAttribute("data-status")).isEqualTo("succeeded");
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(customer.balance()).isEqualTo(funded - PRICE + REFUND));
        check("payment-refunded");

        nav("merchant-events");
        browser.waiting()
                .until(d -> !d.findElements(By.cssSelector("[data-testid=event-row][data-type='refund.succeeded']"))
                        .isEmpty());
        check("events");
    }

    @Test
    void miaCreatesAnApiKeySeesItsSecretOnceAndRevokesIt() {
        browser = Browser.desktop(MerchantBrowserIT.class);
        browser.open("/");
        browser.loginAs("mia");
        browser.testId("merchant-payments");
        nav("merchant-api-keys");
        browser.testId("merchant-api-keys");
        check("api-keys");

        String name = "e2e " + RUN;
        browser.testId("key-name").sendKeys(name);
        browser.testId("key-create").click();
        String secret = browser.testId("key-secret").getAttribute("value");
        assertThat(secret).startsWith("sk_test_");
        check("api-key-secret");
        // the key works: it is mia's merchant's
        assertThat(http.get(payment + "/v1/payment_intents?limit=1", bearer(secret))
                        .status())
                .isEqualTo(200);
        browser.testId("key-secret-done").click();
        assertThat(browser.driver().findElements(By.cssSelector("[data-testid=key-secret]")))
                .as("the secret is shown once")
                .isEmpty();

        WebElement row = keyRow(name);
        row.findElement(By.cssSelector("[data-testid=key-revoke]")).click();
        keyRow(name)
                .findElement(By.cssSelector("[data-testid=key-revoke-confirm]"))
                .click();
        browser.waiting().until(d -> "revoked".equals(keyRow(name).getAttribute("data-status")));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(http.get(payment + "/v1/payment_intents?limit=1", bearer(secret))
                                .status())
                        .isEqualTo(401));
        check("api-key-revoked");

        nav("merchant-webhooks");
        browser.testId("merchant-webhooks");
        check("webhooks");
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** Screenshot, clean console and axe-core on the screen as it is now. */
    private void check(String name) {
        browser.screenshot(name);
        browser.assertConsoleClean();
        browser.assertAccessible("merchant-" + name);
    }

    /** Follows the navigation link of a merchant route ({@code nav-merchant-qr}) and waits for its screen. */
    private void nav(String route) {
        browser.testId("nav-" + route).click();
        browser.testId(route.equals("merchant") ? "merchant-payments" : route);
    }

    /** Refreshes the payments list until the payment's row is there in {@code status}. */
    private WebElement awaitRow(String intentId, String status) {
        String css = "[data-testid=payment-row][data-id='" + intentId + "']";
        browser.waiting().withTimeout(Duration.ofSeconds(30)).until(d -> {
            browser.testId("payments-refresh").click();
            return d.findElements(By.cssSelector(css + " [data-status='" + status + "']"))
                            .size()
                    == 1;
        });
        return browser.await(css);
    }

    private WebElement keyRow(String name) {
        return browser.waiting()
                .until(d -> d.findElements(By.cssSelector("[data-testid=key-row]")).stream()
                        .filter(r -> r.getText().contains(name))
                        .findFirst()
                        .orElse(null));
    }

    private Http.Response customerCall(Keycloak.DpopSession session, String path, Object body) {
        String url = payment + path;
        return http.send("POST", url, idempotent(session.headers("POST", url)), body);
    }

    private static Map<String, String> bearer(String secret) {
        var h = new HashMap<String, String>();
        h.put("Authorization", "Bearer " + secret);
        return h;
    }
}

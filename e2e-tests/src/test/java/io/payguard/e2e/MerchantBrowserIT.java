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
 * console, axe-core without serious or critical violations); a card payment of her merchant (made through the API as a
 * merchant's server does: a publishable key tokenises the card, the merchant confirms) found in the list with a status
 * filter, its detail and timeline, a partial refund through the detail screen (with the confirmation step) that the API
 * then shows as succeeded; a dynamic QR code created for an amount and shown as an image; the refund among the events;
 * an API key created (its secret shown once, and working), revoked (and refused).
 *
 * <p>mia is a member of {@code demo-merchant-a}'s team (Keycloak user attribute {@code merchant_id}, mapped into her
 * token): every service takes that as the merchant she acts for, never the web app's client id; the dashboard says so
 * ({@code merchant-context}). The QR payment by a customer's wallet is {@code FrontendJourneyIT}'s; here the payment she
 * refunds is a card payment of her merchant.
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
    void miaCreatesAQrCodeSeesACardPaymentOfHerMerchantAndRefundsPartOfIt() {
        // a card payment of mia's merchant, made as its server would: a publishable key tokenises the card, the
        // merchant creates and confirms the intent
        var mia = Keycloak.customerSession("mia");
        String intentId = cardPayment(mia);

        browser = Browser.desktop(MerchantBrowserIT.class);
        browser.open("/");
        browser.loginAs("mia");
        browser.testId("merchant-payments");
        browser.waiting()
                .until(ExpectedConditions.textToBePresentInElementLocated(
                        By.cssSelector("[data-testid=merchant-context]"), "demo-merchant-a"));

        // the list shows the payment as succeeded; the status filter keeps it
        WebElement row = awaitRow(intentId, "succeeded");
        assertThat(row.getText()).contains("12.34");
        new org.openqa.selenium.support.ui.Select(browser.testId("filter-status")).selectByValue("succeeded");
        browser.testId("filter-apply").click();
        row = awaitRow(intentId, "succeeded");
        check("payments");

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
        browser.waiting()
                .until(d -> browser.testId("payment-refunded").getText().contains("5.00"));
        assertThat(browser.testId("refund-row").getAttribute("data-status")).isEqualTo("succeeded");
        check("payment-refunded");
        // what the API says: one refund of 500, succeeded
        String refunds = payment + "/v1/payment_intents/" + intentId + "/refunds";
        var listed = http.send("GET", refunds, mia.headers("GET", refunds), null);
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        assertThat(listed.json()).hasSize(1);
        assertThat(listed.json().get(0).path("amount").asLong()).isEqualTo(REFUND);
        assertThat(listed.json().get(0).path("status").asText()).isEqualTo("succeeded");

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
        String qrIntent = browser.testId("qr-result").getAttribute("data-intent");
        String intentUrl = payment + "/v1/payment_intents/" + qrIntent;
        var qrPayment = http.send("GET", intentUrl, mia.headers("GET", intentUrl), null);
        assertThat(qrPayment.status()).as(qrPayment.body()).isEqualTo(200);
        assertThat(qrPayment.json().path("amount").asLong()).isEqualTo(PRICE);
        assertThat(qrPayment.json().path("channel").asText()).isEqualTo("qr_dynamic");
        check("qr");

        nav("merchant-events");
        browser.waiting().withTimeout(Duration.ofSeconds(30)).until(d -> {
            browser.testId("events-refresh").click();
            return !d.findElements(By.cssSelector("[data-testid=event-row][data-type='refund.succeeded']"))
                    .isEmpty();
        });
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

    /** A succeeded card payment of PRICE CNY of mia's merchant; returns its id. */
    private String cardPayment(Keycloak.DpopSession mia) {
        String keys = Stack.serviceUrl("auth") + "/v1/api-keys";
        var key = http.send(
                "POST",
                keys,
                mia.headers("POST", keys),
                Map.of("name", "e2e pk " + RUN, "kind", "publishable", "mode", "test"));
        assertThat(key.status()).as(key.body()).isEqualTo(201);
        String publishable = key.json().path("secret").asText();
        var token = new Http.Response[1];
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            var h = idempotent(bearer(publishable));
            token[0] = http.send(
                    "POST",
                    payment + "/v1/tokens",
                    h,
                    Map.of("number", Funding.approvedCard(), "exp_month", 12, "exp_year", 2031));
            assertThat(token[0].status()).as(token[0].body()).isEqualTo(201);
        });
        String intents = payment + "/v1/payment_intents";
        var created = http.send(
                "POST",
                intents,
                idempotent(mia.headers("POST", intents)),
                Map.of("amount", PRICE, "currency", "CNY", "payment_method_type", "card", "description", "e2e " + RUN));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().path("id").asText();
        String confirm = intents + "/" + id + "/confirm";
        var confirmed = http.send(
                "POST",
                confirm,
                idempotent(mia.headers("POST", confirm)),
                Map.of("payment_method", token[0].json().path("id").asText(), "cvc", Funding.CVC));
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        assertThat(confirmed.json().path("status").asText())
                .as(confirmed.body())
                .isEqualTo("succeeded");
        String revoke = keys + "/" + key.json().path("key").path("id").asText() + "/revoke";
        assertThat(http.send("POST", revoke, mia.headers("POST", revoke), null).status())
                .isEqualTo(200);
        return id;
    }

    private static Map<String, String> bearer(String secret) {
        var h = new HashMap<String, String>();
        h.put("Authorization", "Bearer " + secret);
        return h;
    }
}

package io.payguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The customer wallet in a real headless Chromium against the running suite: alice logs in through Keycloak (PAR + PKCE,
 * DPoP-bound tokens), sees her balance and history, tops up from a card (the balance grows by exactly the amount, the card
 * field is empty afterwards), pays a merchant's dynamic QR code fed to the page as an image (the PNG payment-service
 * draws for the merchant: decoded by the web app's /v1/qr/decode, understood by /v1/qr_codes/scan, paid, the balance
 * drops by exactly the amount), and opens the other screens. Each screen: a screenshot under
 * target/screenshots/WalletBrowserIT-*.png, a clean console (no errors, no CSP violations) and axe-core with no serious or
 * critical violation.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(BrowserWatcher.class)
class WalletBrowserIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Page browser;
    private static long balance;

    @BeforeAll
    static void login() {
        browser = Page.open();
        browser.login("alice");
        browser.waitFor("[data-testid='wallet-home']");
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    @Order(1)
    void homeShowsTheBalanceAndTheHistory() {
        browser.go("#/wallet");
        WebElement home = browser.waitFor("[data-testid='wallet-home']");
        if (!home.findElements(By.cssSelector("[data-testid='wallet-open']")).isEmpty()) {
            browser.click("[data-testid='wallet-open']");
        }
        balance = minor(browser.waitFor("[data-testid='wallet-balance'][data-currency='CNY']"));
        browser.waitUntil(d -> !d.findElements(By.cssSelector("[data-testid='wallet-history'], pg-empty"))
                .isEmpty());
        browser.check("wallet-home");
    }

    @Test
    @Order(2)
    void aTopUpFromACardCreditsExactlyTheAmount() {
        browser.go("#/wallet/topup");
        browser.waitFor("[data-testid='wallet-topup'] form");
        browser.type("[data-testid='topup-amount']", "12.34");
        browser.type("[data-testid='topup-number']", Funding.approvedCard());
        browser.type("[data-testid='topup-exp']", "12/31");
        browser.type("[data-testid='topup-cvc']", "737");
        browser.check("wallet-topup");
        browser.click("[data-testid='topup-submit']");
        WebElement result = browser.waitFor(
                "[data-testid='topup-result'][data-credit='credited'] [data-testid='topup-balance']",
                Duration.ofSeconds(60));
        assertThat(minor(result)).isEqualTo(balance + 1234);
        assertThat(browser.value("[data-testid='topup-number']"))
                .as("the card number is not kept")
                .isEmpty();
        assertThat(browser.value("[data-testid='topup-cvc']")).isEmpty();
        browser.check("wallet-topup-done");

        browser.go("#/wallet");
        browser.waitUntil(
                d -> minor(d.findElement(By.cssSelector("[data-testid='wallet-balance'][data-currency='CNY']")))
                        == balance + 1234);
        browser.waitFor("[data-testid='wallet-line'][data-type='top_up']");
        balance += 1234;
    }

    @Test
    @Order(3)
    void aMerchantsQrCodeFedAsAnImageIsUnderstoodAndPaid() throws Exception {
        Path image = merchantQrImage(1_000);
        browser.go("#/wallet/scan");
        browser.waitFor("[data-testid='scan-file']");
        browser.check("wallet-scan");
        browser.upload("[data-testid='scan-file']", image);
        WebElement amount = browser.waitFor("[data-testid='scan-confirm'] [data-testid='scan-amount']");
        assertThat(minor(amount)).isEqualTo(1_000);
        assertThat(browser.text("[data-testid='scan-merchant']")).isEqualTo("demo-merchant-a");
        browser.check("wallet-scan-confirm");
        browser.click("[data-testid='scan-pay']");
        browser.waitFor(
                "[data-testid='wallet-payment'] [data-testid='payment-status'][data-status='succeeded']",
                Duration.ofSeconds(30));
        browser.check("wallet-payment");

        browser.go("#/wallet");
        browser.waitUntil(
                d -> minor(d.findElement(By.cssSelector("[data-testid='wallet-balance'][data-currency='CNY']")))
                        == balance - 1_000);
        balance -= 1_000;
    }

    @Test
    @Order(4)
    void aPaymentAboveTheScaThresholdIsCompletedWithTheOneTimeCodeFromTheMail() throws Exception {
        long amount = 50_001; // payment-service's SCA threshold is 50,000
        if (balance < amount) {
            browser.go("#/wallet");
            String walletId = browser.waitFor("[data-testid='wallet-id']").getText();
            new Funding().topUp(Keycloak.customerSession("alice"), walletId, 40_000, "CNY");
            new Funding().topUp(Keycloak.customerSession("alice"), walletId, 40_000, "CNY");
            balance += 80_000;
        }
        Path image = merchantQrImage(amount);
        browser.go("#/wallet/scan");
        browser.upload("[data-testid='scan-file']", image);
        assertThat(minor(browser.waitFor("[data-testid='scan-amount']"))).isEqualTo(amount);
        Instant sent = Instant.now();
        browser.click("[data-testid='scan-pay']");
        browser.waitFor("[data-testid='payment-status'][data-status='requires_action']", Duration.ofSeconds(30));
        browser.waitFor("[data-testid='wallet-sca'] [data-testid='sca-code']");
        browser.check("wallet-sca");
        String code = Mailbox.code(Mailbox.awaitNewest("alice@demo.payguard.invalid", sent, Duration.ofSeconds(30)));
        browser.type("[data-testid='sca-code']", code);
        browser.click("[data-testid='sca-submit']");
        browser.waitFor("[data-testid='payment-status'][data-status='succeeded']", Duration.ofSeconds(30));
        browser.check("wallet-payment-after-sca");

        browser.go("#/wallet");
        browser.waitUntil(
                d -> minor(d.findElement(By.cssSelector("[data-testid='wallet-balance'][data-currency='CNY']")))
                        == balance - amount);
        balance -= amount;
    }

    @Test
    @Order(5)
    void theOtherScreensOpen() {
        for (String screen : new String[] {"transfer", "code", "authenticators", "consents", "privacy"}) {
            browser.go("#/wallet/" + screen);
            browser.waitFor("[data-testid='wallet-" + screen + "'] h1");
            browser.waitUntil(d -> d.findElements(By.cssSelector("[data-testid='wallet-" + screen + "'] pg-loading p"))
                    .isEmpty());
            browser.check("wallet-" + screen);
        }
    }

    @Test
    @Order(6)
    void myPaymentCodeIsShownWithItsDigits() {
        browser.go("#/wallet/code");
        browser.click("[data-testid='code-show']");
        String digits = browser.waitFor("[data-testid='code-digits']").getText().replace(" ", "");
        assertThat(digits).matches("28\\d{16}");
        browser.check("wallet-code-shown");
    }

    @Test
    @Order(7)
    void aConsentIsGrantedAndWithdrawnWithItsText() {
        browser.go("#/wallet/consents");
        browser.waitFor("[data-testid='consent-marketing']");
        if (!browser.driver()
                .findElements(By.cssSelector("[data-testid='consent-withdraw-marketing']"))
                .isEmpty()) {
            browser.click("[data-testid='consent-withdraw-marketing']");
        }
        browser.click("[data-testid='consent-grant-marketing']");
        browser.waitFor("[data-testid='consent-marketing'][data-status='granted']");
        browser.click("[data-testid='consent-withdraw-marketing']");
        browser.waitFor("[data-testid='consent-marketing'][data-status='withdrawn']");
        browser.check("wallet-consents-changed");
    }

    // ---------------------------------------------------------------------------------------------------- helpers

    private static long minor(WebElement element) {
        return Long.parseLong(element.getAttribute("data-minor"));
    }

    /** A dynamic QR code of demo-merchant-a for the amount, as the PNG payment-service draws; written under target/. */
    private static Path merchantQrImage(long amount) throws Exception {
        String payment = Stack.serviceUrl("payment");
        String token = Keycloak.clientCredentials("demo-merchant-a", Stack.get("PAYGUARD_MERCHANT_A_SECRET"));
        HttpClient client = HttpClient.newHttpClient();
        String body = JSON.writeValueAsString(Map.of(
                "type",
                "dynamic",
                "amount",
                amount,
                "currency",
                "CNY",
                "description",
                "wallet browser test",
                "expires_in",
                300));
        var created = client.send(
                HttpRequest.newBuilder(URI.create(payment + "/v1/qr_codes"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", UUID.randomUUID().toString())
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = JSON.readTree(created.body()).path("id").asText();
        var png = client.send(
                HttpRequest.newBuilder(URI.create(payment + "/v1/qr_codes/" + id + "/image?format=png"))
                        .header("Authorization", "Bearer " + token)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(png.statusCode()).isEqualTo(200);
        Path file = Path.of("target", "wallet-qr-" + id + ".png").toAbsolutePath();
        Files.createDirectories(file.getParent());
        Files.write(file, png.body());
        return file;
    }

    /** The shared harness ({@link Browser}: console, CSP reports, axe-core, screenshots) with this test's waits. */
    static final class Page {
        private final io.payguard.e2e.Browser browser;

        private Page(io.payguard.e2e.Browser browser) {
            this.browser = browser;
        }

        static Page open() {
            return new Page(io.payguard.e2e.Browser.mobile(WalletBrowserIT.class));
        }

        org.openqa.selenium.chrome.ChromeDriver driver() {
            return browser.driver();
        }

        void login(String user) {
            browser.open("/").loginAs(user);
        }

        void go(String hash) {
            browser.open("/" + hash);
        }

        WebElement waitFor(String css) {
            return waitFor(css, Duration.ofSeconds(20));
        }

        WebElement waitFor(String css, Duration timeout) {
            try {
                return new org.openqa.selenium.support.ui.WebDriverWait(driver(), timeout)
                        .until(d -> d.findElements(By.cssSelector(css)).stream()
                                .filter(WebElement::isDisplayed)
                                .findFirst()
                                .orElse(null));
            } catch (org.openqa.selenium.TimeoutException e) {
                throw new AssertionError(
                        "no " + css + " on " + driver().getCurrentUrl() + ": "
                                + driver().findElement(By.tagName("main")).getText(),
                        e);
            }
        }

        void waitUntil(java.util.function.Function<org.openqa.selenium.WebDriver, Boolean> condition) {
            new org.openqa.selenium.support.ui.WebDriverWait(driver(), Duration.ofSeconds(20))
                    .ignoring(org.openqa.selenium.NoSuchElementException.class)
                    .until(condition);
        }

        void click(String css) {
            waitFor(css).click();
        }

        void type(String css, String text) {
            var e = waitFor(css);
            e.clear();
            e.sendKeys(text);
        }

        void upload(String css, Path file) {
            driver().findElement(By.cssSelector(css)).sendKeys(file.toString());
        }

        String value(String css) {
            return driver().findElement(By.cssSelector(css)).getDomProperty("value");
        }

        String text(String css) {
            return driver().findElement(By.cssSelector(css)).getText();
        }

        /** A screenshot (target/screenshots/WalletBrowserIT-<name>.png), a clean console, axe with 0 serious. */
        void check(String name) {
            browser.screenshot(name);
            browser.assertConsoleClean();
            browser.assertAccessible("WalletBrowserIT-" + name);
        }

        void close() {
            browser.close();
        }
    }
}

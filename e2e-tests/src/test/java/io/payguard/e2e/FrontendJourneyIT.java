package io.payguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Issue 19's journey through the three frontends in headless Chromium, against the running suite:
 * <ol>
 *   <li>the merchant (mia, a member of demo-merchant-a) creates a dynamic QR code for 500.01 CNY in the dashboard;
 *   <li>a fresh customer logs in to the wallet, tops up from a card, pays that QR code fed to the page as an image
 *       (above the SCA threshold), completes SCA with the one-time code from her mailbox, and sees the payment and the
 *       exact balance;
 *   <li>the merchant sees the payment succeeded and refunds part of it; the customer's balance grows by exactly that;
 *   <li>the auditor (ada) verifies the audit chain: intact.
 * </ol>
 * Every screen: a screenshot under target/screenshots/, a clean console (no errors, no CSP or Trusted Types violation)
 * and axe-core with no serious or critical violation.
 */
@ExtendWith(BrowserWatcher.class)
class FrontendJourneyIT {

    private static final long PRICE = 50_001; // above payment-service's SCA threshold (50,000)
    private static final long REFUND = 1_001;
    private static final long TOP_UP = 20_000;

    @Test
    void aCustomerPaysAMerchantsQrWithScaTheMerchantRefundsAndTheAuditorVerifiesTheChain() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        var customer =
                Customers.create("journey-" + run, 2, "e2e-journey-" + run, "e2e FrontendJourneyIT", 40_000, 40_000);

        // 1. the merchant's dynamic QR code, drawn by payment-service and shown by the dashboard
        var merchant = Browser.desktop(FrontendJourneyIT.class);
        merchant.open("/").loginAs("mia");
        merchant.testId("merchant-payments");
        check(merchant, "merchant-payments");
        merchant.open("/#/merchant/qr");
        merchant.testId("qr-amount").sendKeys("500.01");
        merchant.testId("qr-description").sendKeys("journey " + run);
        merchant.testId("qr-create").click();
        WebElement image = merchant.testId("qr-image");
        merchant.waiting().until(d -> (Boolean) merchant.driver()
                .executeScript("return arguments[0].complete && arguments[0].naturalWidth >= 256", image));
        String intentId = merchant.testId("qr-result").getAttribute("data-intent");
        assertThat(intentId).startsWith("pi_");
        check(merchant, "merchant-qr");
        Path qr = pngOf(merchant, image, "journey-qr-" + run);

        // 2. the customer: login, top-up, scan, pay, SCA
        var wallet = Browser.mobile(FrontendJourneyIT.class);
        wallet.open("/").loginAs(customer.username());
        wallet.testId("wallet-home");
        long start = balance(wallet);
        assertThat(start).isEqualTo(40_000);
        check(wallet, "wallet-home");

        wallet.open("/#/wallet/topup");
        wallet.testId("topup-amount").sendKeys("200.00");
        wallet.testId("topup-number").sendKeys(Funding.approvedCard());
        wallet.testId("topup-exp").sendKeys("12/31");
        wallet.testId("topup-cvc").sendKeys("737");
        check(wallet, "wallet-topup");
        wallet.testId("topup-submit").click();
        var credited = wallet.waiting()
                .withTimeout(Duration.ofSeconds(60))
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(
                        "[data-testid=topup-result][data-credit=credited] [data-testid=topup-balance]")));
        assertThat(minor(credited)).isEqualTo(start + TOP_UP);
        assertThat(wallet.testId("topup-number").getAttribute("value"))
                .as("the card number is not kept")
                .isEmpty();
        check(wallet, "wallet-topup-done");

        wallet.open("/#/wallet/scan");
        wallet.await("[data-testid=scan-file]");
        wallet.driver().findElement(By.cssSelector("[data-testid=scan-file]")).sendKeys(qr.toString());
        assertThat(minor(wallet.testId("scan-amount"))).isEqualTo(PRICE);
        assertThat(wallet.testId("scan-merchant").getText()).isEqualTo("demo-merchant-a");
        check(wallet, "wallet-scan-confirm");
        Instant sent = Instant.now();
        wallet.testId("scan-pay").click();
        wallet.waiting()
                .withTimeout(Duration.ofSeconds(30))
                .until(ExpectedConditions.visibilityOfElementLocated(
                        By.cssSelector("[data-testid=payment-status][data-status=requires_action]")));
        wallet.await("[data-testid=wallet-sca] [data-testid=sca-code]");
        check(wallet, "wallet-sca");
        String code = Mailbox.code(Mailbox.awaitNewest(customer.email(), sent, Duration.ofSeconds(30)));
        wallet.testId("sca-code").sendKeys(code);
        wallet.testId("sca-submit").click();
        wallet.waiting()
                .withTimeout(Duration.ofSeconds(30))
                .until(ExpectedConditions.visibilityOfElementLocated(
                        By.cssSelector("[data-testid=payment-status][data-status=succeeded]")));
        check(wallet, "wallet-payment");

        wallet.open("/#/wallet");
        wallet.waiting().until(d -> balanceOrMinus(wallet) == start + TOP_UP - PRICE);
        wallet.await("[data-testid=wallet-line]");
        check(wallet, "wallet-home-after");

        // 3. the merchant sees it and refunds 10.01
        merchant.open("/#/merchant/payments");
        String row = "[data-testid=payment-row][data-id='" + intentId + "']";
        merchant.waiting().withTimeout(Duration.ofSeconds(30)).until(d -> {
            merchant.testId("payments-refresh").click();
            return !d.findElements(By.cssSelector(row + " [data-status=succeeded]"))
                    .isEmpty();
        });
        check(merchant, "merchant-payments-paid");
        merchant.driver()
                .findElement(By.cssSelector(row + " [data-testid=payment-link]"))
                .click();
        merchant.testId("merchant-payment");
        merchant.testId("refund-amount").sendKeys("10.01");
        merchant.testId("refund-start").click();
        assertThat(merchant.testId("refund-confirm").getText()).contains("10.01");
        check(merchant, "merchant-refund-confirm");
        merchant.testId("refund-confirm-button").click();
        merchant.waiting()
                .withTimeout(Duration.ofSeconds(30))
                .until(ExpectedConditions.attributeToBe(
                        By.cssSelector("[data-testid=refund-state]"), "data-status", "succeeded"));
        check(merchant, "merchant-refunded");
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(customer.balance()).isEqualTo(start + TOP_UP - PRICE + REFUND));

        // 4. the auditor verifies the chain
        var console = Browser.desktop(FrontendJourneyIT.class);
        console.open("/").loginAs("ada");
        console.testId("console-chain");
        check(console, "console-chain");
        console.testId("console-chain-verify").click();
        console.waiting()
                .withTimeout(Duration.ofSeconds(60))
                .until(ExpectedConditions.attributeToBe(
                        By.cssSelector("[data-testid=console-chain-state]"), "data-state", "intact"));
        assertThat(console.driver().findElements(By.cssSelector("[data-testid=console-chain-break]")))
                .isEmpty();
        check(console, "console-chain-verified");
    }

    @AfterEach
    void closeBrowsers() {
        Browser.open().forEach(Browser::close);
    }

    private static void check(Browser browser, String name) {
        browser.screenshot(name);
        browser.assertConsoleClean();
        browser.assertAccessible("journey-" + name);
    }

    private static long minor(WebElement element) {
        return Long.parseLong(element.getAttribute("data-minor"));
    }

    private static long balance(Browser wallet) {
        return minor(wallet.await("[data-testid=wallet-balance][data-currency=CNY]"));
    }

    private static long balanceOrMinus(Browser wallet) {
        var found = wallet.driver().findElements(By.cssSelector("[data-testid=wallet-balance][data-currency=CNY]"));
        return found.isEmpty() ? -1 : minor(found.get(0));
    }

    /** The QR image as the dashboard shows it, saved as a PNG file (drawn on a canvas: same origin, not tainted). */
    private static Path pngOf(Browser browser, WebElement image, String name) throws Exception {
        String dataUrl = (String) browser.driver()
                .executeScript(
                        "const i = arguments[0]; const c = document.createElement('canvas');"
                                + " c.width = i.naturalWidth; c.height = i.naturalHeight;"
                                + " c.getContext('2d').drawImage(i, 0, 0); return c.toDataURL('image/png');",
                        image);
        byte[] png = Base64.getDecoder().decode(dataUrl.substring(dataUrl.indexOf(',') + 1));
        Path file = Path.of("target", name + ".png").toAbsolutePath();
        Files.createDirectories(file.getParent());
        Files.write(file, png);
        return file;
    }
}

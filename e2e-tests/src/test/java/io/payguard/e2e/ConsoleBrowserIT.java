package io.payguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The compliance and operations console in headless Chromium against the running suite: an operator (otto) changes a
 * customer's KYC tier on the console and the customer's next token carries it, then the auditor (ada) verifies the
 * chain (intact), finds that change in the audit trail and opens the five reports; otto approves a payment held for
 * review and it is captured; the compliance officer (cora) sets and releases a legal hold on the privacy screen; a
 * customer (alice) gets the "not available for your role" page. Each screen: a screenshot, a clean console and axe-core
 * without serious or critical violations.
 */
@ExtendWith(BrowserWatcher.class)
class ConsoleBrowserIT {

    private static final String KYC_CHANGED = "io.payguard.security.customer.kyc_tier_changed.v1";
    private static final List<String> REPORTS = List.of(
            "failed-authentications", "api-key-lifecycle", "personal-data-accesses", "risk-declines", "admin-actions");

    private final Http http = new Http();
    private Browser browser;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    private Browser login(String user) {
        browser = Browser.desktop(ConsoleBrowserIT.class);
        browser.open("/");
        browser.loginAs(user);
        browser.testId("whoami");
        return browser;
    }

    /** Screenshot, clean console, axe: what every screen gets. */
    private void checkScreen(String name) {
        browser.screenshot(name);
        browser.assertConsoleClean();
        browser.assertAccessible("console-" + name);
    }

    private void type(String testId, String text) {
        var input = browser.testId(testId);
        input.clear();
        input.sendKeys(text);
    }

    private void go(String route, String testId) {
        browser.open("/#" + route);
        browser.testId(testId);
    }

    private String subjectOf(Keycloak.DpopSession session) {
        return KycTierIT.claims(session.accessToken()).get("sub").asText();
    }

    @Test
    void anOperatorChangesATierAndTheAuditorVerifiesTheChainFindsTheChangeAndOpensTheReports() {
        String username = "console-" + UUID.randomUUID().toString().substring(0, 8);
        Keycloak.ensureCustomer(username);
        String subject = subjectOf(Keycloak.customerSession(username));
        String evidence = "kyc-case-" + UUID.randomUUID().toString().substring(0, 8);

        login("otto");
        go("/console/kyc", "console-kyc");
        assertThat(browser.driver().findElements(By.cssSelector("[data-testid=nav-console-audit]")))
                .as("no audit entry in an operator's menu")
                .isEmpty();
        type("console-kyc-subject", subject);
        new org.openqa.selenium.support.ui.Select(browser.testId("console-kyc-tier")).selectByValue("2");
        type("console-kyc-evidence", evidence);
        type("console-kyc-reason", "documents checked in the console test");
        browser.testId("console-kyc-next").click();
        browser.testId("console-kyc-confirm").click();
        var result = browser.testId("console-kyc-result");
        assertThat(result.getAttribute("data-changed")).isEqualTo("true");
        assertThat(result.getText()).contains(subject, "1", "2");
        checkScreen("kyc");
        assertThat(KycTierIT.tierClaim(Keycloak.customerSession(username)))
                .as("the customer's next token carries the tier the console set")
                .isEqualTo("2");
        browser.close();

        login("ada");
        browser.testId("console-chain");
        browser.testId("console-chain-head");
        checkScreen("chain");
        browser.testId("console-chain-verify").click();
        var state = browser.testId("console-chain-state");
        assertThat(state.getAttribute("data-state")).isEqualTo("intact");
        assertThat(browser.driver().findElements(By.cssSelector("[data-testid=console-chain-break]")))
                .isEmpty();
        checkScreen("chain-verified");

        go("/console/audit", "console-audit");
        type("console-audit-objectId", subject);
        // the trail is written asynchronously (Kafka, then the chain appender): search until the record is there
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    browser.testId("console-audit-search").click();
                    browser.waiting()
                            .until(ExpectedConditions.or(
                                    ExpectedConditions.visibilityOfElementLocated(
                                            By.cssSelector("[data-testid=console-audit-results]")),
                                    ExpectedConditions.visibilityOfElementLocated(
                                            By.cssSelector("[data-testid=console-audit-empty]"))));
                    assertThat(rowsText("console-audit-row")).anyMatch(row -> row.contains(KYC_CHANGED));
                });
        browser.testId("console-audit-open").click();
        String detail = browser.testId("console-audit-detail").getText();
        assertThat(detail).contains(KYC_CHANGED, subject, "operator", "auth-service");
        checkScreen("audit");

        go("/console/reports", "console-reports");
        for (String report : REPORTS) {
            browser.testId("console-report-" + report).click();
            browser.waiting()
                    .until(d -> report.equals(d.findElement(By.cssSelector("[data-testid=console-report-result]"))
                            .getAttribute("data-report")));
            browser.testId("console-report-count");
        }
        // admin-actions: what operators did, the tier change among it
        assertThat(browser.testId("console-report-table").getText()).contains(subject);
        checkScreen("reports");

        go("/console/access-log", "console-access-log");
        type("console-access-subject", subject);
        browser.testId("console-access-search").click();
        browser.waiting()
                .until(ExpectedConditions.or(
                        ExpectedConditions.visibilityOfElementLocated(
                                By.cssSelector("[data-testid=console-access-table]")),
                        ExpectedConditions.visibilityOfElementLocated(
                                By.cssSelector("[data-testid=console-access-empty]"))));
        checkScreen("access-log");

        go("/console/retention", "console-retention");
        for (String service : List.of("auth", "payment", "wallet", "audit")) {
            browser.await("[data-testid=console-retention-" + service + "] table");
        }
        checkScreen("retention");

        go("/console/reviews", "forbidden");
        checkScreen("auditor-forbidden-reviews");
    }

    private List<String> rowsText(String testId) {
        return browser.driver().findElements(By.cssSelector("[data-testid=" + testId + "]")).stream()
                .map(WebElement::getText)
                .toList();
    }

    @Test
    void anOperatorApprovesAHeldPaymentInTheReviewQueueAndItIsCaptured() throws Exception {
        String username = "console-review-" + UUID.randomUUID().toString().substring(0, 8);
        Keycloak.ensureCustomer(username);
        var customer = Keycloak.customerSession(username);
        String id = ReviewPayments.paymentInReview(customer, subjectOf(customer))
                .get("id")
                .asText();

        login("otto");
        browser.testId("console-reviews");
        String row = "[data-testid=console-review-row][data-id=\"" + id + "\"]";
        // oldest first: page on until the new payment shows
        browser.waiting().until(d -> {
            if (!d.findElements(By.cssSelector(row)).isEmpty()) {
                return true;
            }
            var more = d.findElements(By.cssSelector("[data-testid=console-reviews-more]"));
            if (!more.isEmpty() && more.get(0).isEnabled()) {
                more.get(0).click();
            }
            return false;
        });
        checkScreen("reviews");
        browser.await(row + " [data-testid=console-review-approve]").click();
        type("console-review-reason", "customer confirmed the purchase by phone");
        browser.testId("console-review-next").click();
        browser.testId("console-review-confirm").click();
        var decided = browser.await("[data-testid=console-review-decided][data-id=\"" + id + "\"]");
        assertThat(decided.getText()).contains(id);
        checkScreen("reviews-approved");

        Map<String, String> merchant = ReviewPayments.merchant();
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> {
                    var p = http.send("GET", ReviewPayments.intents() + "/" + id, merchant, null)
                            .json();
                    assertThat(p.get("status").asText()).isEqualTo("succeeded");
                    assertThat(p.get("amount_received").asLong()).isEqualTo(ReviewPayments.ABOVE);
                });
        assertThat(browser.driver().findElements(By.cssSelector(row)))
                .as("out of the queue")
                .isEmpty();

        go("/console/audit", "forbidden");
        checkScreen("operator-forbidden-audit");
    }

    @Test
    void theComplianceOfficerSetsAndReleasesALegalHold() {
        String subject = "e2e-console-" + UUID.randomUUID();
        login("cora");
        go("/console/privacy", "console-privacy");
        browser.waiting()
                .until(ExpectedConditions.or(
                        ExpectedConditions.visibilityOfElementLocated(
                                By.cssSelector("[data-testid=console-dsr-table]")),
                        ExpectedConditions.visibilityOfElementLocated(
                                By.cssSelector("[data-testid=console-dsr-empty]"))));
        type("console-holds-filter", subject);
        type("console-hold-subject", subject);
        type("console-hold-reason", "litigation hold for the console test");
        browser.testId("console-hold-set").click();
        String row = "[data-testid=console-hold-row][data-subject=\"" + subject + "\"]";
        // the list re-renders after the set: find the row afresh until it shows the hold
        browser.waiting()
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> {
                    var hold = d.findElement(By.cssSelector(row));
                    return "false".equals(hold.getAttribute("data-released"))
                            && hold.getDomProperty("textContent").contains("litigation hold for the console test");
                });
        checkScreen("privacy");

        browser.await(row + " [data-testid=console-hold-release]").click();
        type("console-privacy-act-reason", "litigation settled");
        browser.testId("console-privacy-act-next").click();
        browser.testId("console-privacy-act-confirm").click();
        browser.waiting()
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> "true".equals(d.findElement(By.cssSelector(row)).getAttribute("data-released")));
        assertThat(browser.testId("console-privacy-notice").getText()).contains("released");
        checkScreen("privacy-released");
    }

    @Test
    void aCustomerOpeningTheConsoleGetsNotAvailableForTheirRole() {
        login("alice");
        go("/console", "forbidden");
        assertThat(browser.testId("forbidden").getText()).contains("Not available for your role");
        assertThat(browser.driver().findElements(By.cssSelector("[data-testid^=nav-console]")))
                .isEmpty();
        checkScreen("customer-forbidden");
    }
}

package io.payguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import com.deque.html.axecore.selenium.AxeReporter;

/**
 * Headless Debian Chromium ({@code /usr/bin/chromium} through {@code /usr/bin/chromedriver}, never a downloaded one)
 * on the suite's web app (stack.env {@code WEB_URL}, http://localhost:PORT: WebAuthn's relying party is "localhost").
 * A fresh profile per instance; the browser console is kept ({@code goog:loggingPrefs} browser=ALL) and checked by
 * {@link #assertConsoleClean()}; accessibility by axe-core ({@link #assertAccessible(String)}). Waits are
 * {@link WebDriverWait}s, never sleeps. Screenshots go to {@code target/screenshots/<Test>-<name>.png}, axe reports to
 * {@code target/axe/<name>.json}. {@link BrowserWatcher} saves a screenshot and the console of every open browser when
 * a test fails.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Duration WAIT = Duration.ofSeconds(30);
    private static final Path TARGET = Path.of(System.getProperty("payguard.e2e.target", "target"));
    private static final Pattern CSP_COUNTER =
            Pattern.compile("(?m)^payguard_web_csp_violations_total\\{[^}]*}\\s+([0-9.eE+-]+)$");
    /** Browsers open on this thread, for {@link BrowserWatcher}. */
    private static final ThreadLocal<Deque<Browser>> OPEN = ThreadLocal.withInitial(ArrayDeque::new);

    enum Size {
        MOBILE(412, 915),
        DESKTOP(1366, 900);

        final int width;
        final int height;

        Size(int width, int height) {
            this.width = width;
            this.height = height;
        }
    }

    private final String test;
    private final String webUrl;
    private final Path profile;
    private final ChromeDriver driver;
    private final WebDriverWait wait;
    /** Console entries read from the browser and not yet checked. */
    private final List<LogEntry> console = new ArrayList<>();
    /** Everything the console said, for the failure dump. */
    private final List<LogEntry> history = new ArrayList<>();

    private final double cspViolationsAtStart;

    private Browser(Class<?> test, Size size) {
        requireChromium();
        this.test = test.getSimpleName();
        this.webUrl = Stack.get("WEB_URL");
        try {
            this.profile = Files.createTempDirectory("payguard-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--window-size=" + size.width + "," + size.height,
                "--user-data-dir=" + profile);
        var logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        var service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        this.cspViolationsAtStart = cspViolations();
        this.driver = new ChromeDriver(service, options);
        this.wait = new WebDriverWait(driver, WAIT);
        OPEN.get().push(this);
    }

    static Browser mobile(Class<?> test) {
        return new Browser(test, Size.MOBILE);
    }

    static Browser desktop(Class<?> test) {
        return new Browser(test, Size.DESKTOP);
    }

    static List<Browser> open() {
        return List.copyOf(OPEN.get());
    }

    /**
     * Installs Debian's chromium and chromium-driver where they are missing (as root on a Debian-like machine, as the
     * API lint does with Node.js); fails (never skips) where that is impossible: the browser tests are part of verify.
     */
    static synchronized void requireChromium() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            io.payguard.platform.testing.AptPackages.install(
                    TARGET.resolve("apt").toAbsolutePath(), "chromium", "chromium-driver", "fonts-noto-cjk");
        }
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new AssertionError("the browser tests need Debian's Chromium and its driver (" + CHROMIUM + ", "
                    + CHROMEDRIVER + "): run `apt-get install chromium chromium-driver` (.ci/run does it)");
        }
    }

    String webUrl() {
        return webUrl;
    }

    ChromeDriver driver() {
        return driver;
    }

    WebDriverWait waiting() {
        return wait;
    }

    /** Opens a path of the web app ({@code /}, {@code /#/merchant/payments}). */
    Browser open(String path) {
        driver.get(webUrl + path);
        return this;
    }

    /** Waits until an element matching the CSS selector is visible, and returns it. */
    WebElement await(String css) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    /** Waits for {@code [data-testid=<id>]}. */
    WebElement testId(String id) {
        return await("[data-testid=\"" + id + "\"]");
    }

    /**
     * Logs a demo user in through Keycloak's form: clicks the app's login button when the page shows one, fills
     * #username/#password (stack.env PAYGUARD_DEMO_PASSWORD), submits with #kc-login and waits to be back on the app.
     */
    Browser loginAs(String user) {
        if (driver.getCurrentUrl().startsWith(webUrl)) {
            readConsole();
            testId("login").click();
        }
        await("#username").sendKeys(user);
        driver.findElement(By.cssSelector("#password")).sendKeys(Stack.get("PAYGUARD_DEMO_PASSWORD"));
        // Keycloak's own page: what its console said is not the app's
        readConsole();
        console.clear();
        driver.findElement(By.cssSelector("#kc-login")).click();
        wait.until(d -> d.getCurrentUrl().startsWith(webUrl));
        return this;
    }

    /** Saves {@code target/screenshots/<Test>-<name>.png} and returns its path. */
    Path screenshot(String name) {
        Path file = TARGET.resolve("screenshots").resolve(test + "-" + name + ".png");
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println("screenshot " + file);
        return file;
    }

    private void readConsole() {
        var entries = driver.manage().logs().get(LogType.BROWSER).getAll();
        console.addAll(entries);
        history.addAll(entries);
    }

    /**
     * Fails on any SEVERE console entry since the last check (uncaught errors, failed requests, and CSP or Trusted
     * Types refusals: Chromium reports those as "Refused to ..."), and on any CSP violation report the web app counted
     * ({@code /q/metrics} payguard_web_csp_violations_total) since this browser started.
     */
    Browser assertConsoleClean() {
        readConsole();
        var severe = console.stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()
                        || e.getMessage().contains("Refused to "))
                .filter(e -> !answeredProblem(e.getMessage()))
                .map(e -> e.getLevel() + " " + e.getMessage())
                .toList();
        console.clear();
        assertThat(severe)
                .as("browser console errors on %s", driver.getCurrentUrl())
                .isEmpty();
        assertThat(cspViolations())
                .as("CSP violations reported to %s/csp-reports", webUrl)
                .isEqualTo(cspViolationsAtStart);
        return this;
    }

    /**
     * Chromium logs every 4xx answer to a fetch as "Failed to load resource". A 4xx from one of the four services is an
     * RFC 9457 problem the page handles and shows (the wallet, for one, learns a payment's state from a 409); the tests
     * assert such problems where they expect them. Everything else stays an error: 5xx, a failed load of the app's own
     * files, script errors, CSP and Trusted Types refusals.
     */
    private boolean answeredProblem(String message) {
        if (!message.contains("Failed to load resource: the server responded with a status of 4")) {
            return false;
        }
        return SERVICES.stream().anyMatch(service -> message.startsWith(Stack.serviceUrl(service) + "/"));
    }

    private static final List<String> SERVICES = List.of("auth", "payment", "wallet", "audit");

    /** The web app's count of CSP violation reports (all directives), 0 before the first. */
    double cspViolations() {
        var r = new Http().get(webUrl + "/q/metrics", Map.of("Accept", "text/plain"));
        assertThat(r.status()).as("%s/q/metrics", webUrl).isEqualTo(200);
        double total = 0;
        Matcher m = CSP_COUNTER.matcher(r.body());
        while (m.find()) {
            total += Double.parseDouble(m.group(1));
        }
        return total;
    }

    /**
     * axe-core on the page as it is: fails on any violation of impact serious or critical; writes the full result to
     * {@code target/axe/<name>.json} and prints one line.
     */
    Results assertAccessible(String name) {
        readConsole();
        Results results = new AxeBuilder().analyze(driver);
        Path file = TARGET.resolve("axe").resolve(name + ".json");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, AxeReporter.serialize(results));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Rule> blocking = results.getViolations().stream()
                .filter(v -> "serious".equals(v.getImpact()) || "critical".equals(v.getImpact()))
                .toList();
        System.out.printf(
                "axe %s: %d violations (%d serious/critical), %d passes, %d incomplete -> %s%n",
                name,
                results.getViolations().size(),
                blocking.size(),
                results.getPasses().size(),
                results.getIncomplete().size(),
                file);
        assertThat(blocking.stream()
                        .map(v -> v.getImpact() + " " + v.getId() + ": " + v.getHelp() + " ("
                                + v.getNodes().size() + " elements)")
                        .toList())
                .as("axe-core serious/critical violations on %s (full report %s)", name, file)
                .isEmpty();
        return results;
    }

    /** The console so far, for a failure report. */
    String consoleDump() {
        try {
            readConsole();
        } catch (RuntimeException e) {
            return "(console unavailable: " + e + ")";
        }
        var sb = new StringBuilder();
        history.forEach(
                e -> sb.append(e.getLevel()).append(' ').append(e.getMessage()).append('\n'));
        return sb.toString();
    }

    @Override
    public void close() {
        OPEN.get().remove(this);
        try {
            driver.quit();
        } finally {
            deleteProfile();
        }
    }

    private void deleteProfile() {
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            // a leftover temp profile is harmless
        }
    }
}

package io.payguard.e2e;

import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * On a failed test, before its browsers close ({@code @AfterEach}, try-with-resources), every {@link Browser} still
 * open on the test's thread saves a screenshot ({@code target/screenshots/<Test>-failure-<method>.png}) and its
 * console goes to the test's output. Register with {@code @ExtendWith(BrowserWatcher.class)}.
 */
final class BrowserWatcher implements AfterTestExecutionCallback {

    @Override
    public void afterTestExecution(ExtensionContext context) {
        if (context.getExecutionException().isEmpty()) {
            return;
        }
        String method = context.getTestMethod().map(m -> m.getName()).orElse("test");
        for (Browser browser : Browser.open()) {
            try {
                browser.screenshot("failure-" + method);
            } catch (RuntimeException e) {
                System.out.println("no failure screenshot: " + e);
            }
            System.out.println("--- browser console (" + method + ") ---\n" + browser.consoleDump() + "---");
        }
    }
}

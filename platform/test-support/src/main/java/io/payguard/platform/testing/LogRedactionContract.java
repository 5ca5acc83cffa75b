package io.payguard.platform.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.handlers.ConsoleHandler;
import org.junit.jupiter.api.Test;

/**
 * No personal or card data reaches a service's log in clear, checked from the outside in each service's
 * {@code @QuarkusTest}: a PAN, a CVV, a secret, a phone, an e-mail and an ID number logged through the service's own
 * logger category (message, parameters, an exception chain, the MDC) are captured as the service's console handler
 * writes them, after its filters and formatter, and must come out masked. What installs the filter is the service's
 * configuration (platform/redaction's defaults via platform/web), so a service that lost it fails here.
 */
public abstract class LogRedactionContract {

    static final String PAN = "6222021234561236";
    static final String SPACED_PAN = "4111 1111 1111 1111";
    static final String PHONE = "13812345678";
    static final String EMAIL = "alice.liu@example.com";
    static final String ID = "11010519491231002X";

    /** A logger category of the service's own code (its log level lets INFO through). */
    protected abstract String category();

    @Test
    void personalAndCardDataLoggedByTheServiceAreMaskedOnItsConsole() throws IOException {
        var log = Logger.getLogger(category());
        String out;
        try (var capture = ConsoleCapture.start()) {
            log.infof(
                    "charge of card %s (cvv=%s) for %s, %s, id %s, client_secret=%s",
                    PAN, "987", PHONE, EMAIL, ID, "s3cr3t-value");
            MDC.put("customerPhone", PHONE);
            try {
                log.error(
                        "payment failed",
                        new RuntimeException(
                                "acquirer refused " + SPACED_PAN, new IllegalStateException("token=tok-9f8e7d6c5b")));
            } finally {
                MDC.remove("customerPhone");
            }
            out = capture.output();
        }
        assertThat(out)
                .as("the lines reached the console")
                .contains("charge of card", "payment failed", "IllegalStateException");
        assertThat(out)
                .contains(
                        "622202******1236",
                        "411111******1111",
                        "138****5678",
                        "a***@example.com",
                        "1****************X",
                        "cvv=***",
                        "client_secret=***",
                        "token=***");
        for (String secret : List.of(
                PAN, SPACED_PAN, "4111111111111111", PHONE, EMAIL, ID, "987)", "s3cr3t-value", "tok-9f8e7d6c5b")) {
            assertThat(out).as("console output must not contain %s", secret).doesNotContain(secret);
        }
    }

    /**
     * Tees what the service's console handler writes into a buffer (and on to standard output) while it is open; closing
     * it gives the handler back its standard-output target (Quarkus' default, {@code quarkus.log.console.stderr=false}).
     */
    static final class ConsoleCapture implements AutoCloseable {

        private final ConsoleHandler console;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

        private ConsoleCapture(ConsoleHandler console) {
            this.console = console;
            PrintStream stdout = System.out;
            console.setOutputStream(new FilterOutputStream(buffer) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    buffer.write(b, off, len);
                    stdout.write(b, off, len);
                }

                @Override
                public void write(int b) {
                    buffer.write(b);
                    stdout.write(b);
                }

                @Override
                public void close() {
                    stdout.flush();
                }
            });
        }

        static ConsoleCapture start() {
            List<java.util.logging.Handler> handlers = new ArrayList<>();
            var pending = new ArrayDeque<>(
                    List.of(LogContext.getLogContext().getLogger("").getHandlers()));
            while (!pending.isEmpty()) {
                var handler = pending.pop();
                handlers.add(handler);
                if (handler instanceof ExtHandler ext) {
                    pending.addAll(List.of(ext.getHandlers()));
                }
            }
            var console = handlers.stream()
                    .filter(ConsoleHandler.class::isInstance)
                    .map(ConsoleHandler.class::cast)
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("the service has no console log handler"));
            return new ConsoleCapture(console);
        }

        String output() {
            console.flush();
            return buffer.toString(StandardCharsets.UTF_8);
        }

        @Override
        public void close() {
            console.setTarget(ConsoleHandler.Target.SYSTEM_OUT);
        }
    }
}

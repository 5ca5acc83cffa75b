package io.payguard.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The processes of the suite ./dev started (its pid files under {@code <PAYGUARD_HOME>/pids}): SIGKILL one of them and
 * have ./dev start it again. Used by the fault tests; they only ever touch the stack named by {@code payguard.stack.env}.
 */
final class StackProcesses {

    private StackProcesses() {}

    /** SIGKILLs a component ({@code payment-service}, {@code kafka}, {@code postgres}, ...) and waits until it is gone. */
    static void kill(String component) {
        Path pidFile = home().resolve("pids").resolve(component + ".pid");
        long pid;
        try {
            pid = Long.parseLong(Files.readString(pidFile).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("no pid for " + component, e);
        }
        var process = ProcessHandle.of(pid)
                .orElseThrow(() -> new IllegalStateException(component + " (pid " + pid + ") is not running"));
        process.destroyForcibly(); // SIGKILL
        await().atMost(Duration.ofSeconds(10)).until(() -> !process.isAlive());
    }

    /**
     * {@code ./dev up --no-build}: starts what is not running and waits until every component is ready. A PostgreSQL
     * killed with SIGKILL can leave backends that hold its shared memory for a moment: then the start is tried again.
     */
    static void up() {
        await().atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofSeconds(2))
                .until(StackProcesses::devUp);
    }

    private static boolean devUp() throws IOException, InterruptedException {
        var pb = new ProcessBuilder(devScript().toString(), "up", "--no-build")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home().resolve("logs")
                        .resolve("fault-injection-dev-up.log")
                        .toFile()));
        pb.environment().put("PAYGUARD_HOME", home().toString());
        pb.environment().put("PAYGUARD_PORT_OFFSET", Integer.toString(portOffset()));
        var p = pb.start();
        if (!p.waitFor(6, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return false;
        }
        return p.exitValue() == 0;
    }

    /** The suite's PAYGUARD_HOME: the directory of its stack.env. */
    static Path home() {
        return Path.of(System.getProperty("payguard.stack.env", ".dev/stack.env"))
                .toAbsolutePath()
                .getParent();
    }

    private static Path devScript() {
        String configured = System.getProperty("payguard.dev.script");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path here = Path.of("").toAbsolutePath();
        return Files.exists(here.resolve("dev"))
                ? here.resolve("dev")
                : here.getParent().resolve("dev");
    }

    private static int portOffset() {
        return URI.create(Stack.serviceUrl("payment")).getPort() - 8082;
    }
}

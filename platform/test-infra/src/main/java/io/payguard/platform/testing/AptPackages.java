package io.payguard.platform.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Like {@code ./dev} with xz-utils: tools a test needs from the distribution (Node.js for the API lint, Chromium for
 * the browser tests) are installed with apt-get when the build runs as root on a Debian-like machine, refreshing the
 * package lists once if the first attempt fails. Anywhere else the caller fails with its own instructions.
 */
public final class AptPackages {

    private AptPackages() {}

    /** Installs the packages; true when apt-get succeeded, false where it cannot be used or failed (see the logs). */
    public static synchronized boolean install(Path logDir, String... packages) {
        boolean root = "root".equals(System.getProperty("user.name"));
        if (!root || !Files.isExecutable(Path.of("/usr/bin/apt-get"))) {
            return false;
        }
        System.out.println("[apt-get] installing " + String.join(" ", packages) + " (once; log in " + logDir + ")");
        List<String> install = new ArrayList<>(List.of("apt-get", "install", "-y", "-q", "--no-install-recommends"));
        install.addAll(List.of(packages));
        try {
            Files.createDirectories(logDir);
            Path log = logDir.resolve("apt-get.log");
            if (run(logDir, log, install) == 0) {
                return true;
            }
            return run(logDir, logDir.resolve("apt-get-update.log"), List.of("apt-get", "update", "-q")) == 0
                    && run(logDir, log, install) == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Runs a command in {@code dir} with its output in {@code output} and its errors appended to {@code stderr.log}
     * there; gives up after 10 minutes. Also the API lint's runner (Node.js, npm, Spectral).
     */
    public static int run(Path dir, Path output, List<String> command) throws IOException {
        var builder = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectOutput(output.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(
                        dir.resolve("stderr.log").toFile()));
        builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
        var process = builder.start();
        try {
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish in 10 minutes");
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}

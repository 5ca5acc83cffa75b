package io.payguard.platform.testing.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Lints an OpenAPI document with the Spectral CLI, {@code spectral:oas} and the OWASP API Security ruleset (the
 * checked-in {@code payguard.spectral.yaml}). Spectral is a Node.js program: it is installed with npm, at the pinned
 * versions below, once into {@code ~/.cache/payguard/spectral/<versions>} (outside the repository; override the root
 * with {@code PAYGUARD_SPECTRAL_HOME}) and reused. Without node and npm on the PATH this fails, saying how to get them;
 * it never skips.
 */
public final class OpenApiLint {

    public static final String SPECTRAL_CLI = "6.16.3";
    public static final String OWASP_RULESET = "2.0.1";
    static final String RULESET = "payguard.spectral.yaml";

    /** One finding: the rule, its severity ({@code error}, {@code warn}, {@code info}, {@code hint}), where, what. */
    public record Finding(String rule, String severity, String path, String message) {
        @Override
        public String toString() {
            return severity + " " + rule + " at " + path + ": " + message;
        }
    }

    private static final String[] SEVERITIES = {"error", "warn", "info", "hint"};
    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenApiLint() {}

    /** The findings of both rulesets on {@code document} (JSON or YAML). */
    public static List<Finding> lint(Path document) {
        Path home = install();
        try {
            // the ruleset must sit beside node_modules for Spectral to resolve the OWASP package it extends
            Path ruleset = Files.createTempFile(home, "payguard-", ".spectral.yaml");
            try (InputStream in = OpenApiLint.class.getResourceAsStream(RULESET)) {
                Files.copy(in, ruleset, StandardCopyOption.REPLACE_EXISTING);
            }
            Path out = Files.createTempFile("spectral", ".json");
            var result = run(
                    home,
                    out,
                    home.resolve("node_modules/.bin/spectral").toString(),
                    "lint",
                    "--format",
                    "json",
                    "--quiet",
                    "--ruleset",
                    ruleset.toString(),
                    document.toAbsolutePath().toString());
            String json = Files.readString(out, StandardCharsets.UTF_8).trim();
            Files.deleteIfExists(out);
            Files.deleteIfExists(ruleset);
            // Spectral exits 1 when it found errors; anything that is not a JSON array is a failure to lint
            if (!json.startsWith("[")) {
                throw new AssertionError("Spectral did not lint " + document + " (exit " + result + "): " + json);
            }
            return parse(JSON.readTree(json));
        } catch (IOException e) {
            throw new AssertionError("could not run Spectral: " + e.getMessage(), e);
        }
    }

    static List<Finding> parse(JsonNode results) {
        List<Finding> findings = new ArrayList<>();
        for (JsonNode r : results) {
            List<String> segments = new ArrayList<>();
            r.path("path").forEach(s -> segments.add(s.asText()));
            int severity = r.path("severity").asInt(0);
            findings.add(new Finding(
                    r.path("code").asText(),
                    SEVERITIES[Math.min(Math.max(severity, 0), 3)],
                    String.join(">", segments),
                    r.path("message").asText()));
        }
        return findings;
    }

    /** The Spectral installation of the pinned versions, installed with npm if it is not there yet. */
    static synchronized Path install() {
        String root = System.getenv("PAYGUARD_SPECTRAL_HOME");
        Path base = root != null ? Path.of(root) : Path.of(System.getProperty("user.home"), ".cache/payguard/spectral");
        Path home = base.resolve("cli-" + SPECTRAL_CLI + "_owasp-" + OWASP_RULESET);
        Path done = home.resolve(".installed");
        if (Files.exists(done)) {
            return home;
        }
        try {
            Files.createDirectories(home);
            // several test JVMs may get here at once: one installs, the others wait for it
            try (FileChannel lock = FileChannel.open(
                            home.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    var held = lock.lock()) {
                if (Files.exists(done)) {
                    return home;
                }
                requireNode(home);
                Files.writeString(home.resolve("package.json"), "{\"private\": true}\n");
                Path log = home.resolve("npm-install.log");
                int exit = run(
                        home,
                        log,
                        "npm",
                        "install",
                        "--no-audit",
                        "--no-fund",
                        "--ignore-scripts",
                        "--save-exact",
                        "@stoplight/spectral-cli@" + SPECTRAL_CLI,
                        "@stoplight/spectral-owasp-ruleset@" + OWASP_RULESET);
                if (exit != 0) {
                    throw new AssertionError("npm could not install Spectral into " + home + " (exit " + exit + "):\n"
                            + Files.readString(log));
                }
                Files.writeString(done, SPECTRAL_CLI + " " + OWASP_RULESET + "\n");
                return home;
            }
        } catch (IOException e) {
            throw new AssertionError("could not install Spectral into " + home + ": " + e.getMessage(), e);
        }
    }

    private static void requireNode(Path home) {
        String missing = missingTool(home);
        if (missing != null && installNodeWithApt(home)) {
            missing = missingTool(home);
        }
        if (missing != null) {
            throw new AssertionError(missing + " is not on the PATH: the OpenAPI lint runs Spectral, a Node.js program."
                    + " Install Node.js 20 or later with npm (Debian/Ubuntu: apt-get install -y nodejs npm) and run"
                    + " the build again; Spectral itself is then installed with npm into " + home);
        }
    }

    private static String missingTool(Path home) {
        for (String tool : new String[] {"node", "npm"}) {
            try {
                if (run(home, home.resolve(tool + "-version.txt"), tool, "--version") != 0) {
                    return tool;
                }
            } catch (IOException e) {
                return tool;
            }
        }
        return null;
    }

    private static boolean installNodeWithApt(Path home) {
        return io.payguard.platform.testing.AptPackages.install(home, "nodejs", "npm");
    }

    private static int run(Path dir, Path output, String... command) throws IOException {
        return io.payguard.platform.testing.AptPackages.run(dir, output, java.util.List.of(command));
    }
}

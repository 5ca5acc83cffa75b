package io.payguard.platform.web.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;

/**
 * Launch diagnostics (e2e-tests ManifestLaunchIT): which configuration-looking environment variables
 * ({@code QUARKUS_*}, {@code PAYGUARD_*}, {@code KAFKA_*}, {@code MP_*}) no configuration lookup of this process asked
 * for, so a deployment that sets a name the code does not read is caught by running the code. Off, and a plain
 * pass-through, unless the JVM is started with {@code -Dpayguard.config.unread-env-report=<file>}; the file is written
 * when the JVM exits (one name a line).
 */
public class UnreadEnvironmentReport implements ConfigSourceInterceptor {

    private static final String REPORT = System.getProperty("payguard.config.unread-env-report");
    private static final List<String> PREFIXES = List.of("QUARKUS_", "PAYGUARD_", "KAFKA_", "MP_");
    private static final Set<String> ASKED = ConcurrentHashMap.newKeySet();

    static {
        if (REPORT != null) {
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(UnreadEnvironmentReport::write));
        }
    }

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        if (REPORT != null) {
            ASKED.add(envName(name));
        }
        return context.proceed(name);
    }

    /** The environment variable SmallRye Config reads for a property: upper case, every other character an underscore. */
    static String envName(String property) {
        StringBuilder env = new StringBuilder(property.length());
        for (char c : property.toCharArray()) {
            env.append(Character.isLetterOrDigit(c) && c < 128 ? Character.toUpperCase(c) : '_');
        }
        return env.toString().toUpperCase(Locale.ROOT);
    }

    private static void write() {
        var unread = System.getenv().keySet().stream()
                .filter(n -> PREFIXES.stream().anyMatch(n::startsWith))
                .filter(n -> !ASKED.contains(n))
                .sorted()
                .toList();
        try {
            Files.write(Path.of(REPORT), unread);
        } catch (IOException e) {
            System.err.println("payguard.config.unread-env-report: cannot write " + REPORT + ": " + e);
        }
    }
}

package io.payguard.deploy.k8s;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a service's packaged configuration says, read from the sources the way the running service layers it: the
 * platform modules' META-INF/microprofile-config.properties first, its own application.properties over them. Only
 * the profile a container runs (prod) is kept: %prod.* keys replace their plain twins, %dev/%test keys are dropped.
 */
final class ServiceConfig {

    static final List<String> SERVICES = List.of("auth-service", "payment-service", "wallet-service", "audit-service");
    /** The platform modules in dependency order (a module's own settings layer over those of the modules it uses). */
    static final List<String> PLATFORM_MODULES = List.of("kernel", "redaction", "messaging", "web", "protection");

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}:]+)(?::[^}]*)?}");

    private ServiceConfig() {}

    static Path platformConfig(String module) {
        return HelmChart.repoDir()
                .resolve("platform")
                .resolve(module)
                .resolve("src/main/resources/META-INF/microprofile-config.properties");
    }

    static Path serviceConfig(String service) {
        return HelmChart.repoDir().resolve(service).resolve("src/main/resources/application.properties");
    }

    /** All keys of one properties file as written (profile prefixes kept). */
    static Properties read(Path file) {
        Properties p = new Properties();
        if (Files.exists(file)) {
            try (Reader r = Files.newBufferedReader(file)) {
                p.load(r);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return p;
    }

    private static final Pattern DEPENDENCY = Pattern.compile(
            "<dependency>\\s*<groupId>io\\.payguard</groupId>\\s*<artifactId>payguard-([a-z-]+)</artifactId>(.*?)</dependency>",
            Pattern.DOTALL);

    /**
     * The platform modules on a service's run-time class path, read from the poms (compile-scope payguard-*
     * dependencies, transitively): only their configuration and sources are names the service can read.
     */
    static List<String> platformModules(String service) {
        java.util.Set<String> found = new java.util.HashSet<>();
        java.util.Deque<Path> poms = new java.util.ArrayDeque<>(
                List.of(HelmChart.repoDir().resolve(service).resolve("pom.xml")));
        while (!poms.isEmpty()) {
            String pom;
            try {
                pom = Files.readString(poms.pop());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Matcher m = DEPENDENCY.matcher(pom);
            while (m.find()) {
                String module = m.group(1);
                boolean runtime = !m.group(2).matches("(?s).*<scope>(test|provided)</scope>.*");
                if (runtime && PLATFORM_MODULES.contains(module) && found.add(module)) {
                    poms.push(HelmChart.repoDir()
                            .resolve("platform")
                            .resolve(module)
                            .resolve("pom.xml"));
                }
            }
        }
        return PLATFORM_MODULES.stream().filter(found::contains).toList();
    }

    /** The prod-profile view of a service's configuration. */
    static Map<String, String> prod(String service) {
        Map<String, String> plain = new LinkedHashMap<>();
        Map<String, String> prod = new LinkedHashMap<>();
        for (String module : platformModules(service)) {
            layer(read(platformConfig(module)), plain, prod);
        }
        layer(read(serviceConfig(service)), plain, prod);
        plain.putAll(prod);
        return plain;
    }

    private static void layer(Properties p, Map<String, String> plain, Map<String, String> prod) {
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith("%prod.")) {
                prod.put(key.substring("%prod.".length()), p.getProperty(key));
            } else if (!key.startsWith("%")) {
                plain.put(key, p.getProperty(key));
            }
        }
    }

    /** Resolves ${name} references against the same configuration; an unknown reference is left as is. */
    static String resolve(Map<String, String> config, String value) {
        String current = value;
        for (int i = 0; i < 10 && current != null; i++) {
            Matcher m = REFERENCE.matcher(current);
            StringBuilder out = new StringBuilder();
            boolean changed = false;
            while (m.find()) {
                String replacement = config.get(m.group(1));
                if (replacement != null) {
                    changed = true;
                    m.appendReplacement(out, Matcher.quoteReplacement(replacement));
                } else {
                    m.appendReplacement(out, Matcher.quoteReplacement(m.group()));
                }
            }
            m.appendTail(out);
            current = out.toString();
            if (!changed) {
                break;
            }
        }
        return current;
    }

    /** Every main Java source of a module, concatenated (for string-literal look-ups). */
    static String mainSources(Path module) {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(module.resolve("src/main/java"))) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                all.append(Files.readString(f)).append('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all.toString();
    }
}

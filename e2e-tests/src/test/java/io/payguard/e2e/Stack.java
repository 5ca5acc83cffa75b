package io.payguard.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The running suite as ./dev describes it in stack.env (URLs and this machine's generated demo secrets). */
final class Stack {

    private static Map<String, String> values;

    private Stack() {}

    static synchronized String get(String key) {
        if (values == null) {
            String file = System.getProperty(
                    "payguard.stack.env", System.getenv().getOrDefault("PAYGUARD_STACK_ENV", ".dev/stack.env"));
            try {
                values = new HashMap<>();
                for (String line : Files.readAllLines(Path.of(file))) {
                    int eq = line.indexOf('=');
                    if (eq > 0 && !line.startsWith("#")) {
                        values.put(
                                line.substring(0, eq).trim(),
                                line.substring(eq + 1).trim());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "the suite is not running: no " + file + " (the e2e build starts it with ./dev up)", e);
            }
        }
        String v = values.get(key);
        if (v == null) {
            throw new IllegalStateException(key + " missing from stack.env");
        }
        return v;
    }

    static String serviceUrl(String service) {
        return get(service.toUpperCase() + "_SERVICE_URL");
    }

    static String keycloak() {
        return get("KEYCLOAK_URL") + "/realms/" + get("KEYCLOAK_REALM");
    }
}

package io.payguard.platform.testing;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.payguard.platform.web.ProblemException;
import io.payguard.platform.web.StrictNumbersCustomizer;
import io.payguard.platform.web.StrictStringsCustomizer;

/**
 * The generic fuzz target of a service's request models (issue 14): every record a Jakarta REST resource of the service
 * takes as its body, read from fuzzed JSON with the ObjectMapper the service runs with. The only refusals allowed are the
 * ones the web layer answers with a 4xx RFC 9457 problem: a {@link JsonProcessingException} (400 {@code malformed_json},
 * {@code unknown_field}; a record constructor's own refusal arrives wrapped in one) or a {@link ProblemException} with a
 * 4xx status. Anything else (a NullPointerException, a StackOverflowError, ...) is a finding.
 * <p>
 * Plain Java on purpose: the service's fuzz test (Jazzer) picks the model and the JSON and calls {@link #read}. The
 * models are found lazily on the first call, so they load after Jazzer's agent and get its coverage instrumentation.
 */
public final class RequestModelFuzzer {

    private static final Set<String> HTTP_METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
    private static final String JAX_RS = "jakarta.ws.rs.";

    private final Class<?> anchor;
    private volatile List<Class<?>> models;
    private final ObjectMapper mapper = serviceMapper();

    /** {@code anchor}: any class of the service; its root package ({@code io.payguard.<service>}) is scanned in its class folder. */
    public RequestModelFuzzer(Class<?> anchor) {
        this.anchor = anchor;
    }

    /**
     * Quarkus' ObjectMapper as every PayGuard service configures it: the modules on the classpath, ISO dates,
     * {@code quarkus.jackson.fail-on-unknown-properties=true} (platform/web's shared configuration) and the
     * platform's customizers (strict numbers, no control characters in strings).
     */
    public static ObjectMapper serviceMapper() {
        var mapper = JsonMapper.builder()
                .findAndAddModules()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .build();
        new StrictNumbersCustomizer().customize(mapper);
        new StrictStringsCustomizer().customize(mapper);
        return mapper;
    }

    public List<Class<?>> models() {
        if (models == null) {
            models = scan(anchor);
        }
        return models;
    }

    /**
     * Reads {@code json} as the request model number {@code pick} (modulo their count) and returns it, or null when it is
     * refused the way the web layer answers with a 4xx problem.
     *
     * @throws AssertionError for any other failure: a finding
     */
    public Object read(int pick, String json) {
        var all = models();
        Class<?> type = all.get(Math.floorMod(pick, all.size()));
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            return null;
        } catch (ProblemException e) {
            if (e.status() < 400 || e.status() >= 500) {
                throw new AssertionError(type.getSimpleName() + ": refused with status " + e.status(), e);
            }
            return null;
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            throw new AssertionError(
                    type.getSimpleName() + ": " + e.getClass().getName() + " is not a documented refusal", e);
        }
    }

    /** The body types of the service's resource methods: records (and other types) without a Jakarta REST annotation. */
    static List<Class<?>> scan(Class<?> anchor) {
        String root = String.join(
                ".",
                java.util.Arrays.asList(anchor.getPackageName().split("\\.")).subList(0, 3));
        List<Class<?>> found = new ArrayList<>();
        for (Class<?> c : classesUnder(anchor, root)) {
            if (!c.isAnnotationPresent(jakarta.ws.rs.Path.class)) {
                continue;
            }
            for (var m : c.getMethods()) {
                if (Stream.of(m.getAnnotations())
                        .noneMatch(a -> HTTP_METHODS.contains(a.annotationType().getSimpleName())
                                && a.annotationType().getName().startsWith(JAX_RS))) {
                    continue;
                }
                for (var p : m.getParameters()) {
                    boolean annotated = Stream.of(p.getAnnotations())
                            .map(Annotation::annotationType)
                            .anyMatch(t -> t.getName().startsWith(JAX_RS));
                    Class<?> t = p.getType();
                    if (!annotated && t.getPackageName().startsWith(root) && !found.contains(t)) {
                        found.add(t);
                    }
                }
            }
        }
        if (found.isEmpty()) {
            throw new IllegalStateException("no request models under " + root);
        }
        found.sort(Comparator.comparing(Class::getName));
        return List.copyOf(found);
    }

    private static List<Class<?>> classesUnder(Class<?> anchor, String root) {
        try {
            Path base = Path.of(
                    anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path dir = base.resolve(root.replace('.', '/'));
            List<Class<?>> classes = new ArrayList<>();
            try (var files = Files.walk(dir)) {
                for (Path f : files.filter(f -> f.toString().endsWith(".class"))
                        .sorted()
                        .toList()) {
                    String name =
                            base.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
                    try {
                        classes.add(Class.forName(name, false, anchor.getClassLoader()));
                    } catch (LinkageError e) {
                        // a class whose optional dependency is absent from the test classpath cannot be a resource here
                    }
                }
            }
            return classes;
        } catch (IOException | URISyntaxException | ClassNotFoundException e) {
            throw new IllegalStateException("cannot list the classes of " + root, e);
        }
    }
}

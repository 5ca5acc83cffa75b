package io.payguard.platform.protection.classification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.stream.Stream;

/**
 * Test-time classification check: scans every class of a package tree and reports fields that look
 * personal (by name, or by the name of their type) but carry no {@link Classified}. Services call
 * {@link #assertAllPersonalFieldsClassified(String)} from one JUnit test so an unclassified API model or
 * entity fails the build.
 *
 * <p>The heuristics deliberately err towards flagging: a false positive is fixed by stating
 * {@code @Classified(level = C1, kind = INTERNAL)}, which documents the decision in the code.
 */
public final class ClassificationCheck {

    /** Name words (camel case and underscores split, lower-cased) that suggest personal or authentication data. */
    private static final Set<String> PERSONAL_WORDS = Set.of(
            "pan",
            "phone",
            "mobile",
            "msisdn",
            "telephone",
            "tel",
            "email",
            "mail",
            "name",
            "surname",
            "passport",
            "ssn",
            "address",
            "street",
            "postcode",
            "zipcode",
            "zip",
            "city",
            "birthday",
            "birthdate",
            "dob",
            "birth",
            "balance",
            "cvv",
            "cvc",
            "cvn",
            "cvv2",
            "pin",
            "password",
            "passwd",
            "otp",
            "secret",
            "iban",
            "username");

    /** Adjacent word pairs that together suggest personal data ({@code cardNumber}, {@code idNo}). */
    private static final Set<String> PERSONAL_PAIRS = Set.of(
            "cardnumber",
            "cardno",
            "accountnumber",
            "accountno",
            "idnumber",
            "idno",
            "idcard",
            "nationalid",
            "taxid",
            "securitycode",
            "ipaddress",
            "holdername");

    /** Qualifiers that make "name" technical: {@code fileName}, {@code className}, {@code topicName}. */
    private static final Set<String> TECHNICAL_QUALIFIERS = Set.of(
            "file",
            "class",
            "host",
            "type",
            "table",
            "column",
            "event",
            "channel",
            "topic",
            "key",
            "queue",
            "service",
            "realm",
            "role",
            "application",
            "app",
            "bucket",
            "job",
            "metric",
            "header",
            "param",
            "field");

    private ClassificationCheck() {}

    /** One unclassified field that looks personal. */
    public record Finding(String className, String field, String reason) {
        @Override
        public String toString() {
            return className + "." + field + " (" + reason + ")";
        }
    }

    public static void assertAllPersonalFieldsClassified(String basePackage) {
        List<Finding> findings = findUnclassified(basePackage);
        if (!findings.isEmpty()) {
            var message = new StringBuilder(
                    "Fields that look personal but carry no @Classified (add "
                            + "@Classified(level = C2, kind = ...) or, if not personal, @Classified(level = C1, kind = INTERNAL)):");
            findings.forEach(f -> message.append("\n  ").append(f));
            throw new AssertionError(message.toString());
        }
    }

    public static List<Finding> findUnclassified(String basePackage) {
        var findings = new ArrayList<Finding>();
        for (Class<?> type : classesUnder(basePackage)) {
            findings.addAll(check(type));
        }
        findings.sort(Comparator.comparing(Finding::className).thenComparing(Finding::field));
        return findings;
    }

    /** Checks one class's declared instance fields. */
    public static List<Finding> check(Class<?> type) {
        if (type.isAnnotation() || type.isSynthetic()) {
            return List.of();
        }
        var findings = new ArrayList<Finding>();
        for (Field field : type.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers())
                    || field.isSynthetic()
                    || field.getName().contains("$")) {
                continue;
            }
            if (isClassified(type, field)) {
                continue;
            }
            String name = field.getName();
            Class<?> fieldType = field.getType().isArray() ? field.getType().getComponentType() : field.getType();
            String typeName = fieldType.getSimpleName();
            if (looksPersonal(name)) {
                findings.add(new Finding(type.getName(), field.getName(), "name looks personal"));
            } else if (!fieldType.isPrimitive()
                    && !fieldType.getName().startsWith("java.")
                    && looksPersonal(typeName)) {
                findings.add(new Finding(
                        type.getName(), field.getName(), "type " + fieldType.getSimpleName() + " looks personal"));
            }
        }
        return findings;
    }

    static boolean looksPersonal(String javaName) {
        List<String> words = words(javaName);
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (PERSONAL_WORDS.contains(word)
                    && !(word.equals("name") && i > 0 && TECHNICAL_QUALIFIERS.contains(words.get(i - 1)))) {
                return true;
            }
            if (i > 0 && PERSONAL_PAIRS.contains(words.get(i - 1) + word)) {
                return true;
            }
        }
        return false;
    }

    static List<String> words(String javaName) {
        var words = new ArrayList<String>();
        for (String part : javaName.split("_|(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")) {
            if (!part.isEmpty()) {
                words.add(part.toLowerCase(Locale.ROOT));
            }
        }
        return words;
    }

    private static boolean isClassified(Class<?> owner, Field field) {
        if (field.isAnnotationPresent(Classified.class) || field.getType().isAnnotationPresent(Classified.class)) {
            return true;
        }
        if (field.getType().isArray() && field.getType().getComponentType().isAnnotationPresent(Classified.class)) {
            return true;
        }
        if (owner.isRecord()) {
            for (var component : owner.getRecordComponents()) {
                if (component.getName().equals(field.getName()) && component.isAnnotationPresent(Classified.class)) {
                    return true;
                }
            }
        }
        return false;
    }

    static List<Class<?>> classesUnder(String basePackage) {
        String path = basePackage.replace('.', '/');
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        var names = new ArrayList<String>();
        try {
            for (URL url : Collections.list(loader.getResources(path))) {
                if ("file".equals(url.getProtocol())) {
                    Path root = Path.of(url.toURI());
                    try (Stream<Path> files = Files.walk(root)) {
                        files.filter(p -> p.toString().endsWith(".class"))
                                .map(p -> basePackage + "."
                                        + root.relativize(p)
                                                .toString()
                                                .replace('/', '.')
                                                .replaceAll("\\.class$", ""))
                                .forEach(names::add);
                    }
                } else if ("jar".equals(url.getProtocol())) {
                    var connection = (JarURLConnection) url.openConnection();
                    try (var jar = connection.getJarFile()) {
                        for (JarEntry entry : Collections.list(jar.entries())) {
                            String n = entry.getName();
                            if (n.startsWith(path + "/") && n.endsWith(".class")) {
                                names.add(n.replace('/', '.').replaceAll("\\.class$", ""));
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        var classes = new ArrayList<Class<?>>();
        for (String name : names) {
            if (name.endsWith("package-info") || name.endsWith("module-info")) {
                continue;
            }
            try {
                classes.add(Class.forName(name, false, loader));
            } catch (ClassNotFoundException | LinkageError e) {
                throw new IllegalStateException("cannot load " + name + " for the classification check", e);
            }
        }
        return classes;
    }
}

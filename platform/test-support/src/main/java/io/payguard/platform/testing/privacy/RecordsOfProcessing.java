package io.payguard.platform.testing.privacy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaEnumConstant;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;

/**
 * Records of processing (issue 18 item 6, PIPL art. 54 / GDPR art. 30), generated from the code so they cannot drift
 * from it: every field (and record component) of a service's compiled classes annotated
 * {@code @Classified(level, kind)} ({@code platform/protection} classification; on a type: every field of it) is one
 * row: field, class, kind, and from the service's {@code privacy/processing.properties}, keyed by kind, the purpose
 * ({@code <KIND>.purpose}), legal basis ({@code .legal-basis}), retention ({@code .retention}) and who may read it
 * ({@code .readers}). The classes are read as class files (ArchUnit), never loaded, so a service's dependencies need not
 * be on the class path.
 */
public final class RecordsOfProcessing {

    static final String CLASSIFIED = "io.payguard.platform.protection.classification.Classified";
    static final List<String> COLUMNS = List.of("purpose", "legal-basis", "retention", "readers");

    /** One personal field of a service. */
    public record Row(String field, String level, String kind) {}

    private RecordsOfProcessing() {}

    /** The classified fields of the classes under {@code classes} (a target/classes directory), sorted. */
    public static List<Row> rows(Path classes) {
        var rows = new TreeSet<Row>(Comparator.comparing(Row::field));
        for (JavaClass c : importClasses(classes)) {
            JavaAnnotation<?> typeMark = c.tryGetAnnotationOfType(CLASSIFIED).orElse(null);
            for (JavaField f : c.getFields()) {
                if (f.getModifiers().contains(JavaModifier.STATIC)) {
                    continue;
                }
                JavaAnnotation<?> mark = f.tryGetAnnotationOfType(CLASSIFIED)
                        .<JavaAnnotation<?>>map(a -> a)
                        .orElse(typeMark);
                if (mark != null) {
                    rows.add(row(c, f, mark));
                }
            }
        }
        return List.copyOf(rows);
    }

    /** The class files alone: types they refer to are not looked up on the class path (the service's are not on it). */
    private static Iterable<JavaClass> importClasses(Path classes) {
        var config = ArchConfiguration.get();
        boolean resolve = config.resolveMissingDependenciesFromClassPath();
        config.setResolveMissingDependenciesFromClassPath(false);
        try {
            return new ClassFileImporter().importPath(classes);
        } finally {
            config.setResolveMissingDependenciesFromClassPath(resolve);
        }
    }

    private static Row row(JavaClass c, JavaField f, JavaAnnotation<?> a) {
        String owner = c.getName().substring(c.getPackageName().length() + 1).replace('$', '.');
        return new Row(owner + "." + f.getName(), constant(a, "level"), constant(a, "kind"));
    }

    private static String constant(JavaAnnotation<?> a, String property) {
        Object v = a.get(property).orElseThrow();
        return v instanceof JavaEnumConstant e ? e.name() : String.valueOf(v);
    }

    /** The Markdown section of one service: a heading and one table row per classified field. */
    public static String section(String service, Path classes, Properties processing) {
        var out = new StringBuilder("## ").append(service).append("\n\n");
        List<Row> rows = rows(classes);
        if (rows.isEmpty()) {
            return out.append("No field of ")
                    .append(service)
                    .append(" is classified (`@Classified`) yet.\n\n")
                    .toString();
        }
        out.append("| field | class | kind | purpose | legal basis | retention | who may read it |\n")
                .append("|---|---|---|---|---|---|---|\n");
        var missing = new ArrayList<String>();
        for (Row r : rows) {
            out.append("| `")
                    .append(r.field())
                    .append("` | ")
                    .append(r.level())
                    .append(" | ")
                    .append(r.kind());
            for (String column : COLUMNS) {
                String value = processing.getProperty(r.kind() + "." + column);
                if (value == null || value.isBlank()) {
                    missing.add(r.kind() + "." + column);
                    value = "**not declared**";
                }
                out.append(" | ").append(value.replace("|", "\\|"));
            }
            out.append(" |\n");
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException(service + ": privacy/processing.properties lacks " + new TreeSet<>(missing)
                    + " (one entry per kind and column: purpose, legal-basis, retention, readers)");
        }
        return out.append('\n').toString();
    }

    /** The service's {@code privacy/processing.properties} under {@code resources} (empty when it has none). */
    public static Properties processing(Path resources) {
        var p = new Properties();
        Path file = resources.resolve("privacy/processing.properties");
        if (Files.exists(file)) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return p;
    }

    /** The whole document: a fixed preamble and one section per service, in the order given. */
    public static String document(Path repo, List<String> services) {
        var out = new StringBuilder(PREAMBLE);
        for (String service : services) {
            Path module = repo.resolve(service);
            out.append(section(
                    service, module.resolve("target/classes"), processing(module.resolve("src/main/resources"))));
        }
        return out.toString().stripTrailing() + "\n";
    }

    static final String PREAMBLE = """
            # Records of processing

            Generated by `platform/test-support` `RecordsOfProcessing` from the services' compiled classes (every field
            annotated `@Classified(level, kind)`, `platform/protection` classification) and each service's
            `src/main/resources/privacy/processing.properties` (purpose, legal basis, retention and readers per kind).
            Do not edit: `RecordsOfProcessingTest` (e2e-tests, no stack needed) fails when this file differs from what
            the code says; regenerate with

            ```bash
            ./mvnw -o -B test -pl e2e-tests -am -Dtest=RecordsOfProcessingTest -Dsurefire.failIfNoSpecifiedTests=false \\
                -Dfuzz.skip -Dpayguard.records.write=true
            ```

            Classes: C1 internal, C2 personal (stored encrypted, shown masked, never logged), C3 sensitive authentication
            data (never stored after use). Kinds: `DataKind`.

            """;
}

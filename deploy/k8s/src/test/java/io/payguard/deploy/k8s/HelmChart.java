package io.payguard.deploy.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;

/**
 * Renders and lints the chart with Helm's own library (helm-java), and parses what it renders.
 * Paths and the project version come from system properties that the pom sets.
 */
final class HelmChart {

    static final String RELEASE = "payguard";
    static final String NAMESPACE = "payguard";
    static final List<String> ENVIRONMENT_FILES = List.of("values-dev.yaml", "values-production.yaml");

    static final ObjectMapper YAML = new ObjectMapper(
                    new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER))
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private HelmChart() {}

    static Path chartDir() {
        return Path.of(requiredProperty("payguard.chart.dir"));
    }

    static Path examplesDir() {
        return Path.of(requiredProperty("payguard.examples.dir"));
    }

    static Path repoDir() {
        return Path.of(requiredProperty("payguard.repo.dir")).normalize();
    }

    static String projectVersion() {
        return requiredProperty("payguard.project.version");
    }

    private static String requiredProperty(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(
                    "System property " + name + " is not set: run the tests through Maven (deploy/k8s/pom.xml)");
        }
        return value;
    }

    /**
     * The site file an operator passes after values-production.yaml (test resource {@value #PRODUCTION_SITE}): the
     * values that file leaves empty on purpose (SCA relay, gateway, relying party), so it does not render alone.
     */
    static final String PRODUCTION_SITE = "site-production.yaml";

    static Path productionSite() {
        try {
            return Path.of(HelmChart.class.getResource("/" + PRODUCTION_SITE).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code helm template} with the chart's values-*.yaml files named (values-production.yaml followed by the site
     * file, as an operator installs it), then extra files and --set pairs.
     */
    static String template(List<String> chartValuesFiles, List<Path> extraValuesFiles, Map<String, Object> sets) {
        return templateWithoutSite(
                chartValuesFiles,
                chartValuesFiles.contains("values-production.yaml")
                        ? Stream.concat(Stream.of(productionSite()), extraValuesFiles.stream())
                                .toList()
                        : extraValuesFiles,
                sets);
    }

    /** {@code helm template} with exactly the files named: values-production.yaml gets no site file. */
    static String templateWithoutSite(
            List<String> chartValuesFiles, List<Path> extraValuesFiles, Map<String, Object> sets) {
        TemplateCommand cmd = new Helm(chartDir()).template().withName(RELEASE).withNamespace(NAMESPACE);
        for (String f : chartValuesFiles) {
            cmd = cmd.withValuesFile(chartDir().resolve(f));
        }
        for (Path f : extraValuesFiles) {
            cmd = cmd.withValuesFile(f);
        }
        for (Map.Entry<String, Object> e : sets.entrySet()) {
            cmd = cmd.set(e.getKey(), e.getValue());
        }
        return cmd.call();
    }

    static List<JsonNode> render(String chartValuesFile) {
        return parse(template(List.of(chartValuesFile), List.of(), Map.of()));
    }

    static List<JsonNode> render(String chartValuesFile, Map<String, Object> sets) {
        return parse(template(List.of(chartValuesFile), List.of(), sets));
    }

    /** Splits a multi-document YAML stream into its non-empty documents; duplicate keys fail. */
    static List<JsonNode> parse(String yaml) {
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isNull() && !doc.isMissingNode() && !doc.isEmpty()) {
                    docs.add(doc);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return docs;
    }

    /**
     * {@code helm lint --strict -f <file>}. helm-java 0.0.15's lint takes no values file, so the chart is
     * copied to a temporary directory whose values.yaml is the chart's values.yaml merged with the file
     * the way Helm merges values (maps deep-merged, other values replaced, null deletes).
     */
    static LintResult lintWith(String chartValuesFile, Path workDir) throws IOException {
        Path copy = workDir.resolve("payguard");
        copyTree(chartDir(), copy);
        ObjectNode base =
                (ObjectNode) YAML.readTree(chartDir().resolve("values.yaml").toFile());
        JsonNode overlay = YAML.readTree(chartDir().resolve(chartValuesFile).toFile());
        merge(base, overlay);
        if (chartValuesFile.equals("values-production.yaml")) {
            merge(base, YAML.readTree(productionSite().toFile()));
        }
        YAML.writeValue(copy.resolve("values.yaml").toFile(), base);
        return new Helm(copy).lint().strict().call();
    }

    static LintResult lintBare() {
        return new Helm(chartDir()).lint().strict().call();
    }

    static void merge(ObjectNode base, JsonNode overlay) {
        Iterator<Map.Entry<String, JsonNode>> fields = overlay.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            JsonNode current = base.get(f.getKey());
            if (f.getValue().isNull()) {
                base.remove(f.getKey());
            } else if (current instanceof ObjectNode currentObject
                    && f.getValue().isObject()) {
                merge(currentObject, f.getValue());
            } else {
                base.set(f.getKey(), f.getValue().deepCopy());
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    /** Writes a values file (what an operator would pass with -f or --set-file). */
    static Path valuesFile(Path dir, String name, Map<String, Object> values) throws IOException {
        Path file = dir.resolve(name);
        YAML.writeValue(file.toFile(), values);
        return file;
    }

    static Map<String, Object> nested(String dottedPath, Object value) {
        String[] parts = dottedPath.split("\\.");
        Object current = value;
        for (int i = parts.length - 1; i >= 0; i--) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put(parts[i], current);
            current = m;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) current;
        return result;
    }
}

package io.payguard.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * deploy/k8s/README.md's table of values is generated from values.schema.json (paths, types, descriptions) and
 * values.yaml (defaults). It fails when the two drift; {@code -Dpayguard.values-table.write=true} rewrites the README
 * section between the markers (the generated table is also left in target/values-table.md).
 */
class ValuesTableTest {

    static final String BEGIN =
            "<!-- values-table:begin (generated from values.schema.json by ValuesTableTest; do not edit) -->";
    static final String END = "<!-- values-table:end -->";
    private static final List<String> SERVICE_KEYS = List.of("auth", "payment", "wallet", "audit");
    private static final ObjectMapper JSON = new ObjectMapper();

    record Row(String path, String type, String defaultValue, String description) {}

    static List<Row> rows() throws IOException {
        JsonNode schema =
                JSON.readTree(HelmChart.chartDir().resolve("values.schema.json").toFile());
        JsonNode values = HelmChart.YAML.readTree(
                HelmChart.chartDir().resolve("values.yaml").toFile());
        List<Row> rows = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> top = schema.path("properties").fields();
        while (top.hasNext()) {
            Map.Entry<String, JsonNode> e = top.next();
            if (e.getKey().equals("services")) {
                walk(schema, schema.path("definitions").path("service"), "services.<svc>", List.of(), values, rows);
            } else {
                walk(schema, e.getValue(), e.getKey(), List.of(e.getKey()), values, rows);
            }
        }
        return rows;
    }

    private static void walk(
            JsonNode schema, JsonNode node, String path, List<String> valuePath, JsonNode values, List<Row> rows) {
        String description = node.path("description").asText("");
        JsonNode target = node;
        if (node.has("$ref")) {
            target = schema.path("definitions").path(node.path("$ref").asText().substring("#/definitions/".length()));
            if (description.isEmpty()) {
                description = target.path("description").asText("");
            }
        }
        if (target.path("properties").size() > 0
                && "object".equals(target.path("type").asText())) {
            Iterator<Map.Entry<String, JsonNode>> fields =
                    target.path("properties").fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                List<String> next = new ArrayList<>(valuePath);
                next.add(f.getKey());
                walk(schema, f.getValue(), path + "." + f.getKey(), next, values, rows);
            }
            return;
        }
        rows.add(new Row(path, type(node, target), defaultOf(path, valuePath, values), description));
    }

    private static String type(JsonNode node, JsonNode target) {
        if (node.has("$ref")) {
            return node.path("$ref").asText().substring("#/definitions/".length());
        }
        if (target.has("enum")) {
            List<String> options = new ArrayList<>();
            target.path("enum").forEach(v -> options.add(v.asText()));
            return String.join(" \\| ", options);
        }
        JsonNode t = target.path("type");
        if (t.isArray()) {
            List<String> types = new ArrayList<>();
            t.forEach(x -> types.add(x.asText()));
            return String.join(" or ", types);
        }
        return t.asText("any");
    }

    private static String defaultOf(String path, List<String> valuePath, JsonNode values) {
        if (path.startsWith("services.<svc>.")) {
            Set<String> perService = new LinkedHashSet<>();
            String rest = path.substring("services.<svc>.".length());
            for (String key : SERVICE_KEYS) {
                JsonNode v = values.path("services").path(key);
                for (String part : rest.split("\\.")) {
                    v = v.path(part);
                }
                perService.add(show(v));
            }
            return perService.size() == 1 ? perService.iterator().next() : "per service";
        }
        JsonNode v = values;
        for (String part : valuePath) {
            v = v.path(part);
        }
        return show(v);
    }

    private static String show(JsonNode v) {
        if (v.isMissingNode()) {
            return "(none)";
        }
        String text = v.isTextual() ? (v.asText().isEmpty() ? "\"\"" : v.asText()) : v.toString();
        text = text.replace("|", "\\|");
        return text.length() > 48 ? "see values.yaml" : "`" + text + "`";
    }

    static String table() throws IOException {
        StringBuilder md = new StringBuilder(BEGIN)
                .append('\n')
                .append("| value | type | default | what |\n| --- | --- | --- | --- |\n");
        for (Row r : rows()) {
            md.append("| `")
                    .append(r.path())
                    .append("` | ")
                    .append(r.type())
                    .append(" | ")
                    .append(r.defaultValue())
                    .append(" | ")
                    .append(r.description().replace("|", "\\|"))
                    .append(" |\n");
        }
        return md.append(END).toString();
    }

    @Test
    void everyValueHasATypeAndADescription() throws IOException {
        List<Row> rows = rows();
        assertThat(rows).hasSizeGreaterThan(80);
        assertThat(rows)
                .allSatisfy(r -> assertThat(r.description()).as(r.path()).isNotBlank());
    }

    @Test
    void theReadmeTableIsTheGeneratedOne() throws IOException {
        Path readme = HelmChart.chartDir().getParent().resolve("README.md");
        String text = Files.readString(readme);
        String expected = table();
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/values-table.md"), expected + "\n");
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        assertThat(begin).as("README markers").isNotNegative();
        assertThat(end).as("README markers").isGreaterThan(begin);
        String actual = text.substring(begin, end + END.length());
        if (!actual.equals(expected) && Boolean.getBoolean("payguard.values-table.write")) {
            Files.writeString(readme, text.substring(0, begin) + expected + text.substring(end + END.length()));
            actual = expected;
        }
        assertThat(actual)
                .as("README values table differs from values.schema.json/values.yaml: run the test with "
                        + "-Dpayguard.values-table.write=true (or copy target/values-table.md)")
                .isEqualTo(expected);
    }
}

package io.payguard.platform.testing.openapi;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The service's OpenAPI document (served at {@code /q/openapi}) is one a merchant can code from: valid under
 * {@code spectral:oas} and the OWASP API Security ruleset with no error, every warning fixed or justified in
 * {@code src/test/resources/openapi/lint-justifications.txt}, and every operation documented by
 * {@link OpenApiDocumentRules}. Each service runs it from one {@code @QuarkusTest} ({@code OpenApiDocumentTest}); the
 * document and the full lint report are left in {@code target/openapi/} for reading.
 */
public abstract class OpenApiDocumentContract {

    static final String JUSTIFICATIONS = "/openapi/lint-justifications.txt";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theDocumentHasNoLintErrorAndEveryWarningIsJustified() throws IOException {
        Path document = fetch();
        List<OpenApiLint.Finding> findings = OpenApiLint.lint(document);
        Files.writeString(
                report(),
                findings.stream().map(OpenApiLint.Finding::toString).collect(Collectors.joining("\n")) + "\n");
        List<String> errors = findings.stream()
                .filter(f -> f.severity().equals("error"))
                .map(OpenApiLint.Finding::toString)
                .toList();
        LintJustifications justified = justifications();
        List<String> unjustified = findings.stream()
                .filter(f -> f.severity().equals("warn") && !justified.covers(f))
                .map(OpenApiLint.Finding::toString)
                .toList();
        List<String> stale = justified.unused(findings).stream()
                .map(e -> "line " + e.line() + ": " + e.rule() + " | " + e.path() + " matches no finding")
                .toList();
        StringBuilder problems = new StringBuilder();
        section(problems, "lint errors (spectral:oas + OWASP)", errors);
        section(problems, "warnings neither fixed nor listed in src/test/resources" + JUSTIFICATIONS, unjustified);
        section(problems, "justifications that no longer match a warning (remove them)", stale);
        if (!problems.isEmpty()) {
            throw new AssertionError("OpenAPI document " + document + " (full report: " + report() + ")" + problems);
        }
    }

    @Test
    void everyOperationHasExamplesErrorsAndHeaders() throws IOException {
        JsonNode document = JSON.readTree(fetch().toFile());
        List<String> failures = OpenApiDocumentRules.check(document);
        if (!failures.isEmpty()) {
            StringBuilder problems = new StringBuilder();
            section(problems, "operations a merchant cannot code from", failures);
            throw new AssertionError("OpenAPI document of " + service() + problems);
        }
    }

    private static void section(StringBuilder out, String title, List<String> lines) {
        if (!lines.isEmpty()) {
            out.append("\n").append(lines.size()).append(' ').append(title).append(':');
            lines.forEach(l -> out.append("\n  ").append(l));
        }
    }

    /** The served document, saved under {@code target/openapi/<service>.json}. */
    protected Path fetch() throws IOException {
        String json = given().when()
                .get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        Path file = Path.of("target", "openapi", service() + ".json").toAbsolutePath();
        Files.createDirectories(file.getParent());
        Files.writeString(file, json);
        return file;
    }

    private Path report() {
        return Path.of("target", "openapi", service() + "-lint.txt").toAbsolutePath();
    }

    protected String service() {
        return ConfigProvider.getConfig().getValue("quarkus.application.name", String.class);
    }

    private LintJustifications justifications() throws IOException {
        try (InputStream in = getClass().getResourceAsStream(JUSTIFICATIONS)) {
            return LintJustifications.parse(in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}

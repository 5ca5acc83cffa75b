package io.payguard.platform.testing.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The lint harness and the document rules fail where they should (each check proven on a deliberate gap). */
class OpenApiChecksTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One secured operation taking an id, documented the way the services must. */
    private static final String GOOD = """
            {"openapi": "3.1.0", "info": {"title": "t", "version": "1"},
             "paths": {"/v1/things/{id}": {"get": {"security": [{"oidc": ["merchant"]}],
              "parameters": [{"name": "id", "in": "path", "required": true,
                              "schema": {"type": "string", "maxLength": 35}}],
              "responses": {
               "200": {"description": "ok", "headers": %s,
                       "content": {"application/json": {"schema": {"type": "object"}, "example": {"id": "t_1"}}}},
               "400": %s, "401": %s, "403": %s, "404": %s, "429": %s, "503": %s}}}},
             "components": {"schemas": {"Problem": {"type": "object"}}}}""";

    private static final String HEADERS =
            "{\"RateLimit-Limit\": {}, \"RateLimit-Remaining\": {}, \"RateLimit-Reset\": {}, \"Retry-After\": {}}";

    private static String problem(String code) {
        return "{\"description\": \"p\", \"headers\": " + HEADERS
                + ", \"content\": {\"application/problem+json\": {\"schema\": {\"$ref\": \"#/components/schemas/Problem\"},"
                + " \"example\": {\"type\": \"https://payguard.io/problems/" + code + "\", \"code\": \"" + code
                + "\"}}}}";
    }

    private static String document(String notFound) {
        return GOOD.formatted(
                HEADERS,
                problem("invalid_characters"),
                problem("unauthenticated"),
                problem("forbidden"),
                notFound,
                problem("rate_limited"),
                problem("overloaded"));
    }

    @Test
    void aWellDocumentedOperationPasses() throws Exception {
        assertThat(OpenApiDocumentRules.check(JSON.readTree(document(problem("thing_not_found")))))
                .isEmpty();
    }

    @Test
    void aProblemExampleThatDoesNotNameItsTypeFails() throws Exception {
        String untyped = problem("thing_not_found").replace("problems/thing_not_found", "problems/other");
        assertThat(OpenApiDocumentRules.check(JSON.readTree(document(untyped))))
                .containsExactly("GET /v1/things/{id}: 404 has no problem example naming its type and code");
    }

    @Test
    void aMissing404AndMissingHeadersFail() throws Exception {
        String doc = document(problem("x")).replace("\"404\": ", "\"410\": ").replace("\"RateLimit-Reset\": {}, ", "");
        assertThat(OpenApiDocumentRules.check(JSON.readTree(doc)))
                .contains("GET /v1/things/{id}: no a 404 problem (it takes an id)")
                .contains("GET /v1/things/{id}: 200 does not document RateLimit-Reset");
    }

    @Test
    void justificationsMatchByRuleAndGlobAndReportStaleLines() {
        var justified = LintJustifications.parse("""
                # comment
                rule-a | paths>**>get | why
                rule-b | components>schemas>*>properties>name | why
                oas3-api-servers | (root) | why
                """);
        var a = new OpenApiLint.Finding("rule-a", "warn", "paths>/v1/x/{id}>get", "m");
        var b = new OpenApiLint.Finding("rule-b", "warn", "components>schemas>X>properties>name", "m");
        var deeper =
                new OpenApiLint.Finding("rule-b", "warn", "components>schemas>X>properties>y>properties>name", "m");
        var root = new OpenApiLint.Finding("oas3-api-servers", "warn", "", "m");
        assertThat(justified.covers(a)).isTrue();
        assertThat(justified.covers(b)).isTrue();
        assertThat(justified.covers(deeper)).as("* stays within one segment").isFalse();
        assertThat(justified.covers(root)).isTrue();
        assertThat(justified.unused(List.of(a, root)))
                .extracting(LintJustifications.Entry::rule)
                .containsExactly("rule-b");
        assertThatThrownBy(() -> LintJustifications.parse("rule | path"))
                .hasMessageContaining("is not 'rule | path | why'");
    }

    @Test
    void spectralFindsAnArrayWithoutItemsAndAStringWithoutBound(@TempDir Path dir) throws Exception {
        Path doc = dir.resolve("bad.json");
        Files.writeString(doc, """
                {"openapi": "3.1.0", "info": {"title": "t", "version": "1"},
                 "paths": {"/a": {"get": {"responses": {"200": {"description": "ok", "content":
                  {"application/json": {"schema": {"type": "object", "properties": {
                    "list": {"type": "array", "maxItems": 3}, "name": {"type": "string"}}}}}}}}}}}""");
        List<OpenApiLint.Finding> findings = OpenApiLint.lint(doc);
        assertThat(findings)
                .extracting(OpenApiLint.Finding::rule, OpenApiLint.Finding::severity)
                .contains(
                        org.assertj.core.groups.Tuple.tuple("array-items", "error"),
                        org.assertj.core.groups.Tuple.tuple("owasp:api4:2023-string-limit", "error"));
    }
}

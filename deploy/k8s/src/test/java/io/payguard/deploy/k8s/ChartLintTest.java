package io.payguard.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import com.marcnuri.helm.LintResult;

/** helm lint --strict with each environment file. */
class ChartLintTest {

    static final List<String> ENVIRONMENTS = HelmChart.ENVIRONMENT_FILES;

    @TempDir
    Path tmp;

    @ParameterizedTest
    @FieldSource("ENVIRONMENTS")
    void lintsCleanWithEachEnvironmentFile(String valuesFile) throws IOException {
        LintResult result = HelmChart.lintWith(valuesFile, tmp);
        assertThat(result.isFailed())
                .as(String.join("\n", result.getMessages()))
                .isFalse();
        assertThat(result.getMessages()).noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
    }

    @Test
    void lintFailsWithoutAnEnvironmentFile() {
        // values.yaml alone names no registry, Kafka, database or Keycloak on purpose.
        LintResult result = HelmChart.lintBare();
        assertThat(result.isFailed()).isTrue();
        assertThat(String.join("\n", result.getMessages())).contains("registry is required");
    }
}

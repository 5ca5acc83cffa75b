package io.payguard.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** Chart.yaml follows the Maven project version, so the default image tag is the version being built. */
class VersionSyncTest {

    @Test
    void chartVersionsEqualTheMavenProjectVersion() throws IOException {
        JsonNode chart = HelmChart.YAML.readTree(
                HelmChart.chartDir().resolve("Chart.yaml").toFile());
        assertThat(chart.path("appVersion").asText()).isEqualTo(HelmChart.projectVersion());
        assertThat(chart.path("version").asText()).isEqualTo(HelmChart.projectVersion());
    }

    @Test
    void anExplicitTagOverridesTheDefault() {
        var docs = HelmChart.render("values-dev.yaml", java.util.Map.of("global.image.tag", "1.2.3"));
        assertThat(ManifestRules.imagesTagged(docs, "localhost:5000", "1.2.3")).isEmpty();
        assertThat(ManifestRules.imagesTagged(docs, "localhost:5000", HelmChart.projectVersion()))
                .hasSize(5); // the four services and the web app
    }
}
